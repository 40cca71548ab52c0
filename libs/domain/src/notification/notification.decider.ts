import { assertNever, type KnownNewEvent, type NotificationRequested } from '@app/contracts';
import { type Decider, evolveOn, ignoreForeignEvent } from '../decider.js';
import {
  NotificationNotDeadLetteredError,
  NotificationNotFoundError,
} from './notification-errors.js';
import { nextRetryDelayMs } from './retry-schedule.js';

/** What one attempt to send came to: the channel's answer, reduced to what the log keeps. */
export type AttemptOutcome =
  | { readonly ok: true; readonly status: number; readonly latencyMs: number }
  | {
      readonly ok: false;
      /** `null` when no answer came (then `error` says why). */
      readonly status: number | null;
      readonly error: string | null;
      readonly latencyMs: number;
      readonly responseExcerpt: string | null;
      /** The receiver said the endpoint is gone for good (410): no retry, the subscription is suspended. */
      readonly gone: boolean;
      /** The wait the receiver asked for (`Retry-After`). */
      readonly retryAfterMs: number | null;
      /**
       * Set when no retry can succeed (the URL is invalid, or refused by the address policy):
       * the reason the notification is dead-lettered at once. Null when a retry may succeed.
       */
      readonly permanentFailure: string | null;
    };

export type NotificationCommand =
  | { readonly type: 'request'; readonly request: NotificationRequested }
  /** The admin's redelivery of a dead letter: a fresh run of attempts, the same id. */
  | { readonly type: 'redeliver'; readonly notificationId: string }
  | {
      readonly type: 'record-attempt';
      readonly notificationId: string;
      /** The stream version the attempt was made at: a stale attempt records nothing. */
      readonly atVersion: number;
      readonly outcome: AttemptOutcome;
      /** ISO time of the attempt. */
      readonly now: string;
      /** In [0, 1): the retry delay's jitter. */
      readonly random: number;
      /** The retry schedule (configuration `webhooks.retryDelaysSeconds`, in ms). */
      readonly retryDelaysMs: readonly number[];
    };

export type NotificationStatus = 'pending' | 'delivered' | 'dead_lettered';

export interface NotificationState {
  /** The latest request; null while the stream is empty. */
  readonly request: NotificationRequested | null;
  /**
   * When it was first requested: the time a message's body states, so every attempt and a
   * redelivery send the same bytes.
   */
  readonly requestedAt: string | null;
  readonly status: NotificationStatus | null;
  /** Failed attempts since the latest request. */
  readonly failedAttempts: number;
  /** When the next attempt is due: the request's time, then each failure's next-attempt time. */
  readonly dueAt: string | null;
  /** The stream's version: the job that may make the next attempt names it. */
  readonly version: number;
}

/**
 * A notification's life on its own stream: requested → attempts → delivered or dead-lettered,
 * and an admin's redelivery of a dead letter starts a new run. The attempt to record is
 * decided against the version it was made at, so a second worker's late record, or a stale
 * job's, changes nothing.
 */
export const notificationDecider: Decider<NotificationCommand, NotificationState> = {
  initialState: () => ({
    request: null,
    requestedAt: null,
    status: null,
    failedAttempts: 0,
    dueAt: null,
    version: 0,
  }),

  evolve: evolveOn('notification', (state, event): NotificationState => {
    const version = event.version;
    switch (event.type) {
      case 'notification.requested':
        return {
          request: event.data,
          requestedAt: state.requestedAt ?? event.recordedAt,
          status: 'pending',
          failedAttempts: 0,
          dueAt: event.recordedAt,
          version,
        };
      case 'notification.attempt_failed':
        return {
          ...state,
          failedAttempts: state.failedAttempts + 1,
          dueAt: event.data.nextAttemptAt,
          version,
        };
      case 'notification.delivered':
        return { ...state, status: 'delivered', dueAt: null, version };
      case 'notification.dead_lettered':
        return { ...state, status: 'dead_lettered', dueAt: null, version };
      default:
        return ignoreForeignEvent(event, state);
    }
  }),

  decide(command, state): KnownNewEvent[] {
    switch (command.type) {
      case 'request':
        // The id follows from what is notified: asking again is not a second notification.
        return state.request === null
          ? [{ type: 'notification.requested', data: command.request }]
          : [];
      case 'redeliver':
        if (state.request === null) throw new NotificationNotFoundError(command.notificationId);
        if (state.status !== 'dead_lettered') {
          throw new NotificationNotDeadLetteredError(command.notificationId);
        }
        return [
          { type: 'notification.requested', data: { ...state.request, cause: 'redelivery' } },
        ];
      case 'record-attempt':
        return recordAttempt(command, state);
      default:
        return assertNever(command);
    }
  },
};

function recordAttempt(
  command: Extract<NotificationCommand, { type: 'record-attempt' }>,
  state: NotificationState,
): KnownNewEvent[] {
  const { request } = state;
  if (request === null || state.status !== 'pending' || command.atVersion !== state.version) {
    return [];
  }
  const { notificationId, subscriptionId } = request;
  const attempt = state.failedAttempts + 1;
  const { outcome } = command;
  if (outcome.ok) {
    return [
      {
        type: 'notification.delivered',
        data: {
          notificationId,
          subscriptionId,
          attempt,
          status: outcome.status,
          latencyMs: outcome.latencyMs,
        },
      },
    ];
  }
  const retryInMs =
    outcome.gone || outcome.permanentFailure !== null
      ? null
      : nextRetryDelayMs(
          attempt,
          () => command.random,
          outcome.retryAfterMs,
          command.retryDelaysMs,
        );
  const failed: KnownNewEvent = {
    type: 'notification.attempt_failed',
    data: {
      notificationId,
      subscriptionId,
      attempt,
      status: outcome.status,
      error: outcome.error,
      latencyMs: outcome.latencyMs,
      responseExcerpt: outcome.responseExcerpt,
      nextAttemptAt:
        retryInMs === null ? null : new Date(Date.parse(command.now) + retryInMs).toISOString(),
    },
  };
  // Gone is not a dead letter: it waits, pending, for the owner to fix the URL and resume.
  if (retryInMs !== null || outcome.gone) return [failed];
  return [
    failed,
    {
      type: 'notification.dead_lettered',
      data: {
        notificationId,
        subscriptionId,
        attempts: attempt,
        reason: outcome.permanentFailure ?? 'retries_exhausted',
      },
    },
  ];
}

/**
 * The attempt the log says is owed, if any: the stream version a job for it names, and when it
 * is due (null: at once, e.g. after "gone" once the subscription is resumed).
 */
export function owedAttempt(
  state: NotificationState,
): { readonly atVersion: number; readonly dueAt: string | null } | null {
  if (state.request === null || state.status !== 'pending') return null;
  return { atVersion: state.version, dueAt: state.dueAt };
}
