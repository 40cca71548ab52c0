/** The command names a subscription that does not exist. */
export class SubscriptionNotFoundError extends Error {
  override readonly name: string = 'SubscriptionNotFoundError';

  constructor(readonly subscriptionId: string) {
    super(`subscription ${subscriptionId} does not exist`);
  }
}

/**
 * The subscription was deleted. A not-found to its callers (its data has been shredded, so
 * there is nothing left to show), told apart only for logs and tests.
 */
export class SubscriptionDeletedError extends SubscriptionNotFoundError {
  override readonly name: string = 'SubscriptionDeletedError';

  constructor(subscriptionId: string) {
    super(subscriptionId);
    this.message = `subscription ${subscriptionId} was deleted`;
  }
}

/** Creating a subscription under an id that is already taken, deleted ones included. */
export class SubscriptionExistsError extends Error {
  override readonly name = 'SubscriptionExistsError';

  constructor(readonly subscriptionId: string) {
    super(`subscription ${subscriptionId} already exists`);
  }
}

/** A change that does not apply to the subscription's channel (a webhook URL for an email one). */
export class SubscriptionChannelMismatchError extends Error {
  override readonly name = 'SubscriptionChannelMismatchError';

  constructor(
    readonly subscriptionId: string,
    readonly change: string,
  ) {
    super(`${change} does not apply to subscription ${subscriptionId}'s channel`);
  }
}

/** Renewing the confirmation of a subscription that is no longer waiting for one. */
export class SubscriptionNotPendingError extends Error {
  override readonly name = 'SubscriptionNotPendingError';

  constructor(readonly subscriptionId: string) {
    super(`subscription ${subscriptionId} is not waiting for confirmation`);
  }
}
