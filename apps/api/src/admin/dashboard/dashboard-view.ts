import type { AlertDetail, FeedHealth, FeedView } from '@app/consumers';
import type { DashboardSnapshot, QueueState } from './dashboard-snapshot.service.js';
import { QUEUE_STATES } from './dashboard-snapshot.service.js';

/** A moment as shown: "3 min ago" or "in 20 s", with the exact time for a tooltip. */
export interface TimeView {
  readonly iso: string;
  readonly label: string;
}

export interface FeedRowView {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly failing: boolean;
  readonly stateLabel: string;
  readonly reason: string | null;
  readonly errorMessage: string | null;
  readonly failuresInRow: number;
  readonly lastPoll: TimeView | null;
  readonly nextPoll: TimeView | null;
  readonly pollAction: string;
}

/** What the overview template renders: every value already chosen, ordered and formatted. */
export interface DashboardView {
  readonly generatedAt: TimeView;
  readonly components: readonly { name: string; up: boolean; detail: string }[];
  readonly summary: readonly { label: string; value: string; bad: boolean }[];
  readonly feeds: readonly FeedRowView[];
  readonly queueStates: readonly QueueState[];
  readonly queues: readonly {
    name: string;
    counts: readonly { state: QueueState; value: number; bad: boolean }[];
  }[];
  readonly consumers: readonly {
    name: string;
    position: number;
    lag: number;
    behind: boolean;
    updatedAt: TimeView;
  }[];
  readonly subscriptions: readonly {
    id: string;
    channel: string;
    status: string;
    /** The badge: red when suspended, amber when paused, plain while still active. */
    statusStyle: 'bad' | 'warn' | 'muted';
    reason: string | null;
    suspended: boolean;
    failingSince: TimeView | null;
    deadLetters: number;
    lastAttempt: string;
    lastAttemptAt: TimeView | null;
  }[];
  readonly alerts: readonly {
    title: string;
    url: string | null;
    topics: readonly string[];
    score: string;
    raisedAt: TimeView;
    reports: number;
    sources: readonly string[];
    reasons: readonly { topic: string; rule: string; terms: string }[];
  }[];
}

/** A consumer this far behind the head of the log, and not moving, is shown as behind. */
const STALLED_AFTER_MS = 60_000;

export function dashboardView(snapshot: DashboardSnapshot): DashboardView {
  const now = snapshot.takenAt;
  const feeds = snapshot.feeds
    .map(({ feed, health }) => feedRow(feed, health, now))
    .sort((a, b) => Number(b.failing) - Number(a.failing) || b.failuresInRow - a.failuresInRow);
  const failedJobs = snapshot.queues.reduce((sum, queue) => sum + queue.counts.failed, 0);
  const maxLag = Math.max(0, ...snapshot.consumers.map((consumer) => consumer.lag));
  const failingFeeds = feeds.filter((feed) => feed.failing).length;
  const checks = snapshot.health.checks;
  return {
    generatedAt: timeView(now.toISOString(), now),
    components: [
      { name: 'Event store', check: checks.eventStore },
      { name: 'Redis', check: checks.redis },
      { name: 'Workers', check: checks.workers },
    ].map(({ name, check }) => ({
      name,
      up: check.status === 'up',
      detail:
        check.status === 'up'
          ? 'count' in check && typeof check.count === 'number'
            ? `${check.count} live`
            : 'up'
          : (check.error ?? 'down'),
    })),
    summary: [
      {
        label: 'Failing feeds',
        value: `${failingFeeds} of ${feeds.length}`,
        bad: failingFeeds > 0,
      },
      { label: 'Failed jobs', value: String(failedJobs), bad: failedJobs > 0 },
      {
        label: 'Subscriptions in trouble',
        value: String(snapshot.subscriptions.length),
        bad: snapshot.subscriptions.length > 0,
      },
      { label: 'Largest consumer lag', value: String(maxLag), bad: false },
    ],
    feeds,
    queueStates: [...QUEUE_STATES],
    queues: snapshot.queues.map((queue) => ({
      name: queue.name,
      counts: QUEUE_STATES.map((state) => ({
        state,
        value: queue.counts[state],
        bad: state === 'failed' && queue.counts[state] > 0,
      })),
    })),
    consumers: snapshot.consumers.map((consumer) => ({
      name: consumer.name,
      position: consumer.position,
      lag: consumer.lag,
      behind: consumer.lag > 0 && now.getTime() - Date.parse(consumer.updatedAt) > STALLED_AFTER_MS,
      updatedAt: timeView(consumer.updatedAt, now),
    })),
    subscriptions: snapshot.subscriptions.map(({ trouble, failingSince, deadLetters }) => ({
      id: trouble.subscriptionId,
      channel: trouble.channel,
      status: trouble.status,
      reason: trouble.statusReason,
      statusStyle:
        trouble.status === 'suspended' ? 'bad' : trouble.status === 'paused' ? 'warn' : 'muted',
      suspended: trouble.status === 'suspended',
      failingSince: failingSince === null ? null : timeView(failingSince, now),
      deadLetters,
      lastAttempt:
        trouble.lastOutcome === null
          ? 'none'
          : `${trouble.lastOutcome.replace('_', ' ')}${trouble.lastHttpStatus === null ? '' : ` (HTTP ${trouble.lastHttpStatus})`}`,
      lastAttemptAt: trouble.lastAttemptAt === null ? null : timeView(trouble.lastAttemptAt, now),
    })),
    alerts: snapshot.alerts.map((alert) => alertRow(alert, now)),
  };
}

function feedRow(feed: FeedView, health: FeedHealth | null, now: Date): FeedRowView {
  const failuresInRow = health?.failuresInRow ?? 0;
  const failing = feed.failingReason !== null || failuresInRow > 0;
  return {
    id: feed.feedId,
    name: feed.title ?? feed.feedId,
    url: feed.url,
    failing,
    stateLabel: failing ? 'Failing' : !feed.enabled ? 'Disabled' : health ? 'OK' : 'Not polled yet',
    reason: failing ? (health?.lastErrorReason ?? feed.failingReason) : null,
    errorMessage: failing ? (health?.lastErrorMessage ?? null) : null,
    failuresInRow,
    lastPoll: health?.lastPollAt ? timeView(health.lastPollAt, now) : null,
    nextPoll: health?.nextPollAt ? timeView(health.nextPollAt, now) : null,
    pollAction: `/admin/dashboard/feeds/${encodeURIComponent(feed.feedId)}/poll`,
  };
}

function alertRow(alert: AlertDetail, now: Date): DashboardView['alerts'][number] {
  const reasons = new Map<string, { topic: string; rule: string; terms: Set<string> }>();
  for (const match of alert.items.flatMap((item) => item.matches)) {
    const key = `${match.topic}\u0000${match.rule}`;
    const reason = reasons.get(key) ?? { topic: match.topic, rule: match.rule, terms: new Set() };
    for (const term of match.terms) reason.terms.add(term.text);
    reasons.set(key, reason);
  }
  return {
    title: alert.title,
    url: linkable(alert.url),
    topics: alert.topics,
    score: alert.score.toFixed(1),
    raisedAt: timeView(alert.raisedAt, now),
    reports: alert.reportCount,
    sources: alert.sources.map((source) => source.title ?? source.feedId),
    reasons: [...reasons.values()].map((reason) => ({
      topic: reason.topic,
      rule: reason.rule,
      terms: [...reason.terms].join(', '),
    })),
  };
}

/** Only http(s) links: a feed could carry `javascript:` in an item's link. */
function linkable(url: string | null): string | null {
  const parsed = url === null ? null : URL.parse(url);
  return parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:')
    ? parsed.href
    : null;
}

export function timeView(iso: string, now: Date): TimeView {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  const size = Math.abs(seconds);
  const amount =
    size < 60
      ? `${size} s`
      : size < 3_600
        ? `${Math.round(size / 60)} min`
        : size < 172_800
          ? `${Math.round(size / 3_600)} h`
          : `${Math.round(size / 86_400)} d`;
  return {
    iso,
    label: size < 1 ? 'now' : seconds > 0 ? `in ${amount}` : `${amount} ago`,
  };
}
