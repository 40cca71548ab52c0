import { describe, expect, it } from '@jest/globals';
import { shouldSuspend, withLatestAttempt } from './suspension-rule.js';

const policy = { suspendAfterHours: 120, suspendAfterDeadLetters: 3 };
const NOW = '2026-12-07T12:00:00.000Z';

describe('suspension rule', () => {
  it('keeps an endpoint that has not failed', () => {
    expect(shouldSuspend({ since: null, deadLetters: 0 }, policy, NOW)).toBe(false);
  });

  it('keeps an endpoint failing for less than the configured time', () => {
    expect(shouldSuspend({ since: '2026-12-02T12:00:01.000Z', deadLetters: 2 }, policy, NOW)).toBe(
      false,
    );
  });

  it('suspends an endpoint failing for the configured time (5 days), to the millisecond', () => {
    expect(shouldSuspend({ since: '2026-12-02T12:00:00.000Z', deadLetters: 0 }, policy, NOW)).toBe(
      true,
    );
  });

  it('suspends after the configured number of dead letters in a row, however recent', () => {
    expect(shouldSuspend({ since: '2026-12-07T11:00:00.000Z', deadLetters: 3 }, policy, NOW)).toBe(
      true,
    );
  });

  it('counts the attempt just recorded, which the view may not show yet', () => {
    const lagging = { since: '2026-12-07T11:00:00.000Z', deadLetters: 2 };
    expect(shouldSuspend(lagging, policy, NOW)).toBe(false);
    expect(withLatestAttempt(lagging, { at: NOW, deadLettered: true })).toEqual({
      since: '2026-12-07T11:00:00.000Z',
      deadLetters: 3,
    });
    expect(
      shouldSuspend(withLatestAttempt(lagging, { at: NOW, deadLettered: true }), policy, NOW),
    ).toBe(true);
    expect(withLatestAttempt(lagging, { at: NOW, deadLettered: false })).toEqual(lagging);
  });

  it('starts the run at the attempt just recorded when the view shows none yet', () => {
    expect(
      withLatestAttempt({ since: null, deadLetters: 0 }, { at: NOW, deadLettered: true }),
    ).toEqual({ since: NOW, deadLetters: 1 });
  });
});
