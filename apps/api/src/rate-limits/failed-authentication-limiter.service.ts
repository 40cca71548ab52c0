import { type HttpException, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { clientAddress } from './client-address.js';
import { rateLimited } from './rate-limited.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

const FAILED_AUTHENTICATION = 'failed-authentication';
const TOO_MANY_FAILURES = 'Too many failed authentication attempts';

/**
 * Limits refused credentials per client address (SPEC §9): a wrong or missing admin token, a
 * wrong subscription token, a failed dashboard sign-in. Only failures count, so an operator's
 * tooling may call the admin API as often as it likes. The attempt past the limit, and every
 * attempt from that address until the block ends, is answered 429, a right token included:
 * were a right token let through, the answers would still tell a guesser when it had found one.
 */
@Injectable()
export class FailedAuthenticationLimiter {
  constructor(
    private readonly storage: RedisThrottlerStorage,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  /** Seconds the address must wait before it may authenticate again, or null when it may now. */
  async waitBeforeTrying(request: Pick<Request, 'ip'>): Promise<number | null> {
    if (!this.config.runtime.rateLimits.enabled) return null;
    const seconds = await this.storage.blockedFor(clientAddress(request), FAILED_AUTHENTICATION);
    return seconds > 0 ? seconds : null;
  }

  /** Counts a failure; the seconds to wait when it spent the address's budget, else null. */
  async countFailure(request: Pick<Request, 'ip'>): Promise<number | null> {
    const { enabled, failedAuthentication } = this.config.runtime.rateLimits;
    if (!enabled) return null;
    const { limit, windowMs } = failedAuthentication;
    const record = await this.storage.increment(
      clientAddress(request),
      windowMs,
      limit,
      windowMs,
      FAILED_AUTHENTICATION,
    );
    return record.isBlocked ? record.timeToBlockExpire : null;
  }

  /** Throws the 429 while the address is blocked. */
  async assertMayTry(request: Request, response: Response): Promise<void> {
    const wait = await this.waitBeforeTrying(request);
    if (wait !== null) throw rateLimited(response, wait, TOO_MANY_FAILURES);
  }

  /** What to throw for a failed attempt: `refusal` itself, or the 429 once the budget is spent. */
  async refusal(
    request: Request,
    response: Response,
    refusal: HttpException,
  ): Promise<HttpException> {
    const wait = await this.countFailure(request);
    return wait === null ? refusal : rateLimited(response, wait, TOO_MANY_FAILURES);
  }
}
