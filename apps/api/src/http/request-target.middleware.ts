import { BadRequestException } from '@nestjs/common';
import type { RequestHandler } from 'express';
import type { ErrorDetail } from './http-error.filter.js';

const ENCODING_MESSAGE = 'is not valid percent-encoding of UTF-8 text';

/**
 * Refuses, before any routing, a request whose path or query string does not decode: a `%`
 * without two hex digits after it, or escapes that are not UTF-8 (a lone surrogate written
 * as `%ED%A0%80`, say). Express would answer the path with a bare 400 and quietly turn the
 * query's into U+FFFD, so a mangled token or cursor would be looked up instead of refused.
 * The 400 goes through HttpErrorFilter like every other error.
 */
export function refuseUndecodableTarget(): RequestHandler {
  return (request, _response, next) => {
    const details = undecodableParts(request.originalUrl);
    if (details.length === 0) {
      next();
      return;
    }
    next(
      new BadRequestException({
        code: 'invalid_percent_encoding',
        message: details.map((detail) => `${detail.field}: ${detail.message}`).join('; '),
        details,
      }),
    );
  };
}

/** The parts of a request target (`/path?query`) that do not percent-decode, by name. */
export function undecodableParts(target: string): ErrorDetail[] {
  const queryStart = target.indexOf('?');
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  const query = queryStart === -1 ? '' : target.slice(queryStart + 1);
  const details: ErrorDetail[] = [];
  if (decoded(path) === undefined) details.push({ field: '(path)', message: ENCODING_MESSAGE });
  for (const pair of query.split('&')) {
    const separator = pair.indexOf('=');
    const rawName = separator === -1 ? pair : pair.slice(0, separator);
    const name = decoded(rawName);
    if (name === undefined) {
      details.push({ field: '(query)', message: `a parameter name ${ENCODING_MESSAGE}` });
    } else if (separator !== -1 && decoded(pair.slice(separator + 1)) === undefined) {
      details.push({ field: name, message: ENCODING_MESSAGE });
    }
  }
  return details;
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
