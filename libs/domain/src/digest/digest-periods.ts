import type { EmailSchedule } from '@app/contracts';

/** One digest period, [start, end), as ISO times. */
export interface DigestPeriod {
  readonly start: string;
  readonly end: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The digest periods of a schedule that have ended after `after` and by `now`, oldest first:
 * the ones a subscription is owed. Hourly periods close on the hour (UTC, which is the local
 * hour everywhere but in the few zones offset by a half or a quarter hour); daily ones at
 * `digestHour` local time in the schedule's zone, so a day across a DST change lasts 23 or 25
 * hours and the digest still comes at the same hour on the reader's clock. At most `limit`,
 * the newest ones.
 */
export function duePeriods(
  schedule: EmailSchedule,
  after: Date,
  now: Date,
  limit: number,
): DigestPeriod[] {
  if (schedule.frequency === 'instant' || now <= after) return [];
  const boundaries =
    schedule.frequency === 'hourly'
      ? hourlyBoundaries(after, now)
      : dailyBoundaries(schedule, after, now);
  const periods: DigestPeriod[] = [];
  for (let index = 1; index < boundaries.length; index += 1) {
    const end = boundaries[index]!;
    if (end > after.getTime() && end <= now.getTime()) {
      periods.push({
        start: new Date(boundaries[index - 1]!).toISOString(),
        end: new Date(end).toISOString(),
      });
    }
  }
  return periods.slice(-limit);
}

/** Whole UTC hours from the one at or before `after`'s previous hour through `now`. */
function hourlyBoundaries(after: Date, now: Date): number[] {
  const first = Math.floor(after.getTime() / HOUR_MS) * HOUR_MS - HOUR_MS;
  const boundaries: number[] = [];
  for (let at = first; at <= now.getTime(); at += HOUR_MS) boundaries.push(at);
  return boundaries;
}

/** `digestHour` on each local date from the day before `after` through `now`. */
function dailyBoundaries(schedule: EmailSchedule, after: Date, now: Date): number[] {
  const boundaries: number[] = [];
  const firstDay = localDate(new Date(after.getTime() - 2 * DAY_MS), schedule.timeZone);
  for (let day = 0; ; day += 1) {
    const date = new Date(Date.UTC(firstDay.year, firstDay.month - 1, firstDay.day + day));
    const at = zonedTime(
      {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: schedule.digestHour,
      },
      schedule.timeZone,
    );
    boundaries.push(at);
    if (at > now.getTime()) return boundaries;
  }
}

interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function localDate(at: Date, timeZone: string): LocalDate {
  const fields = localFields(at.getTime(), timeZone);
  return { year: fields.year, month: fields.month, day: fields.day };
}

/**
 * The instant a zone's clocks show this date and hour. Found from the zone's offset near the
 * guess; an hour that does not exist (skipped by a DST change) comes out an hour later, and an
 * hour that happens twice at its first occurrence.
 */
function zonedTime(local: LocalDate & { readonly hour: number }, timeZone: string): number {
  const asIfUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour);
  const firstGuess = asIfUtc - offsetMs(asIfUtc, timeZone);
  const secondGuess = asIfUtc - offsetMs(firstGuess, timeZone);
  return Math.min(firstGuess, secondGuess);
}

/** How far the zone's clocks are ahead of UTC at an instant. */
function offsetMs(at: number, timeZone: string): number {
  const fields = localFields(at, timeZone);
  const shown = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
  );
  return shown - Math.floor(at / 1_000) * 1_000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localFields(at: number, timeZone: string) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(
    formatter.formatToParts(at).map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    hour: parts['hour']!,
    minute: parts['minute']!,
    second: parts['second']!,
  };
}
