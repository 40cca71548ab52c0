import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';

interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
}

const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'too_many_requests',
  503: 'unavailable',
};

/**
 * Every error leaves as `{ error: { code, message, details } }` (SPEC.md §6). Unexpected
 * errors are logged with their stack and answered 500 without internals.
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
    this.logger.error({ err: exception }, 'unhandled error');
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      error: { code: 'internal_error', message: 'Something went wrong on our side.' },
    } satisfies ErrorBody);
  }
}

function toErrorBody(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const payload = exception.getResponse();
  const fields =
    typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const code =
    typeof fields['code'] === 'string'
      ? fields['code']
      : (CODE_BY_STATUS[status] ?? `http_${status}`);
  const message = typeof fields['message'] === 'string' ? fields['message'] : exception.message;
  return {
    error: {
      code,
      message,
      ...(fields['details'] === undefined ? {} : { details: fields['details'] }),
    },
  };
}
