/**
 * @nestjs/throttler as tests load it. The package is CommonJS and requires the ESM-only
 * @nestjs/common; Node loads that fine, but Jest's ESM loader runs a CommonJS dependency while
 * it is still linking the graph that already holds @nestjs/common, and refuses the require as a
 * cycle (jestjs/jest#16366). Required here, when this module is evaluated, @nestjs/common is
 * loaded by then. jest.config.js maps `@nestjs/throttler` to this file; the names are every
 * export of the package, so code can import any of them.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const {
  DEFAULT_IPV6_SUBNET_PREFIX,
  DEFAULT_SWEEP_INTERVAL,
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  SkipThrottle,
  Throttle,
  ThrottlerException,
  ThrottlerGuard,
  ThrottlerModule,
  ThrottlerStorage,
  ThrottlerStorageService,
  days,
  getOptionsToken,
  getStorageToken,
  hours,
  minutes,
  normalizeIp,
  seconds,
  throttlerMessage,
  weeks,
} = require('@nestjs/throttler/dist/index.js');
