const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Offsets in minutes of the zone names feeds use (RFC 822 and common practice). */
const ZONES: ReadonlyMap<string, number> = new Map(
  Object.entries({
    ut: 0,
    utc: 0,
    gmt: 0,
    z: 0,
    wet: 0,
    west: 60,
    bst: 60,
    cet: 60,
    cest: 120,
    eet: 120,
    eest: 180,
    msk: 180,
    ist: 330,
    awst: 480,
    jst: 540,
    kst: 540,
    acst: 570,
    aest: 600,
    aedt: 660,
    nzst: 720,
    nzdt: 780,
    hst: -600,
    akst: -540,
    akdt: -480,
    pst: -480,
    pdt: -420,
    mst: -420,
    mdt: -360,
    cst: -360,
    cdt: -300,
    est: -300,
    edt: -240,
    ast: -240,
    adt: -180,
  }),
);

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;

// [weekday,] day month year [hh:mm[:ss]] [zone]; the day name and seconds are often missing.
const RFC_822 =
  /^(?:[a-z]+(?:,\s*|\s+))?(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([a-z]+|[+-]\d{4}|[+-]\d{2}:\d{2})?$/i;

/**
 * Reads the dates feeds write, ISO 8601 (Atom, JSON Feed, dc:date) and RFC 822 (RSS) with named
 * zones, to an ISO string in UTC. Returns null for anything else rather than guessing: Date.parse
 * differs between engines and reads "1" as the year 2001.
 */
export function parseFeedDate(raw: string | undefined): string | null {
  const text = raw?.trim().replace(/\s+/g, ' ') ?? '';
  if (text === '' || text.length > 64) return null;
  const iso = ISO_8601.exec(text);
  if (iso) {
    const [, year, month, day, hour, minute, second, fraction, zone] = iso;
    const millis = fraction ? Math.round(Number(`0.${fraction.slice(0, 3)}`) * 1000) : 0;
    return toIso(
      [Number(year), Number(month), Number(day), Number(hour ?? 0), Number(minute ?? 0)],
      Number(second ?? 0),
      millis,
      zoneOffset(zone ?? 'z'),
    );
  }
  const rfc = RFC_822.exec(text);
  if (rfc) {
    const [, day, monthName, yearText, hour, minute, second, zone] = rfc;
    const month = monthNumber(monthName ?? '');
    const shortYear = Number(yearText);
    // RFC 2822 §4.3: two-digit years below 50 are in this century.
    const year = yearText?.length === 2 ? shortYear + (shortYear < 50 ? 2000 : 1900) : shortYear;
    return toIso(
      [year, month, Number(day), Number(hour ?? 0), Number(minute ?? 0)],
      Number(second ?? 0),
      0,
      zoneOffset(zone ?? 'gmt'),
    );
  }
  return null;
}

/** 1 to 12 for a month's name or its abbreviation of three letters or more ("Sept"), else 0. */
function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  return lower.length < 3 ? 0 : MONTHS.findIndex((month) => month.startsWith(lower)) + 1;
}

function zoneOffset(zone: string): number | null {
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const [, sign, hours, minutes] = numeric;
    const offset = Number(hours) * 60 + Number(minutes ?? 0);
    return offset > 18 * 60 ? null : sign === '-' ? -offset : offset;
  }
  return ZONES.get(zone.toLowerCase()) ?? null;
}

function toIso(
  [year, month, day, hour, minute]: readonly [number, number, number, number, number],
  second: number,
  millis: number,
  offsetMinutes: number | null,
): string | null {
  if (offsetMinutes === null || year < 1970 || year > 9999 || month < 1 || month > 12) return null;
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  // A leap second is read as the last second of its minute.
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  return new Date(utc - offsetMinutes * 60_000).toISOString();
}
