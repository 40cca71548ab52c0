import { HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

/**
 * The 429 of every limit: `Retry-After` in seconds, and the error body of SPEC §6 (no field is
 * at fault, so `details` is empty).
 */
export function rateLimited(
  response: Pick<Response, 'setHeader'>,
  retryAfterSeconds: number,
  what: string,
): HttpException {
  response.setHeader('Retry-After', String(retryAfterSeconds));
  return new HttpException(
    {
      code: 'rate_limited',
      message: `${what} from your address: try again in ${retryAfterSeconds} s.`,
      details: [],
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
