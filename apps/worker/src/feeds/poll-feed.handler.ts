import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { feedStream, type PollFailureReason } from '@app/contracts';
import { type FeedHealth, FeedsReader, type FeedView } from '@app/consumers';
import {
  averageItemsPerDay,
  type BadItem,
  feedDecider,
  nextPollInterval,
  type PollOutcome,
} from '@app/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import {
  type ContentIdentifiedItem,
  decodeFeedBody,
  dropEditedCopies,
  fetchFailureReason,
  parseFeed,
} from '@app/feeds';
import { countPoll, JobName, REDIS } from '@app/jobs';
import {
  cacheLifetimeSeconds,
  OutboundHttpClient,
  type OutboundResponse,
  parseRetryAfter,
} from '@app/outbound';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { AsJobHandler, type JobHandler } from '../jobs/job-handler.js';
import { FeedIncidentRecorder } from '../operators/feed-incident.recorder.js';
import { discoverItems } from './discover-items.js';
import { PollHealthWriter } from './poll-health.writer.js';
import { FeedSchedulerService } from './feed-scheduler.service.js';

/** What one poll found, before it is recorded. */
type PollResult =
  | {
      readonly ok: true;
      readonly status: number;
      readonly newItems: number;
      /** Items the store refused: skipped, each recorded once as a bad item. */
      readonly badItems: readonly BadItem[];
      readonly response: OutboundResponse;
      readonly ttlMinutes: number | null;
      readonly rememberedItems: readonly ContentIdentifiedItem[];
    }
  | {
      readonly ok: false;
      readonly reason: PollFailureReason;
      readonly message: string;
      readonly status: number | null;
      readonly retryAfterSeconds: number | null;
    };

/**
 * Polls one feed: conditional GET, decode, parse, and every item not seen before becomes an
 * `item.discovered` in a stream of its own (created once, whatever the polls or processes); an
 * item the store refuses is skipped alone, as a bad item. A change of the feed's state (first
 * failure, other reason, recovery) and each new bad item become events; an unchanged poll only
 * updates the health view. Then the next interval is set.
 */
@Injectable()
@AsJobHandler()
export class PollFeedHandler implements JobHandler<JobName.PollFeed> {
  readonly jobName = JobName.PollFeed;
  private readonly logger = new Logger(PollFeedHandler.name);

  constructor(
    private readonly feeds: FeedsReader,
    private readonly pollHealth: PollHealthWriter,
    private readonly http: OutboundHttpClient,
    private readonly scheduler: FeedSchedulerService,
    private readonly incidents: FeedIncidentRecorder,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async handle({ feedId }: { readonly feedId: string }): Promise<void> {
    const found = await this.feeds.getWithHealth(feedId);
    if (!found?.feed.enabled) return;
    const { feed, health } = found;
    const startedAt = new Date();

    const result = await this.poll(feed, health);
    // A clean success of a feed that was healthy changes nothing in the log: skip reading its
    // stream.
    const wasHealthy = feed.failingReason === null && (health?.failuresInRow ?? 0) === 0;
    if (!(result.ok && wasHealthy && result.badItems.length === 0)) {
      const outcome: PollOutcome = result.ok
        ? { ok: true, status: result.status, newItems: result.newItems, badItems: result.badItems }
        : { ok: false, reason: result.reason, message: result.message, status: result.status };
      await handleCommand(this.store, feedStream(feedId), feedDecider, {
        type: 'record-poll',
        feedId,
        outcome,
      });
    }

    const intervalSeconds = this.nextInterval(feed, health, result, startedAt);
    await this.pollHealth.recordPoll({
      feedId,
      at: startedAt,
      nextPollAt: new Date(startedAt.getTime() + intervalSeconds * 1_000),
      intervalSeconds,
      newItems: result.ok ? result.newItems : 0,
      outcome: result.ok
        ? {
            ok: true,
            etag: result.response.headers['etag'] ?? null,
            lastModified: result.response.headers['last-modified'] ?? null,
            rememberedItems: result.rememberedItems,
          }
        : { ok: false, reason: result.reason, message: result.message },
    });
    if (intervalSeconds !== health?.currentIntervalSeconds) this.scheduler.requestReconcile();
    await countPoll(this.redis, this.config.queuePrefix, result.ok ? null : result.reason);
    if (!result.ok) {
      await this.incidents.recordFailure(feed, (health?.failuresInRow ?? 0) + 1, result, startedAt);
    } else if (!wasHealthy) {
      await this.incidents.recordSuccess(feed, startedAt);
    }

    this.logPoll(feedId, result, intervalSeconds);
  }

  /** One line per poll, with the ids that tie it to its events. */
  private logPoll(feedId: string, result: PollResult, intervalSeconds: number): void {
    if (!result.ok) {
      this.logger.log(
        { feedId, reason: result.reason, status: result.status, intervalSeconds },
        `feed poll failed: ${result.message}`,
      );
      return;
    }
    const polled = { feedId, status: result.status, newItems: result.newItems, intervalSeconds };
    if (result.badItems.length === 0) {
      this.logger.log(polled, 'feed polled');
      return;
    }
    this.logger.warn(
      { ...polled, reason: 'bad_item', badItems: result.badItems.map((item) => item.stream) },
      'feed polled; items the event store refused were skipped',
    );
  }

  private async poll(feed: FeedView, health: FeedHealth | undefined): Promise<PollResult> {
    const limits = this.config.runtime.feeds;
    const fetched = await this.http.request({
      url: feed.url,
      headers: {
        accept:
          'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
        ...(health?.etag ? { 'if-none-match': health.etag } : {}),
        ...(health?.lastModified ? { 'if-modified-since': health.lastModified } : {}),
      },
      allowPrivateNetworks: this.config.allowPrivateNetworks || feed.allowPrivateNetwork,
      connectTimeoutMs: limits.connectTimeoutMs,
      totalTimeoutMs: limits.totalTimeoutMs,
      maxBodyBytes: limits.maxBodyBytes,
    });
    if (!fetched.ok) {
      const status = fetched.response?.status ?? null;
      return {
        ok: false,
        reason: fetchFailureReason(fetched.reason),
        message: fetched.message,
        status,
        retryAfterSeconds:
          status === 429 || status === 503
            ? (parseRetryAfter(fetched.response?.headers['retry-after'], new Date()) ?? null)
            : null,
      };
    }
    const { response } = fetched;
    const remembered = health?.rememberedItems ?? [];
    if (response.status === 304) {
      return {
        ok: true,
        status: 304,
        newItems: 0,
        badItems: [],
        response,
        ttlMinutes: null,
        rememberedItems: remembered,
      };
    }
    const decoded = decodeFeedBody(response.body, response.headers['content-type']);
    const parsed = await parseFeed(decoded.text, {
      baseUrl: response.finalUrl,
      timeoutMs: limits.parseTimeoutMs,
    });
    if (!parsed.ok) {
      return {
        ok: false,
        reason: parsed.reason === 'timeout' ? 'parse_error' : parsed.reason,
        message: parsed.message,
        status: response.status,
        retryAfterSeconds: null,
      };
    }
    const { fresh, remembered: stillRemembered } = dropEditedCopies(parsed.feed.items, remembered);
    const { created, badItems } = await discoverItems(this.store, feed.feedId, fresh);
    return {
      ok: true,
      status: response.status,
      newItems: created.length,
      badItems,
      response,
      ttlMinutes: parsed.feed.ttlMinutes,
      rememberedItems: stillRemembered,
    };
  }

  private nextInterval(
    feed: FeedView,
    health: FeedHealth | undefined,
    result: PollResult,
    now: Date,
  ): number {
    const common = {
      fixedIntervalSeconds: feed.intervalSeconds,
      itemsPerDay: averageItemsPerDay(
        (health?.itemsSeen ?? 0) + (result.ok ? result.newItems : 0),
        health?.firstPolledAt ?? null,
        now,
      ),
      bounds: this.config.runtime.feeds,
      random: Math.random(),
    };
    return result.ok
      ? nextPollInterval({
          ...common,
          ok: true,
          cacheLifetimeSeconds: cacheLifetimeSeconds(result.response.headers, now) ?? null,
          ttlMinutes: result.ttlMinutes,
        })
      : nextPollInterval({
          ...common,
          ok: false,
          failuresInRow: (health?.failuresInRow ?? 0) + 1,
          retryAfterSeconds: result.retryAfterSeconds,
        });
  }
}
