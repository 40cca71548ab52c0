import { Inject, Injectable } from '@nestjs/common';
import {
  feedStream,
  type KnownRecordedEvent,
  operatorFeedStream,
  type PollFailureReason,
} from '@app/contracts';
import type { FeedView } from '@app/consumers';
import { operatorIncidentDecider } from '@app/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';

/**
 * Tells the operator incident decider about a feed's polls. The log records a feed's first
 * failure and each change of reason, not every failing poll (docs/feeds.md), so the count of
 * failures in a row comes from the poller's health view; it is only asked past the threshold,
 * and failing feeds back off, so this costs a read now and then, never on a healthy poll.
 */
@Injectable()
export class FeedIncidentRecorder {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async recordFailure(
    feed: FeedView,
    failures: number,
    failure: { readonly reason: PollFailureReason; readonly message: string },
    at: Date,
  ): Promise<void> {
    const { feedFailuresBeforeAlert } = this.config.runtime.operators;
    if (failures < feedFailuresBeforeAlert) return;
    const since = failingSince(await this.store.readStream(feedStream(feed.feedId))) ?? at;
    await handleCommand(this.store, operatorFeedStream(feed.feedId), operatorIncidentDecider, {
      type: 'record-feed-failure',
      feedId: feed.feedId,
      url: feed.url,
      failures,
      failuresBeforeAlert: feedFailuresBeforeAlert,
      reason: failure.reason,
      message: failure.message,
      since: since.toISOString(),
    });
  }

  /** A success of a feed that was failing: closes its incident if one was opened. */
  async recordSuccess(feed: FeedView, at: Date): Promise<void> {
    await handleCommand(this.store, operatorFeedStream(feed.feedId), operatorIncidentDecider, {
      type: 'record-feed-success',
      feedId: feed.feedId,
      url: feed.url,
      at: at.toISOString(),
    });
  }
}

/** When the run of failures in progress began: its first `feed.poll_failed` since a success. */
function failingSince(events: readonly KnownRecordedEvent[]): Date | undefined {
  let since: string | undefined;
  for (const event of events) {
    if (event.type === 'feed.polled' || event.type === 'feed.registered') since = undefined;
    else if (event.type === 'feed.poll_failed' && event.data.reason !== 'bad_item') {
      since ??= event.recordedAt;
    }
  }
  return since === undefined ? undefined : new Date(since);
}
