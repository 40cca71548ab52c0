import type { ExpectedVersion } from './event-store.port.js';

/** Another writer changed the stream since the caller read it: re-read and decide again. */
export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';

  constructor(
    readonly stream: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(`stream ${stream} is at version ${actualVersion}, expected ${String(expectedVersion)}`);
  }
}
