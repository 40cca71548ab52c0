import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { notificationStream, subscriptionStream } from '@app/contracts';
import { SubscriptionsReader } from '@app/consumers';
import { WatchlistRepository } from '@app/watchlist';
import {
  notificationDecider,
  SubscriptionChannelMismatchError,
  SubscriptionNotFoundError,
  type SubscriptionCommand,
  subscriptionDecider,
} from '@app/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import {
  hashToken,
  loadSubscription,
  newSubscriptionToken,
  newWebhookSecret,
  seal,
  SubscriptionKeyStore,
  type SubscriptionRecord,
  tokenMatchesHash,
  unseal,
} from '@app/subscriptions';
import type { EmailFrequency } from '@app/contracts';
import { AdminTokenGuard } from '../admin/admin-token.guard.js';
import { EmailSubscriptionsService } from './email-subscriptions.service.js';
import type {
  CreateSubscriptionRequest,
  UpdateSubscriptionRequest,
} from './subscription-requests.js';
import type { CreatedSubscription, SubscriptionView } from './subscription-responses.js';

/**
 * Subscriptions as commands on their streams; reads from the subscriptions view. It appends
 * and never queues: a test, a replay and a resume are events that worker reactors turn into
 * jobs.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly catalog: SubscriptionsReader,
    private readonly watchlists: WatchlistRepository,
    private readonly keys: SubscriptionKeyStore,
    private readonly adminToken: AdminTokenGuard,
    private readonly emails: EmailSubscriptionsService,
  ) {}

  async create(body: CreateSubscriptionRequest): Promise<CreatedSubscription> {
    await this.assertKnownTopics(body.topics);
    if (body.channel === 'email') {
      const { subscriptionId, token, schedule } = await this.emails.create(body);
      return {
        id: subscriptionId,
        channel: 'email',
        url: null,
        email: body.email,
        ...schedule,
        topics: body.topics,
        minScore: body.minScore,
        corroborations: body.corroborations,
        status: 'pending_confirmation',
        statusReason: null,
        createdAt: new Date().toISOString(),
        token,
      };
    }
    const subscriptionId = randomUUID();
    const token = newSubscriptionToken();
    const secret = newWebhookSecret();
    const key = await this.keys.create(subscriptionId);
    await this.decide(subscriptionId, {
      type: 'create',
      subscriptionId,
      channel: 'webhook',
      topics: body.topics,
      minScore: body.minScore,
      corroborations: body.corroborations,
      tokenHash: hashToken(token),
      webhook: {
        url: seal(key, subscriptionId, 'webhook.url', body.url),
        secret: seal(key, subscriptionId, 'webhook.secret', secret),
      },
    });
    return {
      id: subscriptionId,
      channel: 'webhook',
      url: body.url,
      email: null,
      frequency: null,
      timeZone: null,
      digestHour: null,
      topics: body.topics,
      minScore: body.minScore,
      corroborations: body.corroborations,
      status: 'active',
      statusReason: null,
      createdAt: new Date().toISOString(),
      secret,
      token,
    };
  }

  /** The subscription, if the bearer token is its own or the admin's; else 401 or 404. */
  async authorize(
    subscriptionId: string,
    presented: string | undefined,
  ): Promise<SubscriptionRecord> {
    if (presented === undefined) {
      throw new UnauthorizedException({
        code: 'unauthorized',
        message: 'Send the subscription token as "Authorization: Bearer <token>".',
        details: [{ field: 'Authorization', message: 'is missing' }],
      });
    }
    const subscription = await this.load(subscriptionId);
    if (this.adminToken.isAdminToken(presented)) {
      if (!subscription) throw notFound(subscriptionId);
      return subscription;
    }
    // An unknown id and a wrong token answer alike: ids cannot be probed with a token.
    if (!subscription || !tokenMatchesHash(presented, subscription.tokenHash)) {
      throw new UnauthorizedException({
        code: 'unauthorized',
        message: 'This token does not open this subscription.',
        details: [{ field: 'Authorization', message: 'does not open this subscription' }],
      });
    }
    return subscription;
  }

  async view(subscription: SubscriptionRecord): Promise<SubscriptionView> {
    const key = await this.keys.get(subscription.subscriptionId);
    return {
      id: subscription.subscriptionId,
      channel: subscription.channel,
      url:
        key && subscription.webhookUrl
          ? unseal(key, subscription.subscriptionId, 'webhook.url', subscription.webhookUrl)
          : null,
      email: await this.emails.address(subscription),
      frequency: subscription.schedule?.frequency ?? null,
      timeZone: subscription.schedule?.timeZone ?? null,
      digestHour: subscription.schedule?.digestHour ?? null,
      topics: subscription.topics,
      minScore: subscription.minScore,
      corroborations: subscription.corroborations,
      status: subscription.status,
      statusReason: subscription.statusReason,
      createdAt: subscription.createdAt,
    };
  }

  async update(subscription: SubscriptionRecord, body: UpdateSubscriptionRequest): Promise<void> {
    const { subscriptionId } = subscription;
    if (body.topics) await this.assertKnownTopics(body.topics);
    const { paused, url, frequency, timeZone, digestHour, ...settings } = body;
    const scheduleChange = { frequency, timeZone, digestHour };
    const key = url === undefined ? null : await this.keys.get(subscriptionId);
    if (url !== undefined && !key) throw notFound(subscriptionId);
    // Sealing uses a random IV, so only here, with the key, can an unchanged URL be told apart.
    const current =
      key && subscription.webhookUrl
        ? unseal(key, subscriptionId, 'webhook.url', subscription.webhookUrl)
        : null;
    const newUrl = url !== undefined && key && url !== current ? { key, url } : null;
    await this.decide(subscriptionId, {
      type: 'update',
      subscriptionId,
      changes: {
        ...settings,
        ...(Object.values(scheduleChange).some((value) => value !== undefined)
          ? { schedule: this.schedule(subscription, scheduleChange) }
          : {}),
        ...(newUrl
          ? { webhookUrl: seal(newUrl.key, subscriptionId, 'webhook.url', newUrl.url) }
          : {}),
      },
    });
    if (paused === true) await this.decide(subscriptionId, { type: 'pause', subscriptionId });
    // Whatever waited while it was paused or suspended goes once resumed, each once: the
    // delivery-dispatch reactor queues it from `subscription.resumed`.
    if (paused === false) await this.decide(subscriptionId, { type: 'resume', subscriptionId });
  }

  /** Records the deletion, then destroys the key: the log keeps only unreadable ciphertext. */
  async delete(subscriptionId: string): Promise<void> {
    await this.decide(subscriptionId, { type: 'delete', subscriptionId, reason: 'owner' });
    await this.keys.destroy(subscriptionId);
  }

  async sendTest(subscription: SubscriptionRecord): Promise<{ notificationId: string }> {
    const { subscriptionId } = assertConfirmed(subscription);
    const notificationId = randomUUID().replaceAll('-', '');
    await handleCommand(this.store, notificationStream(notificationId), notificationDecider, {
      type: 'request',
      request: { notificationId, subscriptionId, kind: 'subscription.test', cause: 'test' },
    });
    return { notificationId };
  }

  /**
   * Records the replay of alert events since a time; a worker's job requests the
   * notifications (subscription.replayed says how many), and their deliveries follow.
   */
  async replay(
    subscription: SubscriptionRecord,
    since: string,
  ): Promise<{ replayId: string; since: string }> {
    const replayId = randomUUID();
    const { subscriptionId } = assertConfirmed(subscription);
    await this.decide(subscriptionId, { type: 'request-replay', subscriptionId, replayId, since });
    return { replayId, since };
  }

  /** From the subscription's stream, not the view: a change is visible at once. */
  private async load(subscriptionId: string): Promise<SubscriptionRecord | null> {
    return loadSubscription(this.store, subscriptionId);
  }

  private async assertKnownTopics(topics: readonly string[]): Promise<void> {
    const watchlist = await this.watchlists.current();
    const known = new Set(watchlist?.definition.topics.map((topic) => topic.id) ?? []);
    const details = topics.flatMap((topic, index) =>
      known.has(topic)
        ? []
        : [{ field: `topics.${index}`, message: `is not a topic of the watchlist: "${topic}"` }],
    );
    if (details.length > 0) {
      throw new BadRequestException({
        code: 'validation_failed',
        message: details.map((detail) => `${detail.field}: ${detail.message}`).join('; '),
        details,
      });
    }
  }

  /** A webhook has no digest schedule: changing one is a 400 naming the fields. */
  private schedule(
    subscription: SubscriptionRecord,
    change: {
      readonly frequency?: EmailFrequency;
      readonly timeZone?: string;
      readonly digestHour?: number;
    },
  ) {
    if (!subscription.schedule) {
      const fields = Object.entries(change).flatMap(([field, value]) =>
        value === undefined ? [] : [field],
      );
      throw new BadRequestException({
        code: 'validation_failed',
        message: `${fields.join(', ')}: only an email subscription has a frequency`,
        details: fields.map((field) => ({
          field,
          message: 'applies to email subscriptions only',
        })),
      });
    }
    const { frequency, timeZone, digestHour } = change;
    return {
      frequency: frequency ?? subscription.schedule.frequency,
      timeZone: timeZone ?? subscription.schedule.timeZone,
      digestHour: digestHour ?? subscription.schedule.digestHour,
    };
  }

  private async decide(subscriptionId: string, command: SubscriptionCommand) {
    try {
      return await handleCommand(
        this.store,
        subscriptionStream(subscriptionId),
        subscriptionDecider,
        command,
      );
    } catch (error) {
      // Deleted by a request that ran alongside this one, after this one found it.
      if (error instanceof SubscriptionNotFoundError) throw notFound(subscriptionId);
      if (error instanceof SubscriptionChannelMismatchError) {
        throw new BadRequestException({
          code: 'validation_failed',
          message: `url: ${error.message}`,
          details: [{ field: 'url', message: 'applies to webhook subscriptions only' }],
        });
      }
      throw error;
    }
  }
}

/** Nothing but the confirmation email goes to an address before its owner confirms it. */
function assertConfirmed(subscription: SubscriptionRecord): SubscriptionRecord {
  if (subscription.status !== 'pending_confirmation') return subscription;
  throw new ConflictException({
    code: 'not_confirmed',
    message:
      'This email subscription is waiting for confirmation: follow the link in the email sent to the address first.',
  });
}

function notFound(subscriptionId: string): NotFoundException {
  return new NotFoundException({
    code: 'subscription_not_found',
    message: `no subscription ${subscriptionId}`,
  });
}
