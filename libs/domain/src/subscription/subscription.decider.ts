import {
  assertNever,
  type EmailSchedule,
  type KnownNewEvent,
  type SealedEmail,
  type SealedValue,
  type SubscriptionChannel,
  type SubscriptionSuspended,
  type SubscriptionUpdated,
} from '@app/contracts';
import { type Decider, evolveOn, ignoreForeignEvent } from '../decider.js';
import {
  SubscriptionChannelMismatchError,
  SubscriptionDeletedError,
  SubscriptionExistsError,
  SubscriptionNotFoundError,
  SubscriptionNotPendingError,
} from './subscription-errors.js';

export type SubscriptionStatus =
  'pending_confirmation' | 'active' | 'paused' | 'suspended' | 'deleted';

export type SubscriptionChanges = SubscriptionUpdated['changes'];

interface SealedWebhook {
  readonly url: SealedValue;
  readonly secret: SealedValue;
}

/** A new subscription; personal data arrives already sealed, tokens already hashed. */
export type CreateSubscription = {
  readonly type: 'create';
  readonly subscriptionId: string;
  readonly topics: readonly string[];
  readonly minScore: number;
  readonly corroborations: boolean;
  readonly tokenHash: string;
} & (
  | { readonly channel: 'webhook'; readonly webhook: SealedWebhook }
  | { readonly channel: 'email'; readonly email: SealedEmail; readonly schedule: EmailSchedule }
);

export type SubscriptionCommand =
  | CreateSubscription
  | {
      readonly type: 'update';
      readonly subscriptionId: string;
      readonly changes: SubscriptionChanges;
    }
  /** The address's owner followed the confirmation link. */
  | { readonly type: 'confirm'; readonly subscriptionId: string }
  /**
   * An unconfirmed address subscribed again: its latest settings and a new token (the caller
   * then sends the confirmation again).
   */
  | {
      readonly type: 'renew-pending';
      readonly subscriptionId: string;
      readonly topics: readonly string[];
      readonly minScore: number;
      readonly schedule: EmailSchedule;
      readonly tokenHash: string;
    }
  /** Forget a subscription never confirmed within `expiresHours` of its creation. */
  | {
      readonly type: 'expire-unconfirmed';
      readonly subscriptionId: string;
      readonly now: string;
      readonly expiresHours: number;
    }
  | { readonly type: 'pause'; readonly subscriptionId: string; readonly reason?: string }
  | { readonly type: 'resume'; readonly subscriptionId: string }
  | {
      readonly type: 'suspend';
      readonly subscriptionId: string;
      readonly reason: SubscriptionSuspended['reason'];
    }
  /** POST /v1/subscriptions/:id/replay: a job requests the notifications (a reactor queues it). */
  | {
      readonly type: 'request-replay';
      readonly subscriptionId: string;
      readonly replayId: string;
      readonly since: string;
    }
  | {
      readonly type: 'delete';
      readonly subscriptionId: string;
      /** `unsubscribed` is idempotent: a second click on an email's link is no error. */
      readonly reason: 'owner' | 'unsubscribed';
    };

export interface SubscriptionState {
  readonly status: SubscriptionStatus;
  readonly channel: SubscriptionChannel;
  readonly topics: readonly string[];
  readonly minScore: number;
  readonly corroborations: boolean;
  readonly tokenHash: string;
  /** Null for an email subscription. */
  readonly webhook: SealedWebhook | null;
  /** Null for a webhook subscription. */
  readonly email: SealedEmail | null;
  readonly schedule: EmailSchedule | null;
  /** When `subscription.created` was recorded: an unconfirmed one expires from then. */
  readonly createdAt: string;
  /** Why it is paused or suspended, when Vigil did it (a refused address, a gone endpoint). */
  readonly statusReason: string | null;
}

/** Topics are a set: the same topics in another order or repeated are no change. */
function sameTopics(current: readonly string[], next: readonly string[]): boolean {
  const wanted = new Set(next);
  return wanted.size === new Set(current).size && current.every((topic) => wanted.has(topic));
}

/**
 * The changes that actually differ from the subscription. A sealed URL differs whenever it was
 * sealed again, even to the same address (the IV is random): only the caller, who holds the
 * key, can tell that the address is the same and leave it out.
 */
function effectiveChanges(
  state: SubscriptionState,
  changes: SubscriptionChanges,
): SubscriptionChanges {
  return {
    ...(changes.topics !== undefined && !sameTopics(state.topics, changes.topics)
      ? { topics: changes.topics }
      : {}),
    ...(changes.minScore !== undefined && changes.minScore !== state.minScore
      ? { minScore: changes.minScore }
      : {}),
    ...(changes.corroborations !== undefined && changes.corroborations !== state.corroborations
      ? { corroborations: changes.corroborations }
      : {}),
    ...(changes.webhookUrl !== undefined && changes.webhookUrl !== state.webhook?.url
      ? { webhookUrl: changes.webhookUrl }
      : {}),
    ...(changes.schedule !== undefined && !sameSchedule(state.schedule, changes.schedule)
      ? { schedule: changes.schedule }
      : {}),
    ...(changes.tokenHash !== undefined && changes.tokenHash !== state.tokenHash
      ? { tokenHash: changes.tokenHash }
      : {}),
  };
}

function sameSchedule(current: EmailSchedule | null, next: EmailSchedule): boolean {
  return (
    current !== null &&
    current.frequency === next.frequency &&
    current.timeZone === next.timeZone &&
    current.digestHour === next.digestHour
  );
}

/** The subscription a command acts on, which must exist and not be deleted. */
function live(state: SubscriptionState | null, subscriptionId: string): SubscriptionState {
  if (state === null) throw new SubscriptionNotFoundError(subscriptionId);
  if (state.status === 'deleted') throw new SubscriptionDeletedError(subscriptionId);
  return state;
}

/**
 * One subscription's stream. Null state: never created. Pause, resume and suspend are
 * idempotent (a retried request or job appends nothing twice); a deleted subscription takes no
 * further events.
 */
export const subscriptionDecider: Decider<SubscriptionCommand, SubscriptionState | null> = {
  initialState: () => null,

  evolve: evolveOn('subscription', (state, event): SubscriptionState | null => {
    switch (event.type) {
      case 'subscription.created': {
        const { channel, topics, minScore, corroborations, tokenHash } = event.data;
        return {
          // An email address is not written to until its owner confirms it (double opt-in).
          status: channel === 'email' ? 'pending_confirmation' : 'active',
          channel,
          topics,
          minScore,
          corroborations,
          tokenHash,
          webhook: event.data.webhook ?? null,
          email: event.data.email ?? null,
          schedule: event.data.schedule ?? null,
          createdAt: event.recordedAt,
          statusReason: null,
        };
      }
      case 'subscription.confirmed':
        return state && { ...state, status: 'active' };
      case 'subscription.updated': {
        if (!state) return state;
        const { topics, minScore, corroborations, webhookUrl, schedule, tokenHash } =
          event.data.changes;
        return {
          ...state,
          topics: topics ?? state.topics,
          minScore: minScore ?? state.minScore,
          corroborations: corroborations ?? state.corroborations,
          webhook:
            state.webhook && webhookUrl ? { ...state.webhook, url: webhookUrl } : state.webhook,
          schedule: schedule ?? state.schedule,
          tokenHash: tokenHash ?? state.tokenHash,
        };
      }
      case 'subscription.paused':
        return state && { ...state, status: 'paused', statusReason: event.data.reason ?? null };
      case 'subscription.resumed':
        return state && { ...state, status: 'active', statusReason: null };
      case 'subscription.suspended':
        return state && { ...state, status: 'suspended', statusReason: event.data.reason };
      case 'subscription.deleted':
        return state && { ...state, status: 'deleted' };
      case 'subscription.replay_requested':
      case 'subscription.replayed':
        return state;
      default:
        return ignoreForeignEvent(event, state);
    }
  }),

  decide(command, state): KnownNewEvent[] {
    const { subscriptionId } = command;
    switch (command.type) {
      case 'create': {
        if (state !== null) throw new SubscriptionExistsError(subscriptionId);
        const { channel, topics, minScore, corroborations, tokenHash } = command;
        return [
          {
            type: 'subscription.created',
            data: {
              subscriptionId,
              channel,
              topics,
              minScore,
              corroborations,
              tokenHash,
              ...(command.channel === 'webhook'
                ? { webhook: command.webhook }
                : { email: command.email, schedule: command.schedule }),
            },
          },
        ];
      }
      case 'confirm':
        // A second click on the link changes nothing; a paused subscription stays paused.
        return live(state, subscriptionId).status === 'pending_confirmation'
          ? [{ type: 'subscription.confirmed', data: { subscriptionId } }]
          : [];
      case 'renew-pending': {
        const current = live(state, subscriptionId);
        if (current.status !== 'pending_confirmation') {
          throw new SubscriptionNotPendingError(subscriptionId);
        }
        const { topics, minScore, schedule, tokenHash } = command;
        const changes = effectiveChanges(current, { topics, minScore, schedule, tokenHash });
        return [{ type: 'subscription.updated', data: { subscriptionId, changes } }];
      }
      case 'expire-unconfirmed': {
        if (state === null || state.status !== 'pending_confirmation') return [];
        const expiresAt = Date.parse(state.createdAt) + command.expiresHours * 3_600_000;
        return Date.parse(command.now) >= expiresAt
          ? [{ type: 'subscription.deleted', data: { subscriptionId, reason: 'unconfirmed' } }]
          : [];
      }
      case 'update': {
        const current = live(state, subscriptionId);
        if (command.changes.webhookUrl !== undefined && current.channel !== 'webhook') {
          throw new SubscriptionChannelMismatchError(subscriptionId, 'a webhook URL');
        }
        if (command.changes.schedule !== undefined && current.channel !== 'email') {
          throw new SubscriptionChannelMismatchError(subscriptionId, 'an email frequency');
        }
        const changes = effectiveChanges(current, command.changes);
        if (Object.keys(changes).length === 0) return [];
        return [{ type: 'subscription.updated', data: { subscriptionId, changes } }];
      }
      case 'pause':
        // A suspended subscription already delivers nothing, and pausing it would hide why;
        // an unconfirmed one has nothing to pause.
        return live(state, subscriptionId).status === 'active'
          ? [
              {
                type: 'subscription.paused',
                data: {
                  subscriptionId,
                  ...(command.reason === undefined ? {} : { reason: command.reason }),
                },
              },
            ]
          : [];
      case 'resume': {
        // Resuming lifts a suspension too: the owner has fixed the endpoint and says so. Only
        // the confirmation link makes an unconfirmed subscription active.
        const { status } = live(state, subscriptionId);
        return status === 'paused' || status === 'suspended'
          ? [{ type: 'subscription.resumed', data: { subscriptionId } }]
          : [];
      }
      case 'suspend': {
        if (state === null) throw new SubscriptionNotFoundError(subscriptionId);
        // Delivery may fail for a subscription deleted meanwhile: nothing is left to suspend,
        // and throwing would only retry the job.
        if (state.status === 'deleted' || state.status === 'suspended') return [];
        return [
          { type: 'subscription.suspended', data: { subscriptionId, reason: command.reason } },
        ];
      }
      case 'request-replay':
        live(state, subscriptionId);
        return [
          {
            type: 'subscription.replay_requested',
            data: { subscriptionId, replayId: command.replayId, since: command.since },
          },
        ];
      case 'delete':
        if (command.reason === 'unsubscribed' && state?.status === 'deleted') return [];
        live(state, subscriptionId);
        return [{ type: 'subscription.deleted', data: { subscriptionId, reason: command.reason } }];
      default:
        return assertNever(command);
    }
  },
};
