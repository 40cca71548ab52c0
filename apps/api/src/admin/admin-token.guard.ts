import { timingSafeEqual, createHash } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { FailedAuthenticationLimiter } from '../rate-limits/failed-authentication-limiter.service.js';

/**
 * The admin API answers only to `Authorization: Bearer $ADMIN_TOKEN`. Without a configured
 * token it is closed to everyone (503): no default token, nothing to guess. Failed attempts are
 * limited per client address (FailedAuthenticationLimiter).
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expectedDigest: Buffer | undefined;

  constructor(
    @Inject(VIGIL_CONFIG) config: VigilConfig,
    private readonly failures: FailedAuthenticationLimiter,
  ) {
    this.expectedDigest = config.adminToken === undefined ? undefined : digest(config.adminToken);
  }

  /** Whether a presented bearer token is the admin token (false while none is configured). */
  isAdminToken(presented: string | undefined): boolean {
    return (
      presented !== undefined &&
      this.expectedDigest !== undefined &&
      timingSafeEqual(digest(presented), this.expectedDigest)
    );
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.expectedDigest === undefined) {
      throw new HttpException(
        {
          code: 'admin_api_closed',
          message: 'The admin API is closed: no ADMIN_TOKEN is configured.',
        },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    await this.failures.assertMayTry(request, response);
    const presented = bearerToken(request.headers.authorization);
    // Comparing digests keeps the comparison constant-time whatever the presented length.
    if (this.isAdminToken(presented)) return true;
    const refusal = await this.failures.refusal(
      request,
      response,
      new UnauthorizedException({
        code: 'unauthorized',
        message:
          presented === undefined
            ? 'Send the admin token as "Authorization: Bearer <token>".'
            : 'The admin token is not valid.',
        details: [
          {
            field: 'Authorization',
            message: presented === undefined ? 'is missing' : 'is not the admin token',
          },
        ],
      }),
    );
    if (refusal instanceof UnauthorizedException) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="vigil-admin"');
    }
    throw refusal;
  }
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
