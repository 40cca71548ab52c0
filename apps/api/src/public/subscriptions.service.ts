import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { notificationStream, subscriptionStream } from '@app/contracts';
import { SubscriptionsReader } from '@app/consumers';
import { WatchlistRepository } from '@app/watchlist';
import { notificationDecider, type SubscriptionCommand, subscriptionDecider } from '@app/domain';
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
    // Whatever waited while it was paused or suspended goes once resumed, each once: the
    // delivery-dispatch reactor queues it from `subscription.resumed`.
    if (paused === false) await this.decide(subscriptionId, { type: 'resume', subscriptionId });
  }

  /** Records the deletion, then destroys the key: the log keeps only unreadable ciphertext. */
  async delete(subscriptionId: string): Promise<void> {
    await this.decide(subscriptionId, { type: 'delete', subscriptionId });
    await this.keys.destroy(subscriptionId);
  }

  async sendTest(subscriptionId: string): Promise<{ notificationId: string }> {
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
    const { subscriptionId } = subscription;
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
