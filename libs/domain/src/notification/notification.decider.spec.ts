import { describe, expect, it } from '@jest/globals';
import type { KnownNewEvent, NotificationRequested } from '@app/contracts';
import { deciderSpec } from '@app/testing';
import {
  NotificationNotDeadLetteredError,
  NotificationNotFoundError,
} from './notification-errors.js';
import {
  type AttemptOutcome,
  type NotificationCommand,
  notificationDecider,
  owedAttempt,
} from './notification.decider.js';

const ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const SUBSCRIPTION = '7d0c6a52-3b0e-4f3e-9d51-8a2f4c6b1e90';
const NOW = '2026-12-02T12:00:00.000Z';
const SCHEDULE = [5_000, 60_000, 300_000];
const spec = deciderSpec(notificationDecider, `notification-${ID}`);

const request: NotificationRequested = {
  notificationId: ID,
  subscriptionId: SUBSCRIPTION,
  kind: 'alert.raised',
  alertId: 'alert-1',
  sourcePosition: 42,
  cause: 'alert',
};
const requested: KnownNewEvent = { type: 'notification.requested', data: request };
const ok: AttemptOutcome = { ok: true, status: 204, latencyMs: 12 };
const down: AttemptOutcome = {
  ok: false,
  status: 503,
  error: null,
  latencyMs: 30,
  responseExcerpt: 'busy',
  gone: false,
  retryAfterMs: null,
  permanentFailure: null,
};
const gone: AttemptOutcome = { ...down, status: 410, responseExcerpt: null, gone: true };

function attempt(atVersion: number, outcome: AttemptOutcome): NotificationCommand {
  // random 0.5 puts a non-final delay at exactly its nominal value (±20% jitter around it).
  return {
    type: 'record-attempt',
    notificationId: ID,
    atVersion,
    outcome,
    now: NOW,
    random: 0.5,
    retryDelaysMs: SCHEDULE,
  };
}

function failed(
  n: number,
  nextAttemptAt: string | null,
): Extract<KnownNewEvent, { type: 'notification.attempt_failed' }> {
  return {
    type: 'notification.attempt_failed',
    data: {
      notificationId: ID,
      subscriptionId: SUBSCRIPTION,
      attempt: n,
      status: 503,
      error: null,
      latencyMs: 30,
      responseExcerpt: 'busy',
      nextAttemptAt,
    },
  };
}

const deadLettered = (attempts: number, reason = 'retries_exhausted'): KnownNewEvent => ({
  type: 'notification.dead_lettered',
  data: { notificationId: ID, subscriptionId: SUBSCRIPTION, attempts, reason },
});
/** No answer, for a reason no retry can cure. */
const refused = (error: string): Extract<AttemptOutcome, { ok: false }> => ({
  ok: false,
  status: null,
  error,
  latencyMs: 1,
  responseExcerpt: null,
  gone: false,
  retryAfterMs: null,
  permanentFailure: error,
});
const refusedAttempt = (n: number, error: string): KnownNewEvent => {
  const expected = failed(n, null);
  return {
    ...expected,
    data: { ...expected.data, status: null, error, latencyMs: 1, responseExcerpt: null },
  };
};
const delivered = (n: number): KnownNewEvent => ({
  type: 'notification.delivered',
  data: {
    notificationId: ID,
    subscriptionId: SUBSCRIPTION,
    attempt: n,
    status: 204,
    latencyMs: 12,
  },
});

describe('notification decider', () => {
  describe('request', () => {
    it('opens the stream with notification.requested', () => {
      spec.given().when({ type: 'request', request }).then([requested]);
    });

    it('asks for nothing twice: the same id is the same notification', () => {
      spec.given(requested).when({ type: 'request', request }).then([]);
    });
  });

  describe('record-attempt', () => {
    it('records the first attempt delivered', () => {
      spec
        .given(requested)
        .when(attempt(1, ok))
        .then([delivered(1)]);
    });

    it('schedules a retry from the attempt time and the schedule', () => {
      spec
        .given(requested)
        .when(attempt(1, down))
        .then([failed(1, '2026-12-02T12:00:05.000Z')]);
    });

    it('counts attempts since the request: the second failure waits for the second delay', () => {
      spec
        .given(requested, failed(1, '2026-12-02T12:00:05.000Z'))
        .when(attempt(2, down))
        .then([failed(2, '2026-12-02T12:01:00.000Z')]);
    });

    it('dead-letters after the last delay of the schedule, its retries exhausted', () => {
      spec
        .given(requested, failed(1, 'x'), failed(2, 'y'), failed(3, 'z'))
        .when(attempt(4, down))
        .then([failed(4, null), deadLettered(4, 'retries_exhausted')]);
    });

    it.each(['blocked_address', 'invalid_url', 'unsupported_protocol'])(
      'dead-letters a permanent failure (%s) at the first attempt, with it as the reason',
      (error) => {
        spec
          .given(requested)
          .when(attempt(1, refused(error)))
          .then([refusedAttempt(1, error), deadLettered(1, error)]);
      },
    );

    it('dead-letters a permanent failure at once after earlier retried ones, whatever Retry-After says', () => {
      spec
        .given(requested, failed(1, 'x'))
        .when(attempt(2, { ...refused('blocked_address'), retryAfterMs: 60_000 }))
        .then([refusedAttempt(2, 'blocked_address'), deadLettered(2, 'blocked_address')]);
    });

    it('waits longer when the receiver asks for it with Retry-After', () => {
      spec
        .given(requested)
        .when(attempt(1, { ...down, retryAfterMs: 120_000 }))
        .then([failed(1, '2026-12-02T12:02:00.000Z')]);
    });

    it('records "gone" without a retry and without a dead letter (the subscription is suspended)', () => {
      const expected = failed(1, null);
      spec
        .given(requested)
        .when(attempt(1, gone))
        .then([
          {
            ...expected,
            data: { ...expected.data, status: 410, responseExcerpt: null },
          },
        ]);
    });

    it('records nothing for an attempt made at a version the stream has passed', () => {
      spec.given(requested, failed(1, 'x')).when(attempt(1, ok)).then([]);
    });

    it('records nothing once delivered, or dead-lettered, or before any request', () => {
      spec.given(requested, delivered(1)).when(attempt(2, ok)).then([]);
      spec.given(requested, failed(1, null), deadLettered(1)).when(attempt(3, ok)).then([]);
      spec.given().when(attempt(0, ok)).then([]);
    });

    it('counts a redelivery run from its own request', () => {
      spec
        .given(requested, failed(1, null), deadLettered(1), {
          ...requested,
          data: { ...request, cause: 'redelivery' },
        })
        .when(attempt(4, down))
        .then([failed(1, '2026-12-02T12:00:05.000Z')]);
    });
  });

  describe('redeliver', () => {
    it('requests a dead letter again, with the same id and cause "redelivery"', () => {
      spec
        .given(requested, failed(1, null), deadLettered(1))
        .when({ type: 'redeliver', notificationId: ID })
        .then([{ type: 'notification.requested', data: { ...request, cause: 'redelivery' } }]);
    });

    it('refuses a notification that is not dead-lettered', () => {
      spec
        .given(requested)
        .when({ type: 'redeliver', notificationId: ID })
        .thenThrows(NotificationNotDeadLetteredError);
      spec
        .given(requested, delivered(1))
        .when({ type: 'redeliver', notificationId: ID })
        .thenThrows(NotificationNotDeadLetteredError);
    });

    it('refuses an unknown notification', () => {
      spec
        .given()
        .when({ type: 'redeliver', notificationId: ID })
        .thenThrows(NotificationNotFoundError);
    });
  });

  describe('owed attempt', () => {
    it("is due at the request, then at each failure's next-attempt time, and names the version", () => {
      expect(owedAttempt(spec.given(requested).state)).toEqual({
        atVersion: 1,
        dueAt: '2026-11-22T00:00:00.000Z',
      });
      expect(owedAttempt(spec.given(requested, failed(1, NOW)).state)).toEqual({
        atVersion: 2,
        dueAt: NOW,
      });
    });

    it('is due at once after "gone" (sent when the subscription is resumed)', () => {
      expect(owedAttempt(spec.given(requested, failed(1, null)).state)).toEqual({
        atVersion: 2,
        dueAt: null,
      });
    });

    it('is nothing once delivered or dead-lettered', () => {
      expect(owedAttempt(spec.given(requested, delivered(1)).state)).toBeNull();
      expect(owedAttempt(spec.given(requested, failed(1, null), deadLettered(1)).state)).toBeNull();
      expect(owedAttempt(spec.given().state)).toBeNull();
    });
  });
});
