import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { AdminTokenGuard, bearerToken } from '../admin/admin-token.guard.js';
import { clientAddress } from './client-address.js';
import { rateLimited } from './rate-limited.js';

export const PUBLIC_WRITES = 'public-writes';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether a request (any case of method, a path without its query) is a write of the public API. */
export function isPublicWrite(method: string, path: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase()) && path.startsWith('/v1/');
}

/**
 * @nestjs/throttler's options for public writes: one budget per client address for all of
 * them (the library's default is one per route), no X-RateLimit-* headers (the 429 says
 * Retry-After; a budget shown on every answer would only help someone spend it exactly).
 */
export function publicWriteThrottlerOptions(config: VigilConfig): ThrottlerModuleOptions {
  const { limit, windowMs } = config.runtime.rateLimits.publicWrites;
  return {
    throttlers: [{ name: PUBLIC_WRITES, limit, ttl: windowMs }],
    getTracker: (request) => clientAddress(request),
    generateKey: (_context, tracker) => tracker,
    setHeaders: false,
  };
}

/**
 * Limits the writes of the public API (POST, PUT, PATCH and DELETE under /v1: creating a
 * subscription, changing, testing, replaying, deleting it, one-click unsubscribing) per client
 * address (SPEC §9), across api processes through Redis. A request carrying the admin token is
 * an operator's and is not limited; reads are not limited.
 */
@Injectable()
export class PublicWriteThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
    private readonly adminToken: AdminTokenGuard,
  ) {
    super(options, storage, reflector);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    return Promise.resolve(
      !this.config.runtime.rateLimits.enabled ||
        !isPublicWrite(request.method, request.path) ||
        this.adminToken.isAdminToken(bearerToken(request.headers.authorization)),
    );
  }

  protected override throwThrottlingException(
    context: ExecutionContext,
    limit: ThrottlerLimitDetail,
  ): Promise<void> {
    const response = context.switchToHttp().getResponse<Response>();
    throw rateLimited(response, limit.timeToBlockExpire, 'Too many changes');
  }
}
