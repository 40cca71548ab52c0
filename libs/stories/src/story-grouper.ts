import { isHeadlineCase, jaccard, shingles, storyTerms } from './story-text.js';

/** A matched item, as grouping sees it. */
export interface StoryItem {
  readonly itemId: string;
  readonly feedId: string;
  readonly title: string;
  readonly summary: string;
  /** When the reported event surfaced, in ms since the epoch (see `storyTime`). */
  readonly at: number;
  /** The topics the item matched. */
  readonly topics: readonly string[];
  /** The words of the watchlist terms that matched in it (`Red Notice`, `INTERPOL`), as written. */
  readonly matchedTerms: readonly string[];
}

export interface GroupingSettings {
  /** An item joins a story only if a report of it is at most this old or new. */
  readonly windowHours: number;
  /** Least tf-idf cosine between the item and one report of a story to join it. */
  readonly similarityThreshold: number;
  /** Least share of shared word triples that marks a syndicated copy, whatever else differs. */
  readonly syndicationThreshold: number;
  /** Weight of a word written as a name (a capital not forced by headline case). */
  readonly entityWeight: number;
  /** Weight of a word of the title; words of the summary weigh 1. */
  readonly titleWeight: number;
  /**
   * Reports assumed seen before the first, none containing any given word: keeps the first
   * items' rare-word weights sensible until the counts fill in.
   */
  readonly priorReports: number;
}

export const DEFAULT_GROUPING_SETTINGS: GroupingSettings = {
  windowHours: 72,
  similarityThreshold: 0.1,
  syndicationThreshold: 0.5,
  entityWeight: 2.5,
  titleWeight: 1.5,
  priorReports: 20,
};

export type GroupingDecision =
  | { readonly kind: 'new-story' }
  | {
      readonly kind: 'same-story';
      readonly storyId: string;
      readonly reason: 'syndicated' | 'similar';
      /** The shingle overlap for a syndicated copy, else the tf-idf cosine. */
      readonly similarity: number;
      /** The report of the story the item is closest to. */
      readonly closestItemId: string;
      /** The words that weigh most in the likeness, for the explanation. */
      readonly sharedTerms: readonly string[];
    };

interface Report {
  readonly itemId: string;
  readonly at: number;
  /** Stems of the watchlist terms matched: they say what the topic is, not which story. */
  readonly topical: ReadonlySet<string>;
  /** Weighted term frequencies, before idf. */
  readonly terms: ReadonlyMap<string, number>;
  /** Terms written as names somewhere in the report, the watchlist's own words left out. */
  readonly names: ReadonlySet<string>;
  readonly shingles: ReadonlySet<number>;
}

interface Story {
  readonly id: string;
  readonly topics: Set<string>;
  readonly reports: Report[];
  latestAt: number;
}

const HOUR_MS = 3_600_000;
/** How much more alike than the threshold a report must be to join a story of other topics. */
const CROSS_TOPIC_FACTOR = 1.5;
const SHARED_TERMS_SHOWN = 6;

/**
 * Decides whether a matched item reports a story already open or starts one, the way topic
 * detection and tracking systems do: tf-idf cosine against each report of the stories open in
 * the time window, names weighted up, and near-identical text (syndication) joined outright.
 * Deterministic: the same items added in the same order give the same decisions, which lets
 * several workers replay it from the log and agree.
 */
export class StoryGrouper {
  private readonly stories = new Map<string, Story>();
  private readonly storyOfItem = new Map<string, string>();
  /** In how many reports each term occurs: the idf's counts. */
  private readonly reportsWithTerm = new Map<string, number>();
  private reportCount = 0;
  private latestAt = Number.NEGATIVE_INFINITY;
  /** The report `decide` built, which the `startStory` or `joinStory` that follows reuses. */
  private lastReport: Report | undefined;

  constructor(private readonly settings: GroupingSettings = DEFAULT_GROUPING_SETTINGS) {}

  /** Whether the story is still open to new reports (known, and not closed for age). */
  isOpen(storyId: string): boolean {
    return this.stories.has(storyId);
  }

  /** The story an item was placed in, if any. */
  storyOf(itemId: string): string | undefined {
    return this.storyOfItem.get(itemId);
  }

  decide(item: StoryItem): GroupingDecision {
    const report = this.report(item);
    const windowMs = this.settings.windowHours * HOUR_MS;
    let best: { story: Story; report: Report; similarity: number; syndicated: boolean } | null =
      null;
    for (const story of this.stories.values()) {
      const sharesTopic = item.topics.some((topic) => story.topics.has(topic));
      // Reports of one event can match different topics (a ruling on a Red Notice, an
      // extradition); they must then be the more alike.
      const threshold = this.settings.similarityThreshold * (sharesTopic ? 1 : CROSS_TOPIC_FACTOR);
      for (const other of story.reports) {
        if (Math.abs(other.at - item.at) > windowMs) continue;
        const overlap = jaccard(report.shingles, other.shingles);
        const syndicated = overlap >= this.settings.syndicationThreshold;
        // Two reports of one event name someone or somewhere in common; shared wording alone
        // (boilerplate, the topic's vocabulary) is not enough.
        if (!syndicated && !sharesAny(report.names, other.names)) continue;
        const similarity = syndicated ? overlap : this.cosine(report, other);
        if (!syndicated && similarity < threshold) continue;
        if (
          !best ||
          (syndicated && !best.syndicated) ||
          (syndicated === best.syndicated && similarity > best.similarity)
        ) {
          best = { story, report: other, similarity, syndicated };
        }
      }
    }
    if (!best) return { kind: 'new-story' };
    return {
      kind: 'same-story',
      storyId: best.story.id,
      reason: best.syndicated ? 'syndicated' : 'similar',
      similarity: round(best.similarity),
      closestItemId: best.report.itemId,
      sharedTerms: this.sharedTerms(report, best.report),
    };
  }

  /** Records the item as the first report of a new story. */
  startStory(storyId: string, item: StoryItem): void {
    if (this.stories.has(storyId)) throw new Error(`story ${storyId} exists already`);
    this.stories.set(storyId, {
      id: storyId,
      topics: new Set(),
      reports: [],
      latestAt: Number.NEGATIVE_INFINITY,
    });
    this.joinStory(storyId, item);
  }

  /** Records the item as a report of the story. An item already placed is left where it is. */
  joinStory(storyId: string, item: StoryItem): void {
    const story = this.stories.get(storyId);
    if (!story) throw new Error(`no open story ${storyId}`);
    if (this.storyOfItem.has(item.itemId)) return;
    const report = this.report(item);
    story.reports.push(report);
    for (const topic of item.topics) story.topics.add(topic);
    story.latestAt = Math.max(story.latestAt, item.at);
    this.storyOfItem.set(item.itemId, storyId);
    this.reportCount++;
    for (const term of report.terms.keys()) {
      this.reportsWithTerm.set(term, (this.reportsWithTerm.get(term) ?? 0) + 1);
    }
    this.latestAt = Math.max(this.latestAt, item.at);
    this.closeOldStories();
  }

  /**
   * Stories quiet for two windows can take no new report worth joining: forget them, and
   * their items, so memory follows the window rather than the whole history.
   */
  private closeOldStories(): void {
    const horizon = this.latestAt - 2 * this.settings.windowHours * HOUR_MS;
    for (const [id, story] of this.stories) {
      if (story.latestAt >= horizon) continue;
      this.stories.delete(id);
      for (const report of story.reports) this.storyOfItem.delete(report.itemId);
    }
  }

  private report(item: StoryItem): Report {
    if (this.lastReport?.itemId === item.itemId) return this.lastReport;
    const terms = new Map<string, number>();
    const names = new Set<string>();
    const add = (text: string, capitalsMarkNames: boolean, weight: number): void => {
      for (const term of storyTerms(text, capitalsMarkNames)) {
        const termWeight = weight * (term.entity ? this.settings.entityWeight : 1);
        terms.set(term.text, (terms.get(term.text) ?? 0) + termWeight);
        if (term.entity) names.add(term.text);
      }
    };
    add(item.title, !isHeadlineCase(item.title), this.settings.titleWeight);
    add(item.summary, true, 1);
    const topical = new Set(
      item.matchedTerms.flatMap((text) => storyTerms(text, false).map((term) => term.text)),
    );
    for (const term of topical) names.delete(term);
    this.lastReport = {
      itemId: item.itemId,
      at: item.at,
      topical,
      terms,
      names,
      shingles: shingles(`${item.title} ${item.summary}`),
    };
    return this.lastReport;
  }

  /**
   * Inverse document frequency over the reports grouped so far. A word the watchlist matched
   * counts as if half the reports held it: every report of the topic does, so it cannot tell
   * one of its stories from another, however few reports have been seen yet.
   */
  private idf(term: string, topical: boolean): number {
    const reports = this.reportCount + this.settings.priorReports;
    const seen = this.reportsWithTerm.get(term) ?? 0;
    return Math.log(reports / ((topical ? Math.max(seen, reports / 2) : seen) + 1));
  }

  private weightOf(term: string, a: Report, b: Report): number {
    return this.idf(term, a.topical.has(term) || b.topical.has(term));
  }

  private cosine(a: Report, b: Report): number {
    let dot = 0;
    for (const [term, weight] of a.terms) {
      const other = b.terms.get(term);
      if (other !== undefined) dot += weight * other * this.weightOf(term, a, b) ** 2;
    }
    if (dot === 0) return 0;
    return dot / (this.norm(a) * this.norm(b));
  }

  private norm(report: Report): number {
    let sum = 0;
    for (const [term, weight] of report.terms) {
      sum += (weight * this.idf(term, report.topical.has(term))) ** 2;
    }
    return Math.sqrt(sum);
  }

  private sharedTerms(a: Report, b: Report): string[] {
    return [...a.terms]
      .flatMap(([term, weight]) => {
        const other = b.terms.get(term);
        if (other === undefined) return [];
        return [{ term, share: weight * other * this.weightOf(term, a, b) ** 2 }];
      })
      .sort((x, y) => y.share - x.share || x.term.localeCompare(y.term))
      .slice(0, SHARED_TERMS_SHOWN)
      .map(({ term }) => term);
  }
}

function sharesAny(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const value of a) if (b.has(value)) return true;
  return false;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
