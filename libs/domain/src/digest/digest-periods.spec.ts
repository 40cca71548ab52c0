import { describe, expect, it } from '@jest/globals';
import { duePeriods } from './digest-periods.js';

const at = (iso: string) => new Date(iso);
const daily = (timeZone: string, digestHour: number) =>
  ({ frequency: 'daily', timeZone, digestHour }) as const;
const hourly = { frequency: 'hourly', timeZone: 'UTC', digestHour: 8 } as const;

describe('digest periods', () => {
  it('closes a daily period at the digest hour, local time', () => {
    expect(
      duePeriods(
        daily('Europe/Paris', 8),
        at('2026-12-01T10:00:00Z'),
        at('2026-12-02T07:30:00Z'),
        10,
      ),
    ).toEqual([{ start: '2026-12-01T07:00:00.000Z', end: '2026-12-02T07:00:00.000Z' }]);
  });

  it('owes nothing before the period has ended', () => {
    expect(
      duePeriods(daily('UTC', 8), at('2026-12-02T08:00:00Z'), at('2026-12-03T07:59:59Z'), 10),
    ).toEqual([]);
  });

  it('lists every missed period, oldest first, and only the newest `limit`', () => {
    const periods = duePeriods(
      daily('UTC', 8),
      at('2026-12-01T08:00:00Z'),
      at('2026-12-05T09:00:00Z'),
      10,
    );

    expect(periods.map((period) => period.end)).toEqual([
      '2026-12-02T08:00:00.000Z',
      '2026-12-03T08:00:00.000Z',
      '2026-12-04T08:00:00.000Z',
      '2026-12-05T08:00:00.000Z',
    ]);
    expect(
      duePeriods(daily('UTC', 8), at('2026-12-01T08:00:00Z'), at('2026-12-05T09:00:00Z'), 2).map(
        (period) => period.end,
      ),
    ).toEqual(['2026-12-04T08:00:00.000Z', '2026-12-05T08:00:00.000Z']);
  });

  it('keeps the local hour across a DST change: a 23-hour day in spring', () => {
    const [period] = duePeriods(
      daily('Europe/Paris', 8),
      at('2026-03-28T08:00:00Z'),
      at('2026-03-29T12:00:00Z'),
      10,
    );

    expect(period).toEqual({ start: '2026-03-28T07:00:00.000Z', end: '2026-03-29T06:00:00.000Z' });
  });

  it('follows a zone west of UTC and an hour past midnight', () => {
    expect(
      duePeriods(
        daily('America/New_York', 0),
        at('2026-12-01T12:00:00Z'),
        at('2026-12-02T06:00:00Z'),
        10,
      ),
    ).toEqual([{ start: '2026-12-01T05:00:00.000Z', end: '2026-12-02T05:00:00.000Z' }]);
  });

  it('closes hourly periods on the hour', () => {
    expect(duePeriods(hourly, at('2026-12-02T10:00:00Z'), at('2026-12-02T12:10:00Z'), 10)).toEqual([
      { start: '2026-12-02T10:00:00.000Z', end: '2026-12-02T11:00:00.000Z' },
      { start: '2026-12-02T11:00:00.000Z', end: '2026-12-02T12:00:00.000Z' },
    ]);
  });

  it('owes nothing to an instant subscription', () => {
    expect(
      duePeriods(
        { frequency: 'instant', timeZone: 'UTC', digestHour: 8 },
        at('2026-12-01T00:00:00Z'),
        at('2026-12-05T00:00:00Z'),
        10,
      ),
    ).toEqual([]);
  });
});
