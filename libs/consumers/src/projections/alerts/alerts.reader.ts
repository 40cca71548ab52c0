import type {
  AlertCorroborated,
  AlertItemData,
  AlertRaised,
  RuleMatchData,
  StoryLikeness,
  StoryStart,
  WeakLikenessLevels,
} from '@app/contracts';
import type { Database } from '@app/event-store';

/** An alert as listed: one story, however many reports it has. */
export interface AlertSummary {
  readonly id: string;
  readonly topics: readonly string[];
  readonly score: number;
  readonly title: string;
  readonly url: string | null;
  readonly firstSeenAt: string;
  /** When the first report was recorded as an alert. */
  readonly raisedAt: string;
  /** When the last report was added. */
  readonly updatedAt: string;
  readonly reportCount: number;
  readonly sourceCount: number;
}

/** One item of the alert, as its event recorded it. */
export interface AlertReport extends Omit<AlertItemData, 'id'> {
  readonly kind: 'raised' | 'corroborated';
  readonly itemId: string;
  readonly recordedAt: string;
  readonly topics: readonly string[];
  readonly score: number;
  readonly matches: readonly RuleMatchData[];
  /** Why it joined the story; absent for the report that raised the alert. */
  readonly likeness?: StoryLikeness;
  /**
   * Why the report that raised the alert started a story rather than joining an open one;
   * absent for corroborations and for alerts raised before it was recorded.
   */
  readonly start?: StoryStart;
}

export interface AlertSource {
  readonly feedId: string;
  /** The feed's title as registered, or null. */
  readonly title: string | null;
  readonly reportCount: number;
  readonly firstReportAt: string;
}

export interface AlertDetail extends AlertSummary {
  readonly items: readonly AlertReport[];
  readonly sources: readonly AlertSource[];
  readonly timeline: readonly {
    readonly at: string;
    readonly type: 'alert.raised' | 'alert.corroborated';
    readonly itemId: string;
    readonly feedId: string;
  }[];
}

export interface AlertQuery {
  readonly topic?: string;
  /** Only alerts raised at or after this time. */
  readonly since?: string;
  readonly limit: number;
  /** Only alerts raised before this log position: the cursor of the page before. */
  readonly beforePosition?: number;
}

interface AlertRow {
  alert_id: string;
  topics: string[];
  score: number;
  title: string;
  url: string | null;
  first_seen_at: Date | string;
  raised_position: number | string;
  raised_at: Date | string;
  updated_at: Date | string;
  report_count: number;
  source_count: number;
}

interface ReportRow {
  item_id: string;
  feed_id: string;
  kind: 'raised' | 'corroborated';
  recorded_at: Date | string;
  data: AlertRaised | AlertCorroborated;
  feed_title: string | null;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

/** Reads the alerts view for the public API. */
export class AlertsReader {
  constructor(private readonly database: Database) {}

  /** Newest first; `nextBeforePosition` pages on, null on the last page. */
  async list(
    query: AlertQuery,
  ): Promise<{ alerts: AlertSummary[]; nextBeforePosition: number | null }> {
    const rows = await this.database.query<AlertRow>(
      `SELECT * FROM vigil_view_alerts
        WHERE ($1::text IS NULL OR $1 = ANY(topics))
          AND ($2::timestamptz IS NULL OR raised_at >= $2)
          AND ($3::bigint IS NULL OR raised_position < $3)
        ORDER BY raised_position DESC LIMIT $4`,
      [query.topic ?? null, query.since ?? null, query.beforePosition ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      alerts: page.map(toSummary),
      nextBeforePosition: rows.length > query.limit && last ? Number(last.raised_position) : null,
    };
  }

  /**
   * The alerts a digest of [from, to) holds for one subscriber, newest report first: each
   * alert with a report in the window that the subscriber would have been sent one by one (a
   * raise of its topics and score; a corroboration when it asked for them, or when the report
   * joined so weakly that it goes to everyone, as the fan-out decides). At most `limit`.
   */
  async digestAlerts(query: {
    readonly from: string;
    readonly to: string;
    readonly topics: readonly string[];
    readonly minScore: number;
    readonly corroborations: boolean;
    readonly weak: WeakLikenessLevels;
    readonly limit: number;
  }): Promise<string[]> {
    const rows = await this.database.query<{ alert_id: string }>(
      `SELECT alert_id FROM vigil_view_alert_reports
        WHERE recorded_at >= $1 AND recorded_at < $2
          AND ARRAY(SELECT jsonb_array_elements_text(data->'topics')) && $3::text[]
          AND (data->>'score')::double precision >= $4
          AND (kind = 'raised' OR $5
            OR (data->'likeness'->>'reason' = 'similar'
              AND (($9 AND data->'likeness'->>'tellsNews' = 'true')
                OR (data->'likeness'->>'similarity')::double precision <
                  CASE WHEN data->'likeness'->>'sharesPerson' = 'false'
                    THEN greatest($6::double precision, $8::double precision)
                    ELSE $6::double precision END)))
        GROUP BY alert_id
        ORDER BY max(position) DESC LIMIT $7`,
      [
        query.from,
        query.to,
        query.topics,
        query.minScore,
        query.corroborations,
        query.weak.weakLikeness,
        query.limit,
        query.weak.weakPlaceLikeness,
        query.weak.weakNewDevelopment,
      ],
    );
    return rows.map((row) => row.alert_id);
  }

  async get(alertId: string): Promise<AlertDetail | null> {
    const [row] = await this.database.query<AlertRow>(
      'SELECT * FROM vigil_view_alerts WHERE alert_id = $1',
      [alertId],
    );
    if (!row) return null;
    const reports = await this.database.query<ReportRow>(
      `SELECT r.item_id, r.feed_id, r.kind, r.recorded_at, r.data, f.title AS feed_title
         FROM vigil_view_alert_reports r LEFT JOIN vigil_view_feeds f ON f.feed_id = r.feed_id
        WHERE r.alert_id = $1 ORDER BY r.position`,
      [alertId],
    );
    const sources = new Map<string, AlertSource>();
    for (const report of reports) {
      const known = sources.get(report.feed_id);
      sources.set(report.feed_id, {
        feedId: report.feed_id,
        title: report.feed_title,
        reportCount: (known?.reportCount ?? 0) + 1,
        firstReportAt: known?.firstReportAt ?? iso(report.recorded_at),
      });
    }
    return {
      ...toSummary(row),
      items: reports.map(toReport),
      sources: [...sources.values()],
      timeline: reports.map((report) => ({
        at: iso(report.recorded_at),
        type: report.kind === 'raised' ? 'alert.raised' : 'alert.corroborated',
        itemId: report.item_id,
        feedId: report.feed_id,
      })),
    };
  }
}

function toSummary(row: AlertRow): AlertSummary {
  return {
    id: row.alert_id,
    topics: row.topics,
    score: Number(row.score),
    title: row.title,
    url: row.url,
    firstSeenAt: iso(row.first_seen_at),
    raisedAt: iso(row.raised_at),
    updatedAt: iso(row.updated_at),
    reportCount: Number(row.report_count),
    sourceCount: Number(row.source_count),
  };
}

function toReport(row: ReportRow): AlertReport {
  const {
    item: { id, ...item },
    topics,
    score,
    matches,
  } = row.data;
  return {
    kind: row.kind,
    itemId: id,
    ...item,
    recordedAt: iso(row.recorded_at),
    topics,
    score,
    matches,
    ...('likeness' in row.data ? { likeness: row.data.likeness } : {}),
    ...('start' in row.data && row.data.start ? { start: row.data.start } : {}),
  };
}
