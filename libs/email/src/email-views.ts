import type Handlebars from 'handlebars';

/**
 * What the templates are given. Every string in a view is untrusted unless typed SafeString:
 * the HTML templates escape it, the text templates print it as is. URLs are null unless
 * linkableUrl() let them through.
 */

/** A text shown in both parts: escaped with its marks for HTML, with *marks* for text. */
export interface MarkedText {
  readonly html: Handlebars.SafeString;
  readonly text: string;
}

export interface FooterView {
  /** "You receive this because …". */
  readonly reason: string;
  readonly unsubscribeUrl: string | null;
}

interface EmailView {
  readonly subject: string;
  /** The line clients show after the subject in the inbox. */
  readonly preheader: string;
  readonly footer: FooterView;
}

/** Why an item matched a topic: the rule and the distinct words it found. */
export interface ReasonView {
  readonly topic: string;
  readonly rule: string;
  readonly terms: MarkedText | null;
}

export interface SourceView {
  /** The outlet: its feed id. */
  readonly name: string;
  readonly title: string;
  readonly url: string | null;
}

export interface AlertView extends EmailView {
  readonly eyebrow: string;
  readonly title: string;
  readonly titleUrl: string | null;
  /** The corroborating report, for `alert.corroborated`. */
  readonly update: { readonly title: string; readonly url: string | null } | null;
  /**
   * For a report that joined its story weakly, told as a story of its own: the alert it was
   * filed under.
   */
  readonly filedUnder: { readonly title: string; readonly url: string | null } | null;
  readonly meta: string;
  readonly summary: MarkedText | null;
  readonly readUrl: string | null;
  readonly sourcesHeading: string;
  readonly sources: readonly SourceView[];
  readonly reasons: readonly ReasonView[];
  readonly alertUrl: string | null;
}

export interface DigestAlertView {
  readonly title: string;
  readonly url: string | null;
  readonly meta: string;
  readonly summary: MarkedText | null;
  readonly reasons: readonly ReasonView[];
}

export interface DigestGroupView {
  readonly topic: string;
  readonly count: string;
  /** Underlines the group's heading in the text part. */
  readonly underline: string;
  readonly alerts: readonly DigestAlertView[];
}

export interface DigestView extends EmailView {
  readonly eyebrow: string;
  readonly heading: string;
  readonly period: string;
  readonly groups: readonly DigestGroupView[];
}

export interface ConfirmationView extends EmailView {
  readonly address: string;
  readonly topics: string;
  readonly frequency: string;
  readonly confirmUrl: string | null;
  readonly expiresAt: string;
}

export interface TestEmailView extends EmailView {
  readonly address: string;
  readonly topics: string;
  readonly frequency: string;
}

export interface PageView {
  readonly title: string;
  readonly message: string;
  readonly form: { readonly action: string; readonly button: string } | null;
}
