/**
 * An alert recorded longer ago than the configured age is not sent: a webhook configured long
 * after it would otherwise receive old news about incidents long over.
 */
export function isWorthSending(recordedAt: string, maxAgeHours: number, now: number): boolean {
  return now - Date.parse(recordedAt) <= maxAgeHours * 3_600_000;
}
