import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { WrongExpectedVersionError } from '@app/event-store';

/** One entry per problem; `field` names the body field, parameter or header at fault. */
export interface ErrorDetail {
  readonly field?: string;
  readonly message: string;
}

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details: readonly ErrorDetail[];
  };
}

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  431: 'request_header_fields_too_large',
  503: 'unavailable',
};

/** The `{ error: { code, message, details } }` body of SPEC.md §6, for a status. */
export function errorBody(
  status: number,
  message: string,
  details: readonly ErrorDetail[] = [],
  code: string = CODE_BY_STATUS[status] ?? `http_${status}`,
): ErrorBody {
  return { error: { code, message, details } };
}

/**
 * Every error leaves as `{ error: { code, message, details } }` (SPEC.md §6), `details` always
 * an array. Unexpected errors are logged with their stack and answered 500 without internals.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      response.status(exception.getStatus()).json(toErrorBody(exception));
      return;
    }
    // handleCommand decides again on every conflict; what still conflicts after its attempts
    // is a resource changed by many at once, and the client's to retry.
    if (exception instanceof WrongExpectedVersionError) {
      response
        .status(HttpStatus.CONFLICT)
        .json(
          errorBody(
            409,
            'Other changes to the same resource were recorded at the same moment: retry.',
            [],
            'concurrent_change',
          ),
        );
      return;
    }
    this.logger.error({ err: exception }, 'unhandled error');
    response
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json(errorBody(500, 'Something went wrong on our side.', [], 'internal_error'));
  }
}

function toErrorBody(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const bodyProblem = bodyParserProblem(exception.cause);
  if (bodyProblem) {
    const { code, field, message } = bodyProblem;
    return errorBody(status, `${field}: ${message}`, [{ field, message }], code);
  }
  const payload = exception.getResponse();
  const fields =
    typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const message = typeof fields['message'] === 'string' ? fields['message'] : exception.message;
  const details = Array.isArray(fields['details']) ? (fields['details'] as ErrorDetail[]) : [];
  const code = typeof fields['code'] === 'string' ? fields['code'] : undefined;
  return errorBody(status, message, details, code);
}

/** What body-parser (json, urlencoded) and raw-body tag their errors with. */
interface BodyParserError {
  readonly type: string;
  readonly message: string;
  readonly limit?: number;
  readonly charset?: string;
  readonly encoding?: string;
}

/**
 * A body that could not be read, said as a problem of a named part of the request. Nest hands
 * body-parser's errors over as HttpExceptions with the original as their cause.
 */
function bodyParserProblem(
  cause: unknown,
): { code: string; field: string; message: string } | undefined {
  if (typeof cause !== 'object' || cause === null || !('type' in cause)) return undefined;
  const error = cause as BodyParserError;
  switch (error.type) {
    case 'entity.parse.failed':
      return {
        code: 'invalid_json',
        field: '(body)',
        message: `is not valid JSON: ${error.message}`,
      };
    case 'entity.too.large':
      return {
        code: 'payload_too_large',
        field: '(body)',
        message: `must be at most ${error.limit ?? 'the allowed number of'} bytes`,
      };
    case 'parameters.too.many':
      return { code: 'payload_too_large', field: '(body)', message: 'has too many form fields' };
    case 'querystring.parse.rangeError':
      return { code: 'bad_request', field: '(body)', message: 'nests form fields too deep' };
    case 'charset.unsupported':
      return {
        code: 'unsupported_charset',
        field: 'Content-Type',
        message: `charset "${error.charset ?? ''}" is not supported: send UTF-8`,
      };
    case 'encoding.unsupported':
      return {
        code: 'unsupported_content_encoding',
        field: 'Content-Encoding',
        message: `"${error.encoding ?? ''}" is not supported: send gzip, deflate, br or none`,
      };
    case 'request.size.invalid':
      return {
        code: 'bad_request',
        field: 'Content-Length',
        message: 'does not match the length of the body sent',
      };
    default:
      return undefined;
  }
}
