import { describe, expect, it } from '@jest/globals';
import {
  type ArgumentsHost,
  BadRequestException,
  HttpException,
  NotFoundException,
} from '@nestjs/common';
import { WrongExpectedVersionError } from '@app/event-store';
import { HttpErrorFilter } from './http-error.filter.js';

/** What the filter answered: the status and the JSON body. */
function answerTo(exception: unknown): { status: number; body: unknown } {
  const answer = { status: 0, body: undefined as unknown };
  const response = {
    status(code: number) {
      answer.status = code;
      return response;
    },
    json(body: unknown) {
      answer.body = body;
      return response;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as ArgumentsHost;
  new HttpErrorFilter().catch(exception, host);
  return answer;
}

/** As Nest hands body-parser's errors over: an HttpException with the original as its cause. */
function fromBodyParser(status: number, cause: object): HttpException {
  return new HttpException('from body-parser', status, { cause });
}

describe('HttpErrorFilter', () => {
  it('gives every error a details array, empty when there are no fields to name', () => {
    expect(answerTo(new NotFoundException('Cannot GET /nowhere'))).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'Cannot GET /nowhere', details: [] } },
    });
    expect(answerTo(new HttpException('too long', 431))).toEqual({
      status: 431,
      body: {
        error: { code: 'request_header_fields_too_large', message: 'too long', details: [] },
      },
    });
  });

  it('keeps the code and details a route gave', () => {
    const details = [{ field: 'url', message: 'must be an http:// or https:// URL' }];

    expect(
      answerTo(new BadRequestException({ code: 'validation_failed', message: 'url: …', details })),
    ).toEqual({
      status: 400,
      body: { error: { code: 'validation_failed', message: 'url: …', details } },
    });
  });

  it.each([
    [
      400,
      { type: 'entity.parse.failed', message: 'Unexpected end of JSON input' },
      'invalid_json',
      '(body)',
      'is not valid JSON: Unexpected end of JSON input',
    ],
    [
      413,
      { type: 'entity.too.large', message: 'request entity too large', limit: 102_400 },
      'payload_too_large',
      '(body)',
      'must be at most 102400 bytes',
    ],
    [
      415,
      { type: 'charset.unsupported', message: 'unsupported charset "LATIN1"', charset: 'latin1' },
      'unsupported_charset',
      'Content-Type',
      'charset "latin1" is not supported: send UTF-8',
    ],
    [
      415,
      { type: 'encoding.unsupported', message: 'unsupported', encoding: 'compress' },
      'unsupported_content_encoding',
      'Content-Encoding',
      '"compress" is not supported: send gzip, deflate, br or none',
    ],
    [
      413,
      { type: 'parameters.too.many', message: 'too many parameters' },
      'payload_too_large',
      '(body)',
      'has too many form fields',
    ],
  ])(
    'names the part of the request a %i of body-parser is about',
    (status, cause, code, field, message) => {
      expect(answerTo(fromBodyParser(status, cause))).toEqual({
        status,
        body: { error: { code, message: `${field}: ${message}`, details: [{ field, message }] } },
      });
    },
  );

  it('answers a conflict that outlasted every retry 409, for the client to retry', () => {
    expect(answerTo(new WrongExpectedVersionError('feed-x', 3, 4))).toMatchObject({
      status: 409,
      body: { error: { code: 'concurrent_change', details: [] } },
    });
  });

  it('answers anything else 500 without saying what', () => {
    expect(answerTo(new TypeError('secret internals'))).toEqual({
      status: 500,
      body: {
        error: {
          code: 'internal_error',
          message: 'Something went wrong on our side.',
          details: [],
        },
      },
    });
  });
});
