import { alertView } from './alert-view.js';
import { digestView } from './digest-view.js';
import type {
  AlertMessage,
  DigestAlert,
  DigestPeriod,
  Recipient,
  RenderedEmail,
} from './email-content.js';
import {
  formatUtc,
  frequencyPhrase,
  linkableUrl,
  subjectLine,
  subscribedTopics,
} from './email-formatting.js';
import { TEMPLATES, type EmailTemplate } from './email-templates.js';
import type { FooterView } from './email-views.js';
import { tidyPlainText } from './plain-text.js';

/** Double opt-in: the one email a pending subscription gets. */
export function renderConfirmationEmail(input: {
  readonly recipient: Recipient;
  readonly confirmUrl: string;
  /** ISO time. */
  readonly expiresAt: string;
}): RenderedEmail {
  const { recipient } = input;
  const topics = subscribedTopics(recipient);
  const expiresAt = formatUtc(input.expiresAt);
  return render(TEMPLATES.confirmation, {
    subject: subjectLine('[Vigil] Confirm your alerts on ', topics),
    preheader: `Confirm to start receiving alerts on ${topics}. The link expires on ${expiresAt}.`,
    footer: {
      reason: `You receive this because someone asked for Vigil alerts on ${topics}, ${frequencyPhrase(recipient.frequency)}, to be sent to ${recipient.address}.`,
      unsubscribeUrl: linkableUrl(recipient.unsubscribeUrl),
    },
    address: recipient.address,
    topics,
    frequency: frequencyPhrase(recipient.frequency),
    confirmUrl: linkableUrl(input.confirmUrl),
    expiresAt,
  });
}

/** One alert (`alert.raised`) or one more report of it (`alert.corroborated`). */
export function renderAlertEmail(input: {
  readonly recipient: Recipient;
  readonly message: AlertMessage;
  /** The alert in the API, when there is a public URL to give. */
  readonly alertUrl: string | null;
}): RenderedEmail {
  const { recipient, message, alertUrl } = input;
  return render(TEMPLATES.alert, alertView(recipient, message, alertUrl, footerFor(recipient)));
}

/** The alerts of an hourly or daily period, grouped by topic. */
export function renderDigestEmail(input: {
  readonly recipient: Recipient;
  readonly period: DigestPeriod;
  readonly alerts: readonly DigestAlert[];
}): RenderedEmail {
  const { recipient, period, alerts } = input;
  return render(TEMPLATES.digest, digestView(recipient, period, alerts, footerFor(recipient)));
}

/** The answer to POST /v1/subscriptions/:id/test. */
export function renderTestEmail(input: { readonly recipient: Recipient }): RenderedEmail {
  const { recipient } = input;
  return render(TEMPLATES.test, {
    subject: '[Vigil] Test email',
    preheader: `If you can read this, Vigil can reach ${recipient.address}.`,
    footer: footerFor(recipient),
    address: recipient.address,
    topics: subscribedTopics(recipient),
    frequency: frequencyPhrase(recipient.frequency),
  });
}

/**
 * A small standalone page, the API's answer to a click in an email: the outcome of a
 * confirmation, or the unsubscribe page whose button POSTs (RFC 8058 one-click).
 */
export function renderPage(input: {
  readonly title: string;
  readonly message: string;
  readonly form?: { readonly action: string; readonly button: string };
}): string {
  const { title, message, form } = input;
  return TEMPLATES.page({
    title,
    message,
    form: form ? { action: formAction(form.action), button: form.button } : null,
  });
}

function render<View extends { readonly subject: string }>(
  template: EmailTemplate<View>,
  view: View,
): RenderedEmail {
  return {
    subject: view.subject,
    html: template.html(view),
    text: tidyPlainText(template.text(view)),
  };
}

function footerFor(recipient: Recipient): FooterView {
  return {
    reason: `You receive this because ${recipient.address} subscribed to Vigil alerts on ${subscribedTopics(recipient)}, ${frequencyPhrase(recipient.frequency)}.`,
    unsubscribeUrl: linkableUrl(recipient.unsubscribeUrl),
  };
}

/**
 * A path on this server or an http(s) URL. The action is the API's own, never a feed's: any
 * other scheme is a bug in the caller, and a page must not post to it.
 */
function formAction(action: string): string {
  const isPath = action.startsWith('/') && !action.startsWith('//');
  if (isPath || linkableUrl(action)) return action;
  throw new Error(`A page's form posts to a path or an http(s) URL, not to "${action}"`);
}
