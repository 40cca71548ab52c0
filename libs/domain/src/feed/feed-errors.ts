/** The command names a feed that is not registered (or was removed). */
export class FeedNotFoundError extends Error {
  override readonly name = 'FeedNotFoundError';

  constructor(readonly feedId: string) {
    super(`feed ${feedId} is not registered`);
  }
}

/** Registering an id that is already registered with other settings. */
export class FeedAlreadyRegisteredError extends Error {
  override readonly name = 'FeedAlreadyRegisteredError';

  constructor(readonly feedId: string) {
    super(`feed ${feedId} is already registered`);
  }
}
