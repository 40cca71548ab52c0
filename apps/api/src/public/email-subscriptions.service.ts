import { createHash, randomUUID } from 'node:crypto';
import {
  BadRequestException,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type EmailSchedule, notificationStream, subscriptionStream } from '@app/contracts';
import { notificationDecider, subscriptionDecider } from '@app/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import {
  hashToken,
  type LinkPurpose,
  linkTokenMatches,
  linkTokenSubscription,
  loadSubscription,
  newLinkToken,
  newSubscriptionToken,
  seal,
  SubscriptionKeyStore,
  type SubscriptionRecord,
  unseal,
} from '@app/subscriptions';
import type { CreateSubscriptionRequest } from './subscription-requests.js';

type CreateEmailRequest = Extract<CreateSubscriptionRequest, { channel: 'email' }>;

/** What following an email's link came to, for the page that answers it. */
export type LinkOutcome =
  | { readonly kind: 'done'; readonly subscription: SubscriptionRecord }
  | { readonly kind: 'already' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'gone' };

/**
 * Email subscriptions (issue 13, SPEC §6 and §8): double opt-in and the links every email
 * carries. Like the rest of the api it appends and never queues: the confirmation email is a
 * `notification.requested`, sent by the worker on the notification path.
 */
@Injectable()
export class EmailSubscriptionsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(EmailSubscriptionsService.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
    private readonly keys: SubscriptionKeyStore,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) {
      this.logger.warn('email channel off: SMTP_URL is not set, email subscriptions are refused');
    }
  }

  /** Whether SMTP is configured; without it the email channel is off. */
  get enabled(): boolean {
    return this.config.smtpUrl !== undefined;
  }

  /**
   * A new subscription waiting for confirmation, or, when the address already has one waiting,
   * that one again with the latest settings and a new token (the old one cannot be shown
   * again); either way a confirmation email, at most one per `confirmationResendMinutes`.
   */
  async create(
    body: CreateEmailRequest,
  ): Promise<{ subscriptionId: string; token: string; schedule: EmailSchedule }> {
    if (!this.enabled) {
      throw new BadRequestException({
        code: 'email_channel_off',
        message: 'channel: email is off on this server (no SMTP_URL is configured)',
        details: [{ field: 'channel', message: 'email is off: this server has no SMTP_URL' }],
      });
    }
    const token = newSubscriptionToken();
    const schedule: EmailSchedule = {
      frequency: body.frequency,
      timeZone: body.timeZone,
      digestHour: body.digestHour ?? this.config.runtime.email.dailyDigestHour,
    };
    const waiting = await this.waitingFor(body.email);
    const subscriptionId = waiting ?? randomUUID();
    if (waiting) {
      await handleCommand(this.store, subscriptionStream(waiting), subscriptionDecider, {
        type: 'renew-pending',
        subscriptionId: waiting,
        topics: body.topics,
        minScore: body.minScore,
        schedule,
        tokenHash: hashToken(token),
      });
    } else {
      const key = await this.keys.create(subscriptionId, { pendingAddress: body.email });
      const sealed = (field: string, value: string) => seal(key, subscriptionId, field, value);
      await handleCommand(this.store, subscriptionStream(subscriptionId), subscriptionDecider, {
        type: 'create',
        subscriptionId,
        channel: 'email',
        topics: body.topics,
        minScore: body.minScore,
        corroborations: body.corroborations,
        tokenHash: hashToken(token),
        email: {
          address: sealed('email.address', body.email),
          confirmToken: sealed('email.confirmToken', newLinkToken('confirm', subscriptionId)),
          unsubscribeToken: sealed(
            'email.unsubscribeToken',
            newLinkToken('unsubscribe', subscriptionId),
          ),
        },
        schedule,
      });
    }
    await this.requestConfirmation(subscriptionId);
    return { subscriptionId, token, schedule };
  }

  /** GET /v1/subscriptions/confirm?token=: the address's owner says yes. */
  async confirm(token: string): Promise<LinkOutcome> {
    const found = await this.follow('confirm', token);
    if (found.kind !== 'done') return found;
    const { subscription } = found;
    if (subscription.status !== 'pending_confirmation') return { kind: 'already' };
    const { subscriptionId } = subscription;
    await handleCommand(this.store, subscriptionStream(subscriptionId), subscriptionDecider, {
      type: 'confirm',
      subscriptionId,
    });
    await this.keys.clearPending(subscriptionId);
    this.logger.log({ subscriptionId }, 'email subscription confirmed');
    return found;
  }

  /** GET checks the link for the page; POST (RFC 8058 one-click) unsubscribes. */
  async checkUnsubscribe(token: string): Promise<LinkOutcome> {
    return this.follow('unsubscribe', token);
  }

  /**
   * Deletes the subscription and destroys its key, as a DELETE by its owner does. A link of a
   * subscription already gone answers "already": a second click, or a mail client's one-click
   * POST after the reader's own, is no error.
   */
  async unsubscribe(token: string): Promise<LinkOutcome> {
    const found = await this.follow('unsubscribe', token);
    if (found.kind === 'gone') return { kind: 'already' };
    if (found.kind !== 'done') return found;
    const { subscriptionId } = found.subscription;
    await handleCommand(this.store, subscriptionStream(subscriptionId), subscriptionDecider, {
      type: 'delete',
      subscriptionId,
      reason: 'unsubscribed',
    });
    await this.keys.destroy(subscriptionId);
    this.logger.log({ subscriptionId }, 'email subscription unsubscribed by its link');
    return found;
  }

  /** The address in clear, for its owner's GET; null once shredded. */
  async address(subscription: SubscriptionRecord): Promise<string | null> {
    const key = await this.keys.get(subscription.subscriptionId);
    if (!key || !subscription.email) return null;
    return unseal(key, subscription.subscriptionId, 'email.address', subscription.email.address);
  }

  private async waitingFor(address: string): Promise<string | null> {
    const subscriptionId = await this.keys.findPending(address);
    if (!subscriptionId) return null;
    const subscription = await loadSubscription(this.store, subscriptionId);
    return subscription?.status === 'pending_confirmation' ? subscriptionId : null;
  }

  /**
   * The confirmation email's notification. Its id follows from the subscription and the
   * current resend window, so subscribing an address again and again within the window asks
   * for one email only.
   */
  private async requestConfirmation(subscriptionId: string): Promise<void> {
    const windowMs = this.config.runtime.email.confirmationResendMinutes * 60_000;
    const window = Math.floor(Date.now() / windowMs);
    const notificationId = createHash('sha256')
      .update(`confirmation\n${subscriptionId}\n${window}`)
      .digest('hex')
      .slice(0, 32);
    await handleCommand(this.store, notificationStream(notificationId), notificationDecider, {
      type: 'request',
      request: {
        notificationId,
        subscriptionId,
        kind: 'subscription.confirmation',
        cause: 'confirmation',
      },
    });
  }

  /**
   * The subscription a link's token opens: the token names the subscription, and must equal
   * the sealed copy its stream holds. A deleted subscription's copy can no longer be read, so
   * its links are "gone" whatever their random part.
   */
  private async follow(purpose: LinkPurpose, token: string): Promise<LinkOutcome> {
    const subscriptionId = linkTokenSubscription(purpose, token);
    if (!subscriptionId) return { kind: 'invalid' };
    const subscription = await loadSubscription(this.store, subscriptionId);
    const key = subscription && (await this.keys.get(subscriptionId));
    if (!subscription?.email || !key) {
      const history = await this.store.readStream(subscriptionStream(subscriptionId));
      return history.length === 0 ? { kind: 'invalid' } : { kind: 'gone' };
    }
    const field = purpose === 'confirm' ? 'email.confirmToken' : 'email.unsubscribeToken';
    const sealed =
      purpose === 'confirm' ? subscription.email.confirmToken : subscription.email.unsubscribeToken;
    const expected = unseal(key, subscriptionId, field, sealed);
    return linkTokenMatches(token, expected) ? { kind: 'done', subscription } : { kind: 'invalid' };
  }
}
