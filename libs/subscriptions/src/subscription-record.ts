import type { SealedValue, SubscriptionChannel } from '@app/contracts';

export type SubscriptionStatus = 'active' | 'paused' | 'suspended';

/** A subscription as the view holds it: personal data still sealed. */
export interface SubscriptionRecord {
  readonly subscriptionId: string;
  readonly channel: SubscriptionChannel;
  readonly topics: readonly string[];
  readonly minScore: number;
  readonly corroborations: boolean;
  readonly status: SubscriptionStatus;
  readonly tokenHash: string;
  readonly webhookUrl: SealedValue | null;
  readonly webhookSecret: SealedValue | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}
