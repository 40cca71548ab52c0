import type { EmailSchedule, SealedEmail, SealedValue, SubscriptionChannel } from '@app/contracts';

export type SubscriptionStatus = 'pending_confirmation' | 'active' | 'paused' | 'suspended';

/** A subscription as the view holds it: personal data still sealed. */
export interface SubscriptionRecord {
  readonly subscriptionId: string;
  readonly channel: SubscriptionChannel;
  readonly topics: readonly string[];
  readonly minScore: number;
  readonly corroborations: boolean;
  readonly status: SubscriptionStatus;
  /** Why Vigil paused or suspended it (null: its owner did, or it is active). */
  readonly statusReason: string | null;
  readonly tokenHash: string;
  readonly webhookUrl: SealedValue | null;
  readonly webhookSecret: SealedValue | null;
  /** An email subscription's sealed address and link tokens, and its digest schedule. */
  readonly email: SealedEmail | null;
  readonly schedule: EmailSchedule | null;
  /** When its address was confirmed (null: not yet, or a webhook). */
  readonly confirmedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}
