import { Inject, Injectable } from '@nestjs/common';
import {
  alertStream,
  digestStream,
  isWeakLikeness,
  type KnownRecordedEvent,
  type NotificationRequested,
} from '@app/contracts';
import {
  type AlertMessage,
  type DigestAlert,
  type Recipient,
  type RenderedEmail,
  renderAlertEmail,
  renderConfirmationEmail,
  renderDigestEmail,
  renderTestEmail,
} from '@app/email';
import { type EventStore } from '@app/event-store';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { SubscriptionKeyStore, type SubscriptionRecord, unseal } from '@app/subscriptions';
import { WatchlistRepository } from '@app/watchlist';
import { alertWebhookBody } from '../webhook-body.js';
import type { OutgoingEmail } from './smtp-mailer.js';

/**
 * Writes the email of one notification: the confirmation link, a test, one alert event, or a
 * closed digest period. Everything in it comes from the log (the alert's events up to the one
 * notified, the alerts a `digest.sent` fixed), so every attempt at a notification writes the
 * same email, under the same Message-ID. Null when the subscription's key is destroyed: its
 * address can no longer be read, and nothing is sent.
 */
@Injectable()
export class EmailComposer {
  private readonly messageIdDomain: string;

  constructor(
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
    private readonly keys: SubscriptionKeyStore,
    private readonly watchlists: WatchlistRepository,
  ) {
    this.messageIdDomain = domainOf(config.mailFrom) ?? new URL(config.publicUrl).hostname;
  }

  async compose(
    store: EventStore,
    request: NotificationRequested,
    requestedAt: string,
    subscription: SubscriptionRecord,
  ): Promise<OutgoingEmail | null> {
    const { subscriptionId } = subscription;
    const key = await this.keys.get(subscriptionId);
    if (!key || !subscription.email || !subscription.schedule) return null;
    const open = (field: string, sealed: string) => unseal(key, subscriptionId, field, sealed);
    const unsubscribeUrl = this.link(
      'v1/unsubscribe',
      open('email.unsubscribeToken', subscription.email.unsubscribeToken),
    );
    const recipient: Recipient = {
      address: open('email.address', subscription.email.address),
      topics: await this.topicLabels(subscription.topics),
      frequency: subscription.schedule.frequency,
      unsubscribeUrl,
    };
    const rendered = await this.render(store, request, requestedAt, subscription, recipient, () =>
      open('email.confirmToken', subscription.email!.confirmToken),
    );
    return {
      to: recipient.address,
      ...rendered,
      messageId: `<${request.notificationId}@${this.messageIdDomain}>`,
      headers: {
        // RFC 2369 and RFC 8058: mail clients offer an unsubscribe button that POSTs here.
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        // RFC 3834: no out-of-office replies to an automated sender.
        'Auto-Submitted': 'auto-generated',
      },
    };
  }

  private async render(
    store: EventStore,
    request: NotificationRequested,
    requestedAt: string,
    subscription: SubscriptionRecord,
    recipient: Recipient,
    confirmToken: () => string,
  ): Promise<RenderedEmail> {
    switch (request.kind) {
      case 'subscription.confirmation': {
        const expiresMs = this.config.runtime.email.confirmationExpiresHours * 3_600_000;
        return renderConfirmationEmail({
          recipient,
          confirmUrl: this.link('v1/subscriptions/confirm', confirmToken()),
          expiresAt: new Date(Date.parse(subscription.createdAt) + expiresMs).toISOString(),
        });
      }
      case 'subscription.test':
        return renderTestEmail({ recipient });
      case 'alert.raised':
      case 'alert.corroborated': {
        const history = await store.readStream(alertStream(request.alertId!));
        const source = history.find((event) => event.position === request.sourcePosition);
        const { type, data } = alertWebhookBody(history, source?.version ?? 1, requestedAt);
        const weak =
          source?.type === 'alert.corroborated' &&
          isWeakLikeness(source.data.likeness, this.config.runtime.stories);
        const message: AlertMessage = { kind: type, ...data, weak };
        return renderAlertEmail({
          recipient,
          message,
          alertUrl: this.link(`v1/alerts/${encodeURIComponent(data.alert.id)}`),
        });
      }
      case 'digest':
        return this.renderDigest(store, request.digestId!, subscription, recipient);
    }
  }

  private async renderDigest(
    store: EventStore,
    digestId: string,
    subscription: SubscriptionRecord,
    recipient: Recipient,
  ): Promise<RenderedEmail> {
    const [closed] = await store.readStream(digestStream(digestId));
    if (closed?.type !== 'digest.sent') throw new Error(`digest ${digestId} was never closed`);
    const { frequency, periodStart, periodEnd, alertIds } = closed.data;
    const histories = await store.readStreams(alertIds.map(alertStream));
    const alerts = alertIds.flatMap((alertId) => {
      const history = histories.get(alertStream(alertId)) ?? [];
      const digestAlert = toDigestAlert(history, periodEnd);
      return digestAlert ? [digestAlert] : [];
    });
    return renderDigestEmail({
      recipient,
      period: {
        frequency,
        start: periodStart,
        end: periodEnd,
        timeZone: subscription.schedule!.timeZone,
      },
      alerts,
    });
  }

  private async topicLabels(topics: readonly string[]): Promise<Recipient['topics']> {
    const watchlist = await this.watchlists.current();
    const titles = new Map(watchlist?.definition.topics.map((topic) => [topic.id, topic.title]));
    return topics.map((id) => ({ id, title: titles.get(id) ?? id }));
  }

  private link(path: string, token?: string): string {
    const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
    return `${this.config.publicUrl}/${path}${query}`;
  }
}

/**
 * An alert as a digest shows it: its first report and why it matched, its sources and the
 * count of later reports, all as the log stood at the period's end.
 */
function toDigestAlert(
  history: readonly KnownRecordedEvent[],
  periodEnd: string,
): DigestAlert | null {
  const reports = history.filter(
    (event) =>
      (event.type === 'alert.raised' || event.type === 'alert.corroborated') &&
      event.recordedAt < periodEnd,
  );
  const [first] = reports;
  const last = reports.at(-1);
  if (!first || !last) return null;
  const asOfEnd = alertWebhookBody(history, last.version, last.recordedAt).data;
  const asRaised = alertWebhookBody(history, first.version, first.recordedAt).data;
  return {
    alert: asOfEnd.alert,
    item: asRaised.item,
    matches: asRaised.matches,
    corroborations: reports.length - 1,
    lastReportAt: last.recordedAt,
  };
}

/** `Vigil <alerts@example.org>` or `alerts@example.org` → `example.org`. */
function domainOf(address: string | undefined): string | null {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(address ?? '');
  return match?.[1] ?? null;
}
