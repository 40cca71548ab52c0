import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  alertStream,
  type KnownNewEvent,
  type KnownRecordedEvent,
  notificationStream,
  subscriptionStream,
} from '@app/contracts';
import { loadSubscription, SubscriptionCatalog, type SubscriptionRecord } from '@app/consumers';
import { subscriptionDecider } from '@app/domain';
import {
  BatchingEventStore,
  EVENT_STORE,
  type EventStore,
  handleCommand,
  WrongExpectedVersionError,
} from '@app/event-store';
import { deliveryJobId, type JobDataMap, JobName, JobQueues } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { SubscriptionKeyStore, unseal } from '@app/subscriptions';
import {
  type DeliveryOutcome,
  EndpointCircuitBreaker,
  nextRetryDelayMs,
  signedHeaders,
  WebhookClient,
} from '@app/webhooks';
import { AsJobHandler, type JobHandler } from '../jobs/job-handler.js';
import { alertWebhookBody, testWebhookBody } from './webhook-body.js';

/**
 * One attempt to deliver a notification: sign the body (the same bytes on every attempt,
 * `webhook-id` = the notification id), POST it, record the outcome on the notification's
 * stream at the version read before sending (so two workers never both record), and schedule
 * the next attempt or dead-letter it. Nothing is sent once a delivery is recorded; a worker
 * killed mid-request leaves no record, so the job runs again and sends the same message.
 */
@Injectable()
@AsJobHandler()
export class DeliverNotificationHandler implements JobHandler<JobName.DeliverNotification> {
  readonly jobName = JobName.DeliverNotification;
  private readonly logger = new Logger(DeliverNotificationHandler.name);
  private readonly retryDelaysMs: readonly number[];
  /**
   * Concurrent deliveries read and record through one batching view of the store: a busy
   * worker makes one round trip for many of them instead of one each.
   */
  private readonly store: EventStore;
  /**
   * Bodies by alert event: one alert goes to every subscriber, and its events never change,
   * so the alert's stream is read once per worker rather than once per delivery (and by the
   * first of its deliveries only: the others await the same read).
   */
  private readonly bodies = new BoundedCache<string, Promise<string>>(BODY_CACHE_SIZE);
  /**
   * Unsealed endpoints by their sealed values: a subscription's key never changes, so the
   * same ciphertexts always open to the same URL and secret. A changed URL is a new entry; a
   * deleted subscription is never looked up again, since its stream says it is gone.
   */
  private readonly endpoints = new BoundedCache<string, Endpoint>(ENDPOINT_CACHE_SIZE);

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
    private readonly subscriptions: SubscriptionCatalog,
    private readonly keys: SubscriptionKeyStore,
    private readonly client: WebhookClient,
    private readonly breaker: EndpointCircuitBreaker,
    private readonly queues: JobQueues,
  ) {
    this.retryDelaysMs = config.runtime.webhooks.retryDelaysSeconds.map(
      (seconds) => seconds * 1_000,
    );
    this.store = new BatchingEventStore(store);
  }

  async handle({
    notificationId,
    subscriptionId: hinted,
  }: JobDataMap[JobName.DeliverNotification]): Promise<void> {
    // Both streams in the same batched read when the job names the subscription.
    const [events, hintedSubscription] = await Promise.all([
      this.store.readStream(notificationStream(notificationId)),
      hinted === undefined ? undefined : loadSubscription(this.store, hinted),
    ]);
    const history = events as unknown as KnownRecordedEvent[];
    const requested = history[0];
    if (requested?.type !== 'notification.requested') return;
    // An admin redelivery appends another request: only what follows the last one counts.
    const lastRequest = history.findLastIndex((event) => event.type === 'notification.requested');
    const run = history.slice(lastRequest + 1);
    const redelivery = lastRequest > 0 ? history[lastRequest]?.version : undefined;
    const settled = run.some(
      (event) =>
        event.type === 'notification.delivered' || event.type === 'notification.dead_lettered',
    );
    if (settled) return;
    const { subscriptionId } = requested.data;
    // Paused, suspended or deleted: nothing goes out. A resume queues what is still pending.
    // Read from its stream, not the view, which may not show a change made a moment ago.
    const subscription =
      subscriptionId === hinted
        ? hintedSubscription
        : await loadSubscription(this.store, subscriptionId);
    if (subscription?.status !== 'active') return;
    const endpoint = await this.endpointOf(subscription);
    if (!endpoint) return;
    const { url, secret } = endpoint;
    const attempt = run.filter((event) => event.type === 'notification.attempt_failed').length + 1;

    const breaker = await this.breaker.check(url);
    if (breaker.open) {
      // The endpoint is failing: wait for its cool-down without holding a delivery slot.
      await this.queues.enqueue(
        JobName.DeliverNotification,
        { notificationId, subscriptionId },
        {
          jobId: deliveryJobId(notificationId, attempt, breaker.retryAtMs),
          delay: Math.max(0, breaker.retryAtMs - Date.now()),
        },
      );
      return;
    }

    const body = await this.body(requested);
    const outcome = await this.client.post({
      url,
      headers: signedHeaders(secret, notificationId, new Date(), body),
      body,
    });
    // Any answer but "down" shows the endpoint up: a 4xx to the half-open trial closes the
    // breaker too, where saying nothing would hold the endpoint until the trial timed out.
    if (!outcome.ok && endpointDown(outcome)) await this.breaker.recordFailure(url);
    else if (breaker.failing) await this.breaker.recordSuccess(url);
    await this.record(history.length, subscriptionId, notificationId, attempt, outcome, redelivery);
  }

  /** The body of SPEC §7, serialised once per alert event and worker. */
  private body(
    requested: Extract<KnownRecordedEvent, { type: 'notification.requested' }>,
  ): Promise<string> {
    const { data, recordedAt } = requested;
    if (data.kind === 'subscription.test' || data.alertId === undefined) {
      return Promise.resolve(JSON.stringify(testWebhookBody(data.subscriptionId, recordedAt)));
    }
    const { alertId, sourcePosition } = data;
    const cacheKey = `${alertId}@${sourcePosition ?? 0}@${recordedAt}`;
    const cached = this.bodies.get(cacheKey);
    if (cached) return cached;
    const body = this.store.readStream(alertStream(alertId)).then((events) => {
      const alertHistory = events as unknown as KnownRecordedEvent[];
      const source = alertHistory.find((event) => event.position === sourcePosition);
      return JSON.stringify(alertWebhookBody(alertHistory, source?.version ?? 1, recordedAt));
    });
    // A failed read is not remembered: the next delivery of this alert reads again.
    body.catch(() => this.bodies.delete(cacheKey));
    this.bodies.set(cacheKey, body);
    return body;
  }

  /** The subscription's URL and secret, unsealed; null once its key is destroyed. */
  private async endpointOf(subscription: SubscriptionRecord): Promise<Endpoint | null> {
    const { subscriptionId, webhookUrl, webhookSecret } = subscription;
    if (!webhookUrl || !webhookSecret) return null;
    const cacheKey = `${subscriptionId}\n${webhookUrl}\n${webhookSecret}`;
    const cached = this.endpoints.get(cacheKey);
    if (cached) return cached;
    const key = await this.keys.get(subscriptionId);
    if (!key) return null;
    const endpoint = {
      url: unseal(key, subscriptionId, 'webhook.url', webhookUrl),
      secret: unseal(key, subscriptionId, 'webhook.secret', webhookSecret),
    };
    this.endpoints.set(cacheKey, endpoint);
    return endpoint;
  }

  private async record(
    expectedVersion: number,
    subscriptionId: string,
    notificationId: string,
    attempt: number,
    outcome: DeliveryOutcome,
    redelivery: number | undefined,
  ): Promise<void> {
    const events: KnownNewEvent[] = [];
    let retryInMs: number | null = null;
    if (outcome.ok) {
      events.push({
        type: 'notification.delivered',
        data: {
          notificationId,
          subscriptionId,
          attempt,
          status: outcome.status,
          latencyMs: outcome.latencyMs,
        },
      });
    } else {
      retryInMs = outcome.gone
        ? null
        : nextRetryDelayMs(attempt, Math.random, outcome.retryAfterMs, this.retryDelaysMs);
      events.push({
        type: 'notification.attempt_failed',
        data: {
          notificationId,
          subscriptionId,
          attempt,
          status: outcome.status,
          error: outcome.error,
          latencyMs: outcome.latencyMs,
          responseExcerpt: outcome.responseExcerpt,
          nextAttemptAt: retryInMs === null ? null : new Date(Date.now() + retryInMs).toISOString(),
        },
      });
      if (retryInMs === null && !outcome.gone) {
        events.push({
          type: 'notification.dead_lettered',
          data: { notificationId, subscriptionId, attempts: attempt },
        });
      }
    }
    try {
      await this.store.append(notificationStream(notificationId), events, { expectedVersion });
    } catch (error) {
      // Another worker recorded this attempt meanwhile: its record stands.
      if (error instanceof WrongExpectedVersionError) return;
      throw error;
    }
    this.logger.log(
      { notificationId, subscriptionId, attempt, outcome: events.map((event) => event.type) },
      outcome.ok ? 'webhook delivered' : 'webhook attempt failed',
    );
    if (retryInMs !== null) {
      await this.queues.enqueue(
        JobName.DeliverNotification,
        { notificationId, subscriptionId },
        { jobId: deliveryJobId(notificationId, attempt + 1, redelivery), delay: retryInMs },
      );
    }
    if (!outcome.ok && outcome.gone) await this.suspend(subscriptionId, 'gone');
    else if (!outcome.ok) await this.suspendIfFailingTooLong(subscriptionId);
  }

  /** SPEC §7: failing for the configured time, or too many dead letters in a row, suspends. */
  private async suspendIfFailingTooLong(subscriptionId: string): Promise<void> {
    const { suspendAfterHours, suspendAfterDeadLetters } = this.config.runtime.webhooks;
    const run = await this.subscriptions.failureRun(subscriptionId, 1_000);
    const failingMs = run.since === null ? 0 : Date.now() - Date.parse(run.since);
    if (failingMs >= suspendAfterHours * 3_600_000 || run.deadLetters >= suspendAfterDeadLetters) {
      await this.suspend(subscriptionId, 'failing');
    }
  }

  private async suspend(subscriptionId: string, reason: 'gone' | 'failing'): Promise<void> {
    await handleCommand(this.store, subscriptionStream(subscriptionId), subscriptionDecider, {
      type: 'suspend',
      subscriptionId,
      reason,
    });
    this.logger.warn({ subscriptionId, reason }, 'subscription suspended');
  }
}

const BODY_CACHE_SIZE = 1_000;
const ENDPOINT_CACHE_SIZE = 10_000;

interface Endpoint {
  readonly url: string;
  readonly secret: string;
}

/** A Map that forgets its oldest entry (Map keeps insertion order) beyond `capacity`. */
class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.capacity) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
    this.entries.set(key, value);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}

/**
 * Failures that say the endpoint is down or overloaded (no answer, 5xx, 429): those hold back
 * its other deliveries. A 4xx is about this message and says nothing of the next.
 */
function endpointDown(outcome: DeliveryOutcome): boolean {
  return outcome.status === null || outcome.status >= 500 || outcome.status === 429;
}
