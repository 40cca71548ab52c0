import type { KnownNewEvent, OperatorFeedFailing, PollFailureReason } from '@app/contracts';
import { type Decider, evolveOn, ignoreForeignEvent } from '../decider.js';

export type OperatorIncidentCommand =
  /** A poll of the feed failed; `failures` counts the failing polls in a row, this one included. */
  | {
      readonly type: 'record-feed-failure';
      readonly feedId: string;
      readonly url: string;
      readonly failures: number;
      readonly failuresBeforeAlert: number;
      readonly reason: PollFailureReason;
      readonly message: string;
      readonly since: string;
    }
  | {
      readonly type: 'record-feed-success';
      readonly feedId: string;
      readonly url: string;
      readonly at: string;
    }
  /** A `subscription.suspended`, named by its log position. */
  | {
      readonly type: 'record-suspension';
      readonly subscriptionId: string;
      readonly reason: 'gone' | 'failing';
      readonly since: string;
      readonly position: number;
    }
  /**
   * One measurement of a consumer's lag. `aboveSince` is when this worker first saw it above
   * the threshold without a break (null: it is within it now).
   */
  | {
      readonly type: 'record-consumer-lag';
      readonly consumer: string;
      readonly lag: number;
      readonly threshold: number;
      readonly position: number;
      readonly head: number;
      readonly aboveSince: string | null;
      readonly lagForMs: number;
      readonly now: string;
    }
  | { readonly type: 'record-delivery'; readonly alertVersion: number; readonly status: number };

export interface OperatorIncidentState {
  /** The failing feed or lagging consumer incident in progress, if any. */
  readonly openFailure: OperatorFeedFailing | null;
  readonly lagging: boolean;
  /** The log position of the last suspension alerted. */
  readonly lastSuspensionPosition: number;
  /** Stream versions of the alerts already delivered. */
  readonly delivered: ReadonlySet<number>;
}

/**
 * One incident, one alert: decides from an incident subject's own stream whether a failure,
 * a suspension or a lag opens an incident (and so an alert to send) or belongs to one already
 * open, and when it closes. Every worker that notices the same thing decides the same, and the
 * append at the version read lets only one of them record it.
 */
export const operatorIncidentDecider: Decider<OperatorIncidentCommand, OperatorIncidentState> = {
  initialState: () => ({
    openFailure: null,
    lagging: false,
    lastSuspensionPosition: 0,
    delivered: new Set(),
  }),

  evolve: evolveOn('operator', (state, event): OperatorIncidentState => {
    switch (event.type) {
      case 'operator.feed_failing':
        return { ...state, openFailure: event.data };
      case 'operator.feed_recovered':
        return { ...state, openFailure: null };
      case 'operator.subscription_suspended':
        return { ...state, lastSuspensionPosition: event.data.suspensionPosition };
      case 'operator.consumer_lagging':
        return { ...state, lagging: true };
      case 'operator.consumer_caught_up':
        return { ...state, lagging: false };
      case 'operator.alert_delivered':
        return { ...state, delivered: new Set([...state.delivered, event.data.alertVersion]) };
      default:
        return ignoreForeignEvent(event, state);
    }
  }),

  decide(command, state): KnownNewEvent[] {
    switch (command.type) {
      case 'record-feed-failure': {
        if (state.openFailure !== null || command.failures < command.failuresBeforeAlert) return [];
        const { feedId, url, failures, reason, message, since } = command;
        return [
          {
            type: 'operator.feed_failing',
            data: { feedId, url, failures, reason, message, since },
          },
        ];
      }
      case 'record-feed-success': {
        if (state.openFailure === null) return [];
        return [
          {
            type: 'operator.feed_recovered',
            data: {
              feedId: command.feedId,
              url: command.url,
              reason: state.openFailure.reason,
              since: state.openFailure.since,
              recoveredAt: command.at,
            },
          },
        ];
      }
      case 'record-suspension': {
        if (command.position <= state.lastSuspensionPosition) return [];
        const { subscriptionId, reason, since, position } = command;
        return [
          {
            type: 'operator.subscription_suspended',
            data: { subscriptionId, reason, since, suspensionPosition: position },
          },
        ];
      }
      case 'record-consumer-lag': {
        const { consumer, lag, threshold, position, head, aboveSince } = command;
        if (lag <= threshold) {
          return state.lagging
            ? [{ type: 'operator.consumer_caught_up', data: { consumer, lag } }]
            : [];
        }
        const lastedMs = aboveSince === null ? 0 : Date.parse(command.now) - Date.parse(aboveSince);
        if (state.lagging || aboveSince === null || lastedMs < command.lagForMs) return [];
        return [
          {
            type: 'operator.consumer_lagging',
            data: { consumer, lag, threshold, position, head, since: aboveSince },
          },
        ];
      }
      case 'record-delivery':
        return state.delivered.has(command.alertVersion)
          ? []
          : [
              {
                type: 'operator.alert_delivered',
                data: { alertVersion: command.alertVersion, status: command.status },
              },
            ];
    }
  },
};
