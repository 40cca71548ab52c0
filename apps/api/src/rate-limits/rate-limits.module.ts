import { Module } from '@nestjs/common';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { VIGIL_CONFIG } from '@app/platform';
import { FailedAuthenticationLimiter } from './failed-authentication-limiter.service.js';
import { publicWriteThrottlerOptions } from './public-write-throttler.guard.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

/**
 * The limits of SPEC §9 on one Redis storage. @nestjs/throttler's options and storage are
 * provided under the library's own tokens rather than through ThrottlerModule.forRoot, so that
 * the failed-authentication limiter shares the very storage instance its guard uses.
 */
@Module({
  providers: [
    RedisThrottlerStorage,
    { provide: getStorageToken(), useExisting: RedisThrottlerStorage },
    { provide: getOptionsToken(), inject: [VIGIL_CONFIG], useFactory: publicWriteThrottlerOptions },
    FailedAuthenticationLimiter,
  ],
  exports: [getStorageToken(), getOptionsToken(), FailedAuthenticationLimiter],
})
export class RateLimitsModule {}
