import type {
  AlertCorroborated,
  AlertNotificationData,
  AlertRaised,
  KnownRecordedEvent,
} from '@app/contracts';

/** SPEC.md §7: the body of an alert notification. */
export interface AlertWebhookBody {
  readonly type: 'alert.raised' | 'alert.corroborated';
  readonly timestamp: string;
  readonly data: AlertNotificationData;
}

/**
 * The body of the notification of one alert event, from the alert's stream up to that event:
 * the same events always give the same bytes, so every retry carries an identical body and
 * signature input apart from the timestamp header.
 */
export function alertWebhookBody(
  alertHistory: readonly KnownRecordedEvent[],
  version: number,
  requestedAt: string,
): AlertWebhookBody {
  const reports = alertHistory.filter(
    (
      event,
    ): event is Extract<KnownRecordedEvent, { type: 'alert.raised' | 'alert.corroborated' }> =>
      (event.type === 'alert.raised' || event.type === 'alert.corroborated') &&
      event.version <= version,
  );
  const raised = reports[0];
  const reported = reports.find((event) => event.version === version);
  if (raised?.type !== 'alert.raised' || !reported) {
    throw new Error(`alert stream lacks the raising event or version ${version}`);
  }
  const first: AlertRaised = raised.data;
  const data: AlertRaised | AlertCorroborated = reported.data;
  const topics = [...new Set(reports.flatMap((event) => event.data.topics))];
  const { id, feedId, title, url, summary, publishedAt } = data.item;
  return {
    type: reported.type,
    timestamp: requestedAt,
    data: {
      alert: {
        id: first.alertId,
        topics,
        score: Math.max(...reports.map((event) => event.data.score)),
        title: first.title,
        url: first.url,
        firstSeenAt: first.firstSeenAt,
        sources: reports.map((event) => ({
          feedId: event.data.item.feedId,
          itemId: event.data.item.id,
          title: event.data.item.title,
          url: event.data.item.url,
        })),
      },
      item: { id, feedId, title, url, summary, publishedAt },
      matches: data.matches.map(({ topic, rule, terms }) => ({ topic, rule, terms })),
    },
  };
}

/** The body of POST /v1/subscriptions/:id/test. */
export function testWebhookBody(subscriptionId: string, requestedAt: string): object {
  return {
    type: 'subscription.test',
    timestamp: requestedAt,
    data: {
      subscriptionId,
      message: 'A test notification from Vigil: your endpoint received and can verify it.',
    },
  };
}
