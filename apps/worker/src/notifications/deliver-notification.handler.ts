import { Inject, Injectable, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import {
  alertStream,
  type NotificationKind,
  notificationStream,
  type SubscriptionChannel,
  subscriptionStream,
} from '@app/contracts';
import { SubscriptionsReader } from '@app/consumers';
import {
  type AttemptOutcome,
  notificationDecider,
  type NotificationState,
  owedAttempt,
  shouldSuspend,
  stateOf,
  subscriptionDecider,
  withLatestAttempt,
} from '@app/domain';
import {
  BatchingEventStore,
  EVENT_STORE,
  type EventStore,
  handleCommand,
  WrongExpectedVersionError,
} from '@app/event-store';
import { type JobDataMap, JobName } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import {
  loadSubscription,
  SubscriptionKeyStore,
  type SubscriptionRecord,
  unseal,
} from '@app/subscriptions';
import {
  type DeliveryOutcome,
  EndpointCircuitBreaker,
  signedHeaders,
  WebhookClient,
} from '@app/webhooks';
import { AsJobHandler, type JobHandler } from '../jobs/job-handler.js';
import { EmailComposer } from './email/email-composer.js';
import { SmtpMailer } from './email/smtp-mailer.js';
import { alertWebhookBody, testWebhookBody } from './webhook-body.js';

/**
 * One attempt to deliver a notification: load its stream, send only if the attempt the job
 * names is still the one owed (nothing recorded since, not settled, due), then by the
 * subscription's channel either sign the body (the same bytes on every attempt, `webhook-id` =
 * the notification id) and POST it, or write its email and send it over SMTP; append what
 * the notification decider makes of the outcome at the version read before sending, so two
 * workers never both record. It queues nothing: the delivery-dispatch reactor turns the
 * recorded failure into the next attempt's job. A worker killed mid-request leaves no record,
 * so the job runs again and sends the same message.
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
    private readonly subscriptions: SubscriptionsReader,
    private readonly keys: SubscriptionKeyStore,
    private readonly client: WebhookClient,
    private readonly breaker: EndpointCircuitBreaker,
    private readonly emails: EmailComposer,
    private readonly mailer: SmtpMailer,
  ) {
    this.retryDelaysMs = config.runtime.webhooks.retryDelaysSeconds.map(
      (seconds) => seconds * 1_000,
    );
    this.store = new BatchingEventStore(store);
  }

  async handle(
    { notificationId, subscriptionId: hinted, atVersion }: JobDataMap[JobName.DeliverNotification],
    job: Job,
    token?: string,
  ): Promise<void> {
    // Both streams in the same batched read when the job names the subscription.
    const [events, hintedSubscription] = await Promise.all([
      this.store.readStream(notificationStream(notificationId)),
      hinted === undefined ? undefined : loadSubscription(this.store, hinted),
    ]);
    const state = stateOf(notificationDecider, events);
    const owed = owedAttempt(state);
    // Settled, or a stale job: something was recorded since it was queued.
    if (!owed || (atVersion !== undefined && atVersion !== owed.atVersion)) return;
    const dueAtMs = owed.dueAt === null ? 0 : Date.parse(owed.dueAt);
    if (dueAtMs > Date.now() + EARLY_TOLERANCE_MS) return this.deferUntil(dueAtMs, job, token);
    const { subscriptionId } = state.request!;
    // Paused, suspended, deleted or unconfirmed: nothing goes out. The attempt stays owed; a
    // resume or the confirmation queues it. Read from its stream, not the view, which may not
    // show a change made a moment ago.
    const subscription =
      subscriptionId === hinted
        ? hintedSubscription
        : await loadSubscription(this.store, subscriptionId);
    if (!subscription || !mayReceive(subscription.status, state.request!.kind)) return;
    if (subscription.channel === 'email') {
      const email = await this.emails.compose(
        this.store,
        state.request!,
        state.requestedAt!,
        subscription,
      );
      if (email) await this.record(state, await this.mailer.send(email), 'email');
      return;
    }
    const endpoint = await this.endpointOf(subscription);
    if (!endpoint) return;
    const { url, secret } = endpoint;

    const breaker = await this.breaker.check(url);
    // The endpoint is failing: wait for its cool-down without holding a delivery slot.
    if (breaker.open) return this.deferUntil(breaker.retryAtMs, job, token);

    const body = await this.body(state);
    const outcome = await this.client.post({
      url,
      headers: signedHeaders(secret, notificationId, new Date(), body),
      body,
    });
    // Any answer but "down" shows the endpoint up: a 4xx to the half-open trial closes the
    // breaker too, where saying nothing would hold the endpoint until the trial timed out.
    if (!outcome.ok && endpointDown(outcome)) await this.breaker.recordFailure(url);
    else if (breaker.failing) await this.breaker.recordSuccess(url);
    await this.record(state, outcome, 'webhook');
  }

  /**
   * Moves this job to the delayed set until `atMs` instead of queueing another: the same job,
   * so nothing new is enqueued outside the log's path (if Redis loses it, the reconciler
   * queues the owed attempt again).
   */
  private async deferUntil(atMs: number, job: Job, token: string | undefined): Promise<never> {
    await job.moveToDelayed(atMs, token);
    throw new DelayedError();
  }

  /** The body of SPEC §7, serialised once per alert event and worker. */
  private body(state: NotificationState): Promise<string> {
    const request = state.request!;
    const requestedAt = state.requestedAt!;
    if (request.kind === 'subscription.test' || request.alertId === undefined) {
      return Promise.resolve(JSON.stringify(testWebhookBody(request.subscriptionId, requestedAt)));
    }
    const { alertId, sourcePosition } = request;
    const cacheKey = `${alertId}@${sourcePosition ?? 0}@${requestedAt}`;
    const cached = this.bodies.get(cacheKey);
    if (cached) return cached;
    const body = this.store.readStream(alertStream(alertId)).then((alertHistory) => {
      const source = alertHistory.find((event) => event.position === sourcePosition);
      return JSON.stringify(alertWebhookBody(alertHistory, source?.version ?? 1, requestedAt));
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

  /** Load → decide → append: the decider turns the outcome into events at the version read. */
  private async record(
    state: NotificationState,
    outcome: AttemptOutcome,
    channel: SubscriptionChannel,
  ): Promise<void> {
    const { notificationId, subscriptionId } = state.request!;
    const now = new Date().toISOString();
    const events = notificationDecider.decide(
      {
        type: 'record-attempt',
        notificationId,
        atVersion: state.version,
        outcome,
        now,
        random: Math.random(),
        retryDelaysMs: this.retryDelaysMs,
      },
      state,
    );
    if (events.length === 0) return;
    let recordedPosition: number;
    try {
      const appended = await this.store.append(notificationStream(notificationId), events, {
        expectedVersion: state.version,
      });
      recordedPosition = appended.lastPosition;
    } catch (error) {
      // Another worker recorded this attempt meanwhile: its record stands.
      if (error instanceof WrongExpectedVersionError) return;
      throw error;
    }
    this.logger.log(
      {
        notificationId,
        subscriptionId,
        attempt: state.failedAttempts + 1,
        outcome: events.map((event) => event.type),
      },
      outcome.ok ? `${channel} delivered` : `${channel} attempt failed`,
    );
    if (outcome.ok) return;
    if (outcome.gone && channel === 'email') {
      // The mail server refused the address for good (5xx): nothing more is sent until its
      // owner says the mailbox works again, by resuming.
      await this.pauseRefused(subscriptionId, `SMTP ${outcome.status}: ${outcome.error}`);
    } else if (outcome.gone) {
      await this.suspend(subscriptionId, 'gone');
    } else {
      await this.suspendIfFailingTooLong(subscriptionId, now, {
        position: recordedPosition,
        deadLettered: events.some((event) => event.type === 'notification.dead_lettered'),
      });
    }
  }

  private async pauseRefused(subscriptionId: string, reason: string): Promise<void> {
    await handleCommand(this.store, subscriptionStream(subscriptionId), subscriptionDecider, {
      type: 'pause',
      subscriptionId,
      reason,
    });
    this.logger.warn({ subscriptionId, reason }, 'email subscription paused: address refused');
  }

  /**
   * SPEC §7: failing for the configured time, or too many dead letters in a row, suspends. The
   * attempt just recorded (at log position `latest.position`) counts even before the view has
   * applied it.
   */
  private async suspendIfFailingTooLong(
    subscriptionId: string,
    now: string,
    latest: { readonly position: number; readonly deadLettered: boolean },
  ): Promise<void> {
    const viewed = await this.subscriptions.failureRun(subscriptionId, 1_000);
    const run =
      viewed.throughPosition >= latest.position
        ? viewed
        : withLatestAttempt(viewed, { at: now, deadLettered: latest.deadLettered });
    if (shouldSuspend(run, this.config.runtime.webhooks, now)) {
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

/** A job may run this much before its attempt is due (clocks of two machines differ a little). */
const EARLY_TOLERANCE_MS = 1_000;
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
 * Only a confirmed subscription receives alerts, tests and digests; one waiting for
 * confirmation receives its confirmation email and nothing else.
 */
function mayReceive(status: SubscriptionRecord['status'], kind: NotificationKind): boolean {
  return (
    status === 'active' ||
    (status === 'pending_confirmation' && kind === 'subscription.confirmation')
  );
}

/**
 * Failures that say the endpoint is down or overloaded (no answer, 5xx, 429): those hold back
 * its other deliveries. A 4xx is about this message and says nothing of the next; a permanent
 * failure (a refused address) never reached the endpoint, and each of its notifications is
 * dead-lettered at once rather than held back.
 */
function endpointDown(outcome: Extract<DeliveryOutcome, { ok: false }>): boolean {
  if (outcome.permanentFailure !== null) return false;
  return outcome.status === null || outcome.status >= 500 || outcome.status === 429;
}
