import type { RuleMatchData } from './watchlist-events.js';

/** The item an alert event is about, as a subscriber is shown it. */
export interface AlertItemData {
  /** The item stream without its `item-` prefix. */
  readonly id: string;
  readonly feedId: string;
  readonly title: string;
  readonly url: string | null;
  readonly summary: string;
  readonly publishedAt: string | null;
  /** When the grouping placed it in time: the publication date if plausible, else discovery. */
  readonly seenAt: string;
}

/** The first item of a story: opens the `alert-<alertId>` stream. */
export interface AlertRaised {
  readonly alertId: string;
  /** The topics the first item matched, by descending score. */
  readonly topics: readonly string[];
  /** The highest topic score of the first item. */
  readonly score: number;
  readonly title: string;
  readonly url: string | null;
  readonly firstSeenAt: string;
  readonly item: AlertItemData;
  readonly matches: readonly RuleMatchData[];
  readonly scores: Readonly<Record<string, number>>;
  readonly watchlistVersion: number;
  /**
   * Why the item started a story rather than joining an open one. Added after the first
   * release: `alert.raised` events recorded before carry none (docs/decisions/0009).
   */
  readonly start?: StoryStart;
}

/**
 * Why a report started its own story, told by the open story that came nearest to taking it
 * (the one that passed the most of the grouper's checks, then the most alike):
 * - `no-candidate`: no story was open;
 * - `outside-window`: stories were open, but none had a report within the window;
 * - `commentary`: it is an analysis, an opinion or an explainer (as its headline labels it) and
 *   the story is news, or the other way round;
 * - `no-shared-name`: it shared no name with a story's core that tells that story apart;
 * - `different-people`: it and the story are about people, and neither names the other's;
 * - `new-development`: it comes most of a day after the story began and its headline tells a
 *   development the story's headlines do not; or after the story was quiet a day and a half
 *   and its headline tells any; or hours after the story began and its headline tells a
 *   sequel (relatives pressed; after an arrest, a release or a removal); or, linked to the
 *   story by places only, its headline tells another event of a conference day (an opening, an
 *   election, a protest, a walkout, a declaration, a report launched, sanctions) than the story's;
 * - `not-alike`: it passed every rule but its likeness stayed under the threshold.
 */
export type StoryStartReason =
  | 'no-candidate'
  | 'outside-window'
  | 'commentary'
  | 'no-shared-name'
  | 'different-people'
  | 'new-development'
  | 'not-alike';

export const STORY_START_REASONS = [
  'no-candidate',
  'outside-window',
  'commentary',
  'no-shared-name',
  'different-people',
  'new-development',
  'not-alike',
] as const satisfies readonly StoryStartReason[];

export interface StoryStart {
  readonly reason: StoryStartReason;
  /** The alert of the nearest open story; absent for `no-candidate`. */
  readonly nearestAlertId?: string;
  /**
   * Its tf-idf likeness to that story (0..1), after the time decay; absent for `no-candidate` and
   * `outside-window` (a story out of the window is not compared).
   */
  readonly similarity?: number;
}

/** Why a later item was judged a report of the alert's story. */
export interface StoryLikeness {
  /** `syndicated`: a near copy of a report's text; `similar`: alike in words and names. */
  readonly reason: 'syndicated' | 'similar';
  /** Shared word triples for a copy, tf-idf cosine otherwise (0..1). */
  readonly similarity: number;
  /** The report of the story it is closest to. */
  readonly closestItemId: string;
  /** The words that weigh most in the likeness. */
  readonly sharedTerms: readonly string[];
  /**
   * For a `similar` report: whether a name it shares with what the story is about is a person's
   * (or an organisation's) full name, in it or in the story's reports. False when only places and
   * single names link them, as the host city links every story of a summit. Absent for a copy,
   * and in events recorded before it was kept (issue 12).
   */
  readonly sharesPerson?: boolean;
  /**
   * For a `similar` report: whether its headline tells a development (released, deported,
   * sentenced...) that none of the story's headlines in the window tell: news of its own, or a
   * new story merged by mistake. Absent for a copy, and in events recorded before it was kept.
   */
  readonly tellsNews?: boolean;
}

/** When a report that joined a story is weak (config/vigil.yaml `stories`). */
export interface WeakLikenessLevels {
  /** Below this likeness, for any report alike by words and names. */
  readonly weakLikeness: number;
  /** Below this, for one linked by places and single names only (`sharesPerson` false). */
  readonly weakPlaceLikeness: number;
  /** Whatever its likeness, when its headline tells a development the story's do not. */
  readonly weakNewDevelopment: boolean;
}

/**
 * Whether a report joined its story so weakly that it may be a new story the grouper merged.
 * Such a report goes to every subscriber of its topics, as a new alert does (docs/stories.md).
 * A copy never is.
 */
export function isWeakLikeness(
  likeness: Pick<StoryLikeness, 'reason' | 'similarity' | 'sharesPerson' | 'tellsNews'>,
  levels: WeakLikenessLevels,
): boolean {
  if (likeness.reason !== 'similar') return false;
  if (levels.weakNewDevelopment && likeness.tellsNews === true) return true;
  const weakBelow =
    likeness.sharesPerson === false
      ? Math.max(levels.weakLikeness, levels.weakPlaceLikeness)
      : levels.weakLikeness;
  return likeness.similarity < weakBelow;
}

/** A later item of the same story, from the same or another feed. */
export interface AlertCorroborated {
  readonly alertId: string;
  readonly topics: readonly string[];
  readonly score: number;
  readonly item: AlertItemData;
  readonly matches: readonly RuleMatchData[];
  readonly scores: Readonly<Record<string, number>>;
  readonly watchlistVersion: number;
  readonly likeness: StoryLikeness;
}

export const alertStream = (alertId: string): string => `alert-${alertId}`;

/** One report of an alert's story as a notification lists it. */
export interface NotifiedSource {
  readonly feedId: string;
  readonly itemId: string;
  readonly title: string;
  readonly url: string | null;
}

/**
 * What a notification of an alert event tells, whatever the channel: SPEC §7's body `data`
 * for a webhook, the content of an email.
 */
export interface AlertNotificationData {
  readonly alert: {
    readonly id: string;
    readonly topics: readonly string[];
    readonly score: number;
    readonly title: string;
    readonly url: string | null;
    readonly firstSeenAt: string;
    readonly sources: readonly NotifiedSource[];
  };
  /** The report notified (the first one for a raise). */
  readonly item: Omit<AlertItemData, 'seenAt'>;
  /** Why it matched: per topic, the rule and the terms found, with their offsets. */
  readonly matches: readonly {
    readonly topic: string;
    readonly rule: string;
    readonly terms: RuleMatchData['terms'];
  }[];
}
