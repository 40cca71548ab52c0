import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, type Observable } from 'rxjs';
import { FailedAuthenticationLimiter } from './failed-authentication-limiter.service.js';

/**
 * For routes that check a token inside the handler (a subscription's, which may also be the
 * admin token): a request that brings credentials from a blocked address is refused before
 * the handler runs, and every 401 the handler answers counts as a failed attempt.
 */
@Injectable()
export class FailedAuthenticationInterceptor implements NestInterceptor {
  constructor(private readonly failures: FailedAuthenticationLimiter) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (request.headers.authorization !== undefined) {
      await this.failures.assertMayTry(request, response);
    }
    return next.handle().pipe(
      catchError(async (error: unknown) => {
        throw error instanceof UnauthorizedException
          ? await this.failures.refusal(request, response, error)
          : error;
      }),
    );
  }
}
