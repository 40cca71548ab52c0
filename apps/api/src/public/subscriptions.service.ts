import { randomUUID, createHash } from 'node:crypto';
import {
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import {
  type KnownRecordedEvent,
  type NotificationRequested,
  notificationStream,
  subscriptionStream,
} from '@app/contracts';
import {
  type SubscriptionRecord,
  SubscriptionCatalog,
  loadSubscription,
  WatchlistCatalog,
} from '@app/consumers';
import { type SubscriptionCommand, subscriptionDecider } from '@app/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import { deliveryJobId, JobName, JobQueues } from '@app/jobs';
import {
  hashToken,
  newSubscriptionToken,
  newWebhookSecret,
  seal,
  SubscriptionKeyStore,
  tokenMatchesHash,
  unseal,
} from '@app/subscriptions';
import { AdminTokenGuard } from '../admin/admin-token.guard.js';
import type {
  CreateSubscriptionRequest,
  UpdateSubscriptionRequest,
} from './subscription-requests.js';

/** A subscription as its owner sees it: URL unsealed, secret and token never shown again. */
export interface SubscriptionView {
  readonly id: string;
  readonly channel: 'webhook' | 'email';
  readonly url: string | null;
  readonly topics: readonly string[];
  readonly minScore: number;
  readonly corroborations: boolean;
  readonly status: SubscriptionRecord['status'];
  readonly createdAt: string;
}

const REPLAY_PAGE = 500;

type NotificationRequest = NotificationRequested & { readonly cause: 'test' | 'replay' };

/** Subscriptions as commands on their streams; reads from the subscriptions view. */
@Injectable()
export class SubscriptionsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly catalog: SubscriptionCatalog,
    private readonly watchlists: WatchlistCatalog,
    private readonly keys: SubscriptionKeyStore,
    private readonly queues: JobQueues,
    private readonly adminToken: AdminTokenGuard,
  ) {}

  async create(
    body: CreateSubscriptionRequest,
  ): Promise<SubscriptionView & { secret: string; token: string }> {
    if (body.channel === 'email') {
      throw new BadRequestException({
        code: 'validation_failed',
        message: 'channel: email subscriptions are not available yet; use a webhook',
        details: [{ field: 'channel', message: 'email subscriptions are not available yet' }],
      });
    }
    await this.assertKnownTopics(body.topics);
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
      topics: body.topics,
      minScore: body.minScore,
      corroborations: body.corroborations,
      status: 'active',
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
      topics: subscription.topics,
      minScore: subscription.minScore,
      corroborations: subscription.corroborations,
      status: subscription.status,
      createdAt: subscription.createdAt,
    };
  }

  async update(subscription: SubscriptionRecord, body: UpdateSubscriptionRequest): Promise<void> {
    const { subscriptionId } = subscription;
    if (body.topics) await this.assertKnownTopics(body.topics);
    const { paused, url, ...settings } = body;
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
        ...(newUrl
          ? { webhookUrl: seal(newUrl.key, subscriptionId, 'webhook.url', newUrl.url) }
          : {}),
      },
    });
    if (paused === true) await this.decide(subscriptionId, { type: 'pause', subscriptionId });
    if (paused === false) {
      const { appended } = await this.decide(subscriptionId, { type: 'resume', subscriptionId });
      // Whatever waited while it was paused or suspended goes now, each once.
      if (appended.length > 0) await this.requeuePending(subscriptionId);
    }
  }

  /** Records the deletion, then destroys the key: the log keeps only unreadable ciphertext. */
  async delete(subscriptionId: string): Promise<void> {
    await this.decide(subscriptionId, { type: 'delete', subscriptionId });
    await this.keys.destroy(subscriptionId);
  }

  async sendTest(subscriptionId: string): Promise<{ notificationId: string }> {
    const notificationId = randomUUID().replaceAll('-', '');
    await this.requestNotifications([
      { notificationId, subscriptionId, kind: 'subscription.test', cause: 'test' },
    ]);
    return { notificationId };
  }

  /** Alert events since a time that the subscription wants, as new notifications. */
  async replay(
    subscription: SubscriptionRecord,
    since: string,
  ): Promise<{ notifications: number }> {
    const replayId = randomUUID();
    const types = subscription.corroborations
      ? ['alert.raised', 'alert.corroborated']
      : ['alert.raised'];
    const sinceMs = Date.parse(since);
    const wanted: NotificationRequest[] = [];
    for (let after = 0; ;) {
      const page = (await this.store.readAll({
        after,
        limit: REPLAY_PAGE,
        types,
      })) as unknown as KnownRecordedEvent[];
      for (const event of page) {
        after = event.position;
        if (event.type !== 'alert.raised' && event.type !== 'alert.corroborated') continue;
        if (Date.parse(event.recordedAt) < sinceMs) continue;
        if (event.data.score < subscription.minScore) continue;
        if (!event.data.topics.some((topic) => subscription.topics.includes(topic))) continue;
        wanted.push({
          notificationId: createHash('sha256')
            .update(`replay\n${replayId}\n${event.position}`)
            .digest('hex')
            .slice(0, 32),
          subscriptionId: subscription.subscriptionId,
          kind: event.type,
          alertId: event.data.alertId,
          sourcePosition: event.position,
          cause: 'replay',
        });
      }
      if (page.length < REPLAY_PAGE) break;
    }
    await this.requestNotifications(wanted);
    return { notifications: wanted.length };
  }

  private async requestNotifications(notifications: readonly NotificationRequest[]): Promise<void> {
    await this.store.appendToNewStreams(
      notifications.map((data) => ({
        stream: notificationStream(data.notificationId),
        event: { type: 'notification.requested', data },
      })),
    );
    await this.queues.enqueueMany(
      JobName.DeliverNotification,
      notifications.map(({ notificationId, subscriptionId }) => ({
        data: { notificationId, subscriptionId },
        options: { jobId: deliveryJobId(notificationId, 1) },
      })),
    );
  }

  private async requeuePending(subscriptionId: string): Promise<void> {
    const pending = await this.catalog.pendingNotifications(subscriptionId);
    const resumedAt = Date.now();
    await this.queues.enqueueMany(
      JobName.DeliverNotification,
      pending.map((notificationId) => ({
        data: { notificationId, subscriptionId },
        // A new job id: the one of the attempt that found the subscription paused is spent.
        options: { jobId: deliveryJobId(notificationId, 0, resumedAt) },
      })),
    );
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

  private decide(subscriptionId: string, command: SubscriptionCommand) {
    return handleCommand(
      this.store,
      subscriptionStream(subscriptionId),
      subscriptionDecider,
      command,
    );
  }
}

function notFound(subscriptionId: string): NotFoundException {
  return new NotFoundException({
    code: 'subscription_not_found',
    message: `no subscription ${subscriptionId}`,
  });
}
