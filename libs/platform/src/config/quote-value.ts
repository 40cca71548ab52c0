const MAX_QUOTED_LENGTH = 80;

/** Quotes a rejected value for an error message, cut short so one bad value stays one line. */
export function quoteValue(value: unknown): string {
  const quoted = JSON.stringify(value) ?? String(value);
  return quoted.length > MAX_QUOTED_LENGTH ? `${quoted.slice(0, MAX_QUOTED_LENGTH - 1)}…` : quoted;
}
