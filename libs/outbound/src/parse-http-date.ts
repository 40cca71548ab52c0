const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** IMF-fixdate, leniently: a one-digit day and "UTC" are common enough in the wild. */
const IMF_FIXDATE = /^[a-z]{3}, (\d{1,2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (?:gmt|utc)$/i;
const RFC_850 = /^[a-z]{6,9}, (\d{2})-([a-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) gmt$/i;
const ASCTIME = /^[a-z]{3} ([a-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/i;

/**
 * Milliseconds since the epoch for an HTTP-date (RFC 9110 §5.6.7), or `undefined`. Hand-written
 * because `Date.parse` accepts nearly anything ("1.5" is a day in 2001) and reads asctime, which
 * carries no zone, as local time.
 */
export function parseHttpDate(text: string): number | undefined {
  const value = text.trim();
  const imf = IMF_FIXDATE.exec(value);
  if (imf) return utc(imf[3], imf[2], imf[1], imf.slice(4));
  const rfc850 = RFC_850.exec(value);
  if (rfc850) {
    const shortYear = Number(rfc850[3]);
    const year = shortYear < 70 ? 2000 + shortYear : 1900 + shortYear;
    return utc(String(year), rfc850[2], rfc850[1], rfc850.slice(4));
  }
  const asctime = ASCTIME.exec(value);
  if (asctime) return utc(asctime[6], asctime[1], asctime[2], asctime.slice(3, 6));
  return undefined;
}

type Field = string | undefined;

function utc(
  year: Field,
  monthName: Field,
  day: Field,
  time: readonly Field[],
): number | undefined {
  const month = MONTHS.indexOf(monthName?.toLowerCase() ?? '');
  const [hours = NaN, minutes = NaN, seconds = NaN] = time.map(Number);
  if (month < 0 || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const at = new Date(Date.UTC(Number(year), month, Number(day), hours, minutes, seconds));
  // Date.UTC rolls 31 February over into March: a real date reads back the same day.
  return at.getUTCDate() === Number(day) && at.getUTCMonth() === month ? at.getTime() : undefined;
}
