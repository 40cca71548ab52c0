/** How a subscription's endpoint has been failing: counted from its deliveries since the last success. */
export interface FailureRun {
  /** ISO time of the first failed attempt since the last delivery; null when none failed. */
  readonly since: string | null;
  /** Dead letters in that run. */
  readonly deadLetters: number;
}

export interface SuspensionPolicy {
  readonly suspendAfterHours: number;
  readonly suspendAfterDeadLetters: number;
}

/**
 * The run once the attempt just recorded counts too. The run is read from a view that may not
 * have applied that attempt yet: a dead letter it misses would put suspension off until the
 * endpoint's next failure, which may never come.
 */
export function withLatestAttempt(
  run: FailureRun,
  latest: { readonly at: string; readonly deadLettered: boolean },
): FailureRun {
  return {
    since: run.since ?? latest.at,
    deadLetters: run.deadLetters + (latest.deadLettered ? 1 : 0),
  };
}

/**
 * SPEC §7: an endpoint failing for the configured time (5 days by default), or with the
 * configured number of dead letters in a row, is suspended, so that a dead receiver stops
 * costing retries until its owner resumes it.
 */
export function shouldSuspend(run: FailureRun, policy: SuspensionPolicy, now: string): boolean {
  const failingMs = run.since === null ? 0 : Date.parse(now) - Date.parse(run.since);
  return (
    failingMs >= policy.suspendAfterHours * 3_600_000 ||
    run.deadLetters >= policy.suspendAfterDeadLetters
  );
}
