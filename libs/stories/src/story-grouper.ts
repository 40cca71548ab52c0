import type { StoryStartReason } from '@app/contracts';
import {
  developmentsOf,
  recursInOneCase,
  tellsNewDevelopment,
  tellsOtherEvent,
  tellsSequel,
} from './developments.js';
import {
  capitalisedInSentences,
  isCommentary,
  isHeadlineCase,
  jaccardAtLeast,
  nameKey,
  shingles,
  storyTerms,
} from './story-text.js';

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
  /**
   * The words of the watchlist terms that matched in it (`Red Notice`, `INTERPOL`), as written:
   * `matchedTermsOf` the item's matches.
   */
  readonly matchedTerms: readonly string[];
}

/** A rule that matched an item, as grouping reads it: its weight and the words it matched. */
export interface MatchedRule {
  readonly weight: number;
  readonly terms: readonly { readonly text: string }[];
}

/**
 * The watchlist words an item's grouping treats as what its topic is: the words of the rules
 * that carry a topic (weight 1 or more). Rules of lower weight support a topic by naming who is
 * involved (config/watchlist.yaml: documented cases, watchdogs, the people and bodies of the
 * seed reports); those names say which story a report tells, so they stay names.
 */
export function matchedTermsOf(matches: readonly MatchedRule[]): string[] {
  return matches
    .filter((match) => match.weight >= 1)
    .flatMap((match) => match.terms.map((term) => term.text));
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
  /**
   * The lead: the summary's first sentences, up to at least this many words. With the title it
   * says what the report is about; the rest is background.
   */
  readonly leadWords: number;
  /** Weight of a word of the background (after the lead); words of the lead weigh 1. */
  readonly backgroundWeight: number;
  /** The likeness of a report to a story halves for every this many hours between them. */
  readonly likenessHalfLifeHours: number;
  /**
   * A report at least this many hours after a story's first report in the window joins it only
   * if its headline tells a development one of theirs tells (or none).
   */
  readonly developmentGapHours: number;
  /**
   * A report this many hours or more after a story's nearest report (the story quiet since)
   * whose headline tells any development but an election or a vote (held once) is news of its
   * own: a second court's ruling two days after the first is a new event even though both
   * headlines tell a ruling.
   */
  readonly quietHours: number;
  /**
   * A report at least this many hours after a story began, whose headline tells a sequel the
   * story's do not (relatives pressed; after an arrest, the person freed or sent away), is a
   * story of its own: bail the next morning, a deportation overnight, parents questioned the
   * morning after a protest over bounties.
   */
  readonly sequelHours: number;
  /**
   * A report told within this many hours of a story's reports, whose headline tells no
   * development theirs do not, retells their news: linked to the story by places and single
   * names only, or, naming no person itself, by no name that tells the story apart (two wires
   * on an assembly's opening name only its city), it joins at the likeness threshold. 0: never.
   */
  readonly placeLinkHours: number;
  /**
   * Any other link by places and single names only must be this many times the threshold:
   * the host city or the country links every story of a summit or of a court's day.
   */
  readonly placeLinkFactor: number;
  /**
   * A name that another open story with a report within this many hours is also about (the
   * venue and the city of a conference day) tells nothing of which of the day's stories a
   * report linked by places only belongs to: its likeness to a story is taken without it.
   * 0: never.
   */
  readonly busyDayHours: number;
  /**
   * A watchlist term written as a name counts as the topic's vocabulary (not a name of the
   * story) once at least this share of the reports so far hold it.
   */
  readonly topicalShare: number;
}

export const DEFAULT_GROUPING_SETTINGS: GroupingSettings = {
  windowHours: 72,
  similarityThreshold: 0.1,
  syndicationThreshold: 0.5,
  entityWeight: 2.5,
  titleWeight: 1.5,
  priorReports: 20,
  leadWords: 40,
  backgroundWeight: 0.2,
  likenessHalfLifeHours: 36,
  topicalShare: 0.1,
  developmentGapHours: 20,
  quietHours: 36,
  sequelHours: 10,
  placeLinkHours: 6,
  placeLinkFactor: 2,
  busyDayHours: 24,
};

export type GroupingDecision =
  | {
      readonly kind: 'new-story';
      readonly reason: StoryStartReason;
      /** The open story that came nearest to taking the report: absent for `no-candidate`. */
      readonly nearestStoryId?: string;
      /**
       * Its likeness to that story, decayed by the time between them: absent for
       * `no-candidate` and `outside-window`.
       */
      readonly similarity?: number;
    }
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
      /**
       * For a `similar` report: whether a name it shares with what the story is about is a
       * person's (or an organisation's) full name, in it or in the story. False when only places
       * and single names link them, as the host city links every story of a summit: a weak link.
       */
      readonly sharesPerson?: boolean;
      /**
       * For a `similar` report: whether its headline tells a development that none of the
       * story's headlines in the window tell (released, after detained): news of its own.
       */
      readonly tellsNews?: boolean;
    };

interface Report {
  readonly itemId: string;
  readonly at: number;
  /** Stems of the watchlist's topic vocabulary that matched: what the topic is, not which story. */
  readonly topical: ReadonlySet<string>;
  /** Weighted term frequencies, before idf. */
  readonly terms: ReadonlyMap<string, number>;
  /**
   * Terms written as names in the title or the lead, the watchlist's own words left out: the
   * people, places and organisations the report is about. Names only its background mentions
   * (earlier cases an analysis recalls) are not among them.
   */
  readonly names: ReadonlySet<string>;
  /**
   * Its names that are part of a full name (`Cem Aydoğan`, not `Santiago`): the people (and
   * organisations) it is about.
   */
  readonly people: ReadonlySet<string>;
  /** Each name's key as an ordinary word (`notices` -> `notic`), to tell names from common words. */
  readonly nameWords: ReadonlyMap<string, string>;
  /** The ordinary words (keyed as `nameWords`) it writes in lower case somewhere. */
  readonly lowercase: ReadonlySet<string>;
  /** The developments its headline tells (detained, freed, extradited...). */
  readonly developments: ReadonlySet<string>;
  /** Its headline labels it an analysis, an opinion, an explainer: a piece about the news. */
  readonly commentary: boolean;
  readonly shingles: ReadonlySet<number>;
}

interface Story {
  readonly id: string;
  readonly topics: Set<string>;
  readonly reports: Report[];
  earliestAt: number;
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
  /**
   * Words the reports so far write in lower case somewhere: written with a capital, such a word
   * is a common word in a name of office or a heading (`General Assembly`, `Red Notices`,
   * `South`), not a name that tells a story apart.
   */
  private readonly lowercaseWords = new Set<string>();
  private latestAt = Number.NEGATIVE_INFINITY;
  /**
   * Each compared report's norm, for one decision: the idf does not change while `decide`
   * runs, and a report is compared with its story's profile and then with each of its reports.
   */
  private readonly norms = new Map<Report, number>();
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
    this.norms.clear();
    const report = this.report(item);
    // A capitalised word that the reports so far (or this one) also write in lower case is a
    // common word in a heading or a title of office (`General Assembly`, `Red Notices`, `South
    // Korea`'s `South`): it cannot tell one story of the day from another, so it is no name.
    const isName = (word: string): boolean =>
      !this.lowercaseWords.has(word) && !report.lowercase.has(word);
    const reportNames = [...report.names].filter((name) =>
      isName(report.nameWords.get(name) ?? name),
    );
    const reportPeople = reportNames.filter((name) => report.people.has(name));
    const windowMs = this.settings.windowHours * HOUR_MS;
    let best: {
      story: Story;
      /** The reports compared: the one it is a copy of, or the story's recent ones. */
      reports: readonly Report[];
      similarity: number;
      syndicated: boolean;
      sharesPerson?: boolean;
      tellsNews?: boolean;
      aboutItsPeople?: boolean;
    } | null = null;
    // The story that came nearest to taking the report, had none taken it: the one that passed
    // the most checks, then the most alike (or sharing the most names), then the first raised.
    let nearest: {
      story: Story;
      recent: readonly Report[];
      failed: StoryStartReason;
      sharedNames: number;
      similarity?: number;
    } | null = null;
    // The most alike story that only the rule for reports naming no one would take: chosen only
    // when no story takes the report through a shared name.
    let nameless: { story: Story; reports: readonly Report[]; similarity: number } | null = null;
    const consider = (candidate: NonNullable<typeof nearest>): void => {
      if (!nearest || isNearer(candidate, nearest)) nearest = candidate;
    };
    // How many open stories each name is the core of: a name that only one story is about
    // identifies it; one that many share (the city of a summit) does not.
    const outsideWindow: Story[] = [];
    // Only the report's own names are looked up in a story's reports: the rules below ask which
    // of them a story is about, never what else it is about.
    const isNameIn = (each: Report, name: string): boolean =>
      each.names.has(name) && isName(each.nameWords.get(name) ?? name);
    const candidates = [...this.stories.values()].flatMap((story) => {
      const recent = reportsWithin(story, item.at, windowMs);
      if (recent.length === 0) outsideWindow.push(story);
      return recent.length === 0
        ? []
        : [{ story, recent, core: coreNamesAmong(reportNames, recent, isNameIn) }];
    });
    const storiesAbout = new Map<string, number>();
    // Of those, the names several stories of the day are about: the venue and the city of a
    // conference day, shared by its rally, its declaration and its report launch.
    const storiesOfTheDayAbout = new Map<string, number>();
    const dayMs = this.settings.busyDayHours * HOUR_MS;
    for (const { story, core } of candidates) {
      for (const name of core) storiesAbout.set(name, (storiesAbout.get(name) ?? 0) + 1);
      if (Math.abs(item.at - story.latestAt) > dayMs) continue;
      for (const name of core) {
        storiesOfTheDayAbout.set(name, (storiesOfTheDayAbout.get(name) ?? 0) + 1);
      }
    }
    for (const { story, recent, core } of candidates) {
      const sharesTopic = item.topics.some((topic) => story.topics.has(topic));
      // Reports of one event can match different topics (a ruling on a Red Notice, an
      // extradition); they must then be the more alike.
      const threshold = this.settings.similarityThreshold * (sharesTopic ? 1 : CROSS_TOPIC_FACTOR);
      for (const other of recent) {
        const overlap = jaccardAtLeast(
          report.shingles,
          other.shingles,
          this.settings.syndicationThreshold,
        );
        if (overlap < this.settings.syndicationThreshold) continue;
        if (!best || !best.syndicated || overlap > best.similarity) {
          best = { story, reports: [other], similarity: overlap, syndicated: true };
        }
      }
      if (best?.syndicated) continue;
      // An analysis, an opinion or an explainer names the people and places of the news it
      // discusses, in its lead too: it is a piece of its own, and the news is no part of it.
      // A story is news or a piece about the news, as its first report is.
      if (report.commentary !== story.reports[0]?.commentary) {
        consider({ story, recent, failed: 'commentary', sharedNames: 0 });
        continue;
      }
      // The story is what most of its reports are about, not the union of all they mention:
      // a report joins through a name the story's core shares, and by its likeness to the
      // story's profile, so one report that strays cannot pull the next stray one in.
      const sharedNames = reportNames.filter((name) => core.has(name));
      // What the story's headlines tell, and whether the report's tells a development of its own.
      const storyDevelopments = new Set(recent.flatMap((each) => [...each.developments]));
      const tellsNews = tellsNewDevelopment(report.developments, storyDevelopments);
      if (!aboutTheSame(sharedNames, storiesAbout)) {
        consider({ story, recent, failed: 'no-shared-name', sharedNames: sharedNames.length });
        // An event that names no one (an assembly opens, a reform is voted) shares no name with
        // its other reports but its place, which every story of the week shares. A report that
        // names no one either and retells it, alike enough, is one of them.
        if (reportPeople.length > 0) continue;
        const gapHours = nearestGapHours(item.at, recent);
        if (this.retells(gapHours, tellsNews)) {
          const similarity = this.likeness(report, recent, gapHours);
          if (similarity >= threshold && (!nameless || similarity > nameless.similarity)) {
            nameless = { story, reports: recent, similarity };
          }
        }
        continue;
      }
      // Two reports that each name people, and none of the other's, are about different people:
      // a journalist held at a summit's airport is not the general elected there.
      if (differentPeople(report, reportPeople, recent, isNameIn)) {
        consider({ story, recent, failed: 'different-people', sharedNames: sharedNames.length });
        continue;
      }
      // Reports of one development come within hours of each other; a new development about
      // the same people comes days later. The likeness halves every `likenessHalfLifeHours`
      // between the report and the story's nearest report, and a report `developmentGapHours`
      // or more after the story began whose headline tells a development theirs do not is a
      // story of its own: timed from the nearest report, a story that outlets kept retelling
      // all day took the release reported the next morning. After the story was quiet for
      // `quietHours`, a headline that tells any development tells a new one: the late
      // retellings of an event come within a day of it, its sequels (a second court's
      // ruling) days later. What became of someone held (freed, sent away), and relatives
      // pressed at home, are told hours after the news, and are news of their own sooner still.
      const gapHours = nearestGapHours(item.at, recent);
      const sinceFirst = hoursSinceFirst(item.at, recent);
      const storyTold = (development: string): boolean => storyDevelopments.has(development);
      if (
        (sinceFirst >= this.settings.developmentGapHours && tellsNews) ||
        (gapHours >= this.settings.quietHours && recursInOneCase(report.developments)) ||
        (sinceFirst >= this.settings.sequelHours && tellsSequel(report.developments, storyTold))
      ) {
        consider({ story, recent, failed: 'new-development', sharedNames: sharedNames.length });
        continue;
      }
      const sharesPerson = sharedNames.some(
        (name) => report.people.has(name) || recent.some((each) => each.people.has(name)),
      );
      // Linked by places and single names only, a report telling another event of the day
      // than the story's (a rally outside a conference, the report launched inside it) is a
      // story of its own, however alike the day's vocabulary makes them.
      if (!sharesPerson && tellsOtherEvent(report.developments, storyDevelopments)) {
        consider({ story, recent, failed: 'new-development', sharedNames: sharedNames.length });
        continue;
      }
      // Linked by places only, a report is as alike as it is beyond the names that other stories
      // of the day are about too: the venue says nothing of which of the day's events it tells.
      const dayNames = sharesPerson
        ? []
        : sharedNames.filter((name) => (storiesOfTheDayAbout.get(name) ?? 0) > 1);
      const similarity = this.likeness(report, recent, gapHours, new Set(dayNames));
      // A link by places and single names only (the host city links every story of a summit,
      // a country every case of its exiles) is trusted at the threshold for a retelling only;
      // a report with news of its own, or hours later, must be the more alike.
      const needed =
        sharesPerson || this.retells(gapHours, tellsNews)
          ? threshold
          : threshold * this.settings.placeLinkFactor;
      if (similarity < needed) {
        consider({
          story,
          recent,
          failed: 'not-alike',
          sharedNames: sharedNames.length,
          similarity,
        });
        continue;
      }
      // Of the stories it could join, the report joins one its own people (those its headline
      // or first sentence names) are in first: a deportation whose third sentence recalls a
      // court ruling of the same morning is the deportation's story, however alike the ruling's.
      const aboutItsPeople = reportPeople.some((name) =>
        recent.some((each) => isNameIn(each, name)),
      );
      const preferred =
        Number(aboutItsPeople) - Number(best?.aboutItsPeople ?? false) ||
        similarity - (best?.similarity ?? 0);
      if (!best || preferred > 0) {
        best = {
          story,
          reports: recent,
          similarity,
          syndicated: false,
          sharesPerson,
          tellsNews,
          aboutItsPeople,
        };
      }
    }
    // Such a join shares no person's name with the story: weak below `weakPlaceLikeness`, so
    // delivery still tells every subscriber when it is a story of its own.
    if (!best && nameless) {
      best = { ...nameless, syndicated: false, sharesPerson: false, tellsNews: false };
    }
    if (!best) return this.newStory(report, item.at, nearest, outsideWindow);
    const closest = this.closest(report, best.reports);
    return {
      kind: 'same-story',
      storyId: best.story.id,
      reason: best.syndicated ? 'syndicated' : 'similar',
      similarity: round(best.similarity),
      closestItemId: closest.itemId,
      sharedTerms: this.sharedTerms(report, closest),
      ...(best.sharesPerson === undefined ? {} : { sharesPerson: best.sharesPerson }),
      ...(best.tellsNews === undefined ? {} : { tellsNews: best.tellsNews }),
    };
  }

  /** Why the report starts a story: the check its nearest candidate failed, and its likeness. */
  private newStory(
    report: Report,
    at: number,
    nearest: {
      story: Story;
      recent: readonly Report[];
      failed: StoryStartReason;
      similarity?: number;
    } | null,
    outsideWindow: readonly Story[],
  ): GroupingDecision {
    if (nearest) {
      const similarity =
        nearest.similarity ??
        this.likeness(report, nearest.recent, nearestGapHours(at, nearest.recent));
      return {
        kind: 'new-story',
        reason: nearest.failed,
        nearestStoryId: nearest.story.id,
        similarity: round(similarity),
      };
    }
    // No story had a report in the window: the nearest is the one whose reports came closest
    // in time (the first raised on a tie).
    let closest: { story: Story; gapHours: number } | null = null;
    for (const story of outsideWindow) {
      const gapHours = nearestGapHours(at, story.reports);
      if (!closest || gapHours < closest.gapHours) closest = { story, gapHours };
    }
    if (!closest) return { kind: 'new-story', reason: 'no-candidate' };
    // No likeness: a story out of the window was never compared, and comparing it only to say
    // how unlike it is would cost a profile of all its reports at every such decision.
    return { kind: 'new-story', reason: 'outside-window', nearestStoryId: closest.story.id };
  }

  /**
   * Whether the report retells the news of the story's reports: within `placeLinkHours` of
   * them, and its headline tells no development theirs do not.
   */
  private retells(gapHours: number, tellsNews: boolean): boolean {
    return gapHours < this.settings.placeLinkHours && !tellsNews;
  }

  /**
   * The report's likeness to a story: the cosine with the profile of its reports, halved every
   * `likenessHalfLifeHours` between the report and the story's nearest one; the words of the
   * names `without` left out of both.
   */
  private likeness(
    report: Report,
    reports: readonly Report[],
    gapHours: number,
    without: ReadonlySet<string> = NO_NAMES,
  ): number {
    const story = profile(reports);
    const cosine =
      without.size === 0
        ? this.cosine(report, story)
        : this.cosine(withoutNames(report, without), withoutNames(story, without));
    return cosine * 0.5 ** (gapHours / this.settings.likenessHalfLifeHours);
  }

  /** Records the item as the first report of a new story. */
  startStory(storyId: string, item: StoryItem): void {
    if (this.stories.has(storyId)) throw new Error(`story ${storyId} exists already`);
    this.stories.set(storyId, {
      id: storyId,
      topics: new Set(),
      reports: [],
      earliestAt: Number.POSITIVE_INFINITY,
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
    story.earliestAt = Math.min(story.earliestAt, item.at);
    story.latestAt = Math.max(story.latestAt, item.at);
    this.storyOfItem.set(item.itemId, storyId);
    this.reportCount++;
    for (const term of report.terms.keys()) {
      this.reportsWithTerm.set(term, (this.reportsWithTerm.get(term) ?? 0) + 1);
    }
    for (const word of report.lowercase) this.lowercaseWords.add(word);
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
    const people = new Set<string>();
    const nameWords = new Map<string, string>();
    const lowercase = new Set<string>();
    /** `core`: its names are the report's; `opening`: its full names are the report's people. */
    const add = (
      text: string,
      capitalsMarkNames: boolean,
      weight: number,
      core: boolean,
      opening = false,
    ): void => {
      for (const term of storyTerms(text, capitalsMarkNames, opening, namedElsewhere)) {
        const termWeight = weight * (term.entity ? this.settings.entityWeight : 1);
        terms.set(term.text, (terms.get(term.text) ?? 0) + termWeight);
        if (term.entity && core) {
          // Names are compared by key, so that one person's spellings are one name.
          const key = nameKey(term.text);
          names.add(key);
          nameWords.set(key, term.common);
          if (term.inNameRun) people.add(key);
        }
        if (term.lowercase) lowercase.add(term.common);
      }
    };
    const { opening, lead, background } = splitLead(item.summary, this.settings.leadWords);
    const headlineCase = isHeadlineCase(item.title);
    const namedElsewhere = capitalisedInSentences(
      headlineCase ? [item.summary] : [item.title, item.summary],
    );
    const developments = developmentsOf(item.title);
    // The people a report is about are those its headline or its first sentence names; later
    // sentences of the lead name rivals, victims and officials who comment.
    add(item.title, !headlineCase, this.settings.titleWeight, true, true);
    add(opening, true, 1, true, true);
    add(lead.slice(opening.length), true, 1, true);
    add(background, true, this.settings.backgroundWeight, false);
    const topical = new Set(
      item.matchedTerms
        .filter((written) => this.isTopicVocabulary(written))
        .flatMap((written) => storyTerms(written, false).map((term) => term.text)),
    );
    for (const term of topical) {
      names.delete(nameKey(term));
      people.delete(nameKey(term));
    }
    this.lastReport = {
      itemId: item.itemId,
      at: item.at,
      topical,
      terms,
      names,
      people,
      nameWords,
      lowercase,
      developments,
      commentary: isCommentary(item.title),
      shingles: shingles(`${item.title} ${item.summary}`),
    };
    return this.lastReport;
  }

  /**
   * Whether a watchlist term that matched says what the topic is (`red notice`, `INTERPOL`)
   * rather than who or where the story is about (`Hakeem al-Araibi`, `Bahrain`: watchlists name
   * people and places too). A term written without a capital is vocabulary. One with a capital
   * is a name once `priorReports` reports have been grouped and fewer than `topicalShare` of
   * them hold it; until then too little is known to tell the topic's own names from a story's,
   * and every matched term counts as vocabulary, as a wrong join costs more than a missed one.
   */
  private isTopicVocabulary(written: string): boolean {
    if (!/^\p{Lu}/u.test(written)) return true;
    if (this.reportCount < this.settings.priorReports) return true;
    return storyTerms(written, false).every(
      (term) =>
        (this.reportsWithTerm.get(term.text) ?? 0) / this.reportCount >= this.settings.topicalShare,
    );
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

  /** The story's report most like the item: what the explanation points to. */
  private closest(report: Report, reports: readonly Report[]): Report {
    let closest = reports[0]!;
    let likeness = Number.NEGATIVE_INFINITY;
    for (const other of reports) {
      const similarity = this.cosine(report, other);
      if (similarity > likeness) [closest, likeness] = [other, similarity];
    }
    return closest;
  }

  private norm(report: Report): number {
    const known = this.norms.get(report);
    if (known !== undefined) return known;
    let sum = 0;
    for (const [term, weight] of report.terms) {
      sum += (weight * this.idf(term, report.topical.has(term))) ** 2;
    }
    const norm = Math.sqrt(sum);
    this.norms.set(report, norm);
    return norm;
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

/**
 * The summary's lead (whole sentences, until at least `leadWords` words), its first sentence
 * (the opening) and the rest (the background). A short summary is all lead.
 */
export function splitLead(
  summary: string,
  leadWords: number,
): { readonly opening: string; readonly lead: string; readonly background: string } {
  const sentences = summary.match(/[^.!?]+(?:[.!?]+["'”’)]*|$)\s*/g) ?? [summary];
  let words = 0;
  let end = 0;
  for (const sentence of sentences) {
    if (words >= leadWords) break;
    words += sentence.split(/\s+/).filter(Boolean).length;
    end += sentence.length;
  }
  return {
    opening: end === 0 ? '' : (sentences[0] ?? ''),
    lead: summary.slice(0, end),
    background: summary.slice(end),
  };
}

/**
 * Of the names given, those that at least half of the reports are about (all of them for one or
 * two reports): the story's core, as far as those names go.
 */
function coreNamesAmong(
  names: readonly string[],
  reports: readonly Report[],
  isNameIn: (report: Report, name: string) => boolean,
): Set<string> {
  const needed = Math.ceil(reports.length / 2);
  return new Set(
    names.filter(
      (name) =>
        reports.reduce((count, each) => count + (isNameIn(each, name) ? 1 : 0), 0) >= needed,
    ),
  );
}

/**
 * The story's reports at most `windowMs` from `at`: all of them, without a pass over them, when
 * the story's first and last fall within it.
 */
function reportsWithin(story: Story, at: number, windowMs: number): readonly Report[] {
  if (story.earliestAt >= at - windowMs && story.latestAt <= at + windowMs) return story.reports;
  if (story.latestAt < at - windowMs || story.earliestAt > at + windowMs) return [];
  return story.reports.filter((other) => Math.abs(other.at - at) <= windowMs);
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** The report with the words of the names (by their keys) left out of its terms. */
function withoutNames(report: Report, names: ReadonlySet<string>): Report {
  const terms = new Map([...report.terms].filter(([term]) => !names.has(nameKey(term))));
  return { ...report, terms };
}

/** The story's profile: its reports' weighted terms, averaged. */
function profile(reports: readonly Report[]): Report {
  if (reports.length === 1) return reports[0]!;
  const terms = new Map<string, number>();
  const topical = new Set<string>();
  for (const report of reports) {
    for (const [term, weight] of report.terms) {
      terms.set(term, (terms.get(term) ?? 0) + weight / reports.length);
    }
    for (const term of report.topical) topical.add(term);
  }
  return {
    itemId: '',
    at: 0,
    topical,
    terms,
    names: new Set(),
    people: new Set(),
    nameWords: new Map(),
    lowercase: new Set(),
    developments: new Set(),
    commentary: false,
    shingles: new Set(),
  };
}

/**
 * Whether the report is about what the story's core is about: two names in common, or one that
 * no other open story is about. One shared name that several stories of the day share (the
 * city of a summit) tells none of them apart. A country alone still counts when no other open
 * story is about it: excluding countries cost a fifth of the recall of both eval sets.
 */
function aboutTheSame(
  shared: readonly string[],
  storiesAbout: ReadonlyMap<string, number>,
): boolean {
  return shared.length >= 2 || shared.some((name) => storiesAbout.get(name) === 1);
}

/** Hours between the time and the nearest of the reports. */
function nearestGapHours(at: number, reports: readonly Report[]): number {
  return Math.min(...reports.map((other) => Math.abs(other.at - at))) / HOUR_MS;
}

/** Hours from the earliest of the reports to `at`. */
function hoursSinceFirst(at: number, reports: readonly Report[]): number {
  let first = Number.POSITIVE_INFINITY;
  for (const other of reports) first = Math.min(first, other.at);
  return (at - first) / HOUR_MS;
}

const START_CHECKS: readonly StoryStartReason[] = [
  'commentary',
  'no-shared-name',
  'different-people',
  'new-development',
  'not-alike',
];

/**
 * Whether a candidate came nearer to taking a report than the nearest so far: it passed more
 * checks, or as many and is more alike (when both likenesses are known), or shares more names.
 */
function isNearer(
  candidate: { failed: StoryStartReason; sharedNames: number; similarity?: number },
  nearest: { failed: StoryStartReason; sharedNames: number; similarity?: number },
): boolean {
  const passed = START_CHECKS.indexOf(candidate.failed) - START_CHECKS.indexOf(nearest.failed);
  if (passed !== 0) return passed > 0;
  if (candidate.similarity !== undefined && nearest.similarity !== undefined) {
    return candidate.similarity > nearest.similarity;
  }
  return candidate.sharedNames > nearest.sharedNames;
}

/**
 * Whether the report is about people (full names in its headline or first sentence) and so is
 * the story, and neither names any of the other's in its title or lead: the report is about
 * someone else. A background that recalls the other's people does not make them its own.
 */
function differentPeople(
  report: Report,
  reportPeople: readonly string[],
  story: readonly Report[],
  isNameIn: (report: Report, name: string) => boolean,
): boolean {
  if (reportPeople.length === 0) return false;
  let storyNamesPeople = false;
  for (const each of story) {
    for (const name of each.people) {
      if (!isNameIn(each, name)) continue;
      if (report.names.has(name)) return false;
      storyNamesPeople = true;
    }
  }
  return (
    storyNamesPeople && !reportPeople.some((name) => story.some((each) => each.names.has(name)))
  );
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
