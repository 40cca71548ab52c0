/** Raised by `withTimeout` when the work did not settle in time. */
export class TimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer in ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * The outcome of `work`, or a TimeoutError after `timeoutMs`. The work itself is not cancelled:
 * use it for reads whose late answer can be dropped (a Redis command queued while Redis is
 * away runs when it comes back).
 */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError(timeoutMs)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
