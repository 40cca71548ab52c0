import type { AlertNotificationData, EmailFrequency, NotifiedSource } from '@app/contracts';

export type { EmailFrequency };

/** One email, ready for the transport: a subject, an HTML part and a plain-text part. */
export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** A watchlist topic as a reader is shown it. */
export interface TopicLabel {
  readonly id: string;
  readonly title: string;
}

/** Who an email goes to and why: what every footer says, and the links it offers. */
export interface Recipient {
  readonly address: string;
  /** The topics the subscription follows. */
  readonly topics: readonly TopicLabel[];
  readonly frequency: EmailFrequency;
  /** GET shows a page with a one-click button (SPEC §6 `/v1/unsubscribe?token=`). */
  readonly unsubscribeUrl: string;
}

/** A source of an alert: one report of its story. */
export type AlertSource = NotifiedSource;

/** Why an item matched one topic: the rule and the terms found, with their offsets. */
export type MatchExplanation = AlertNotificationData['matches'][number];

/** The alert a notification tells of (SPEC §7's body `data`, for an email). */
export interface AlertMessage extends AlertNotificationData {
  readonly kind: 'alert.raised' | 'alert.corroborated';
  /**
   * A corroboration that joined its story weakly (`isWeakLikeness`): it may be a new story the
   * grouper merged, so the email leads with the report, not with the story's title.
   */
  readonly weak?: boolean;
}

/** One alert of a digest period, its corroborations folded in. */
export interface DigestAlert {
  readonly alert: AlertMessage['alert'];
  /** The first report's summary and why it matched. */
  readonly item: AlertMessage['item'];
  readonly matches: readonly MatchExplanation[];
  /** Reports that joined the story within the period, after the first. */
  readonly corroborations: number;
  /** The newest report's time within the period: digests list alerts newest first. */
  readonly lastReportAt: string;
}

export interface DigestPeriod {
  readonly frequency: 'hourly' | 'daily';
  /** ISO times, [start, end). */
  readonly start: string;
  readonly end: string;
  /** IANA zone the reader's times are shown in. */
  readonly timeZone: string;
}
