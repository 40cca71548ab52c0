import type { FeedSource, PollFailureReason } from '@app/contracts';

/** A registered feed as the admin API and the scheduler see it. */
export interface FeedView {
  readonly feedId: string;
  readonly url: string;
  readonly title: string | null;
  readonly intervalSeconds: number | null;
  readonly enabled: boolean;
  readonly allowPrivateNetwork: boolean;
  readonly source: FeedSource;
  readonly registeredAt: string;
  /** The failure in progress as recorded in the log, null while healthy. */
  readonly failingReason: PollFailureReason | null;
}

/** Operational state of a feed's polling: written by the poller, not rebuilt from the log. */
export interface FeedHealth {
  readonly feedId: string;
  readonly lastPollAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastErrorAt: string | null;
  readonly lastErrorReason: PollFailureReason | null;
  readonly lastErrorMessage: string | null;
  readonly failuresInRow: number;
  readonly nextPollAt: string | null;
  /** The interval the scheduler should use now (adaptive, cache hints, back-off). */
  readonly currentIntervalSeconds: number | null;
  readonly itemsSeen: number;
  /** Since the first poll; null before it. */
  readonly averageItemsPerDay: number | null;
  readonly firstPolledAt: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** Items without guid or link seen lately, to recognise their edited copies. */
  readonly rememberedItems: readonly { fingerprint: string; publishedAt: string | null }[];
}
