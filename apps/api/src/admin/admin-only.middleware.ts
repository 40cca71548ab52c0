import { ExecutionContextHost } from '@nestjs/core/internal';
import type { RequestHandler } from 'express';
import { HttpErrorFilter } from '../http/http-error.filter.js';
import type { AdminTokenGuard } from './admin-token.guard.js';

/**
 * The admin guard for what Nest does not route (Bull Board's express router): the very same
 * AdminTokenGuard decides, so another way to prove one is an admin (a dashboard session
 * cookie, say) added to the guard applies here too, and refusals carry the same status,
 * challenge and error body as every admin route.
 */
export function adminOnly(guard: AdminTokenGuard): RequestHandler {
  const errors = new HttpErrorFilter();
  return (request, response, next) => {
    const context = new ExecutionContextHost([request, response, next]);
    Promise.resolve()
      .then(() => guard.canActivate(context))
      .then(
        () => next(),
        (error: unknown) => errors.catch(error, context),
      );
  };
}
