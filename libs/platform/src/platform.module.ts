import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type DestinationStream, type LevelWithSilent } from 'pino';
import { type VigilConfig } from './config/vigil-config.js';
import { VIGIL_CONFIG } from './config/vigil-config.token.js';
import { createLogger } from './logging/create-logger.js';
import { REDACTION_CENSOR } from './logging/redacted-paths.js';
import { isSecretParameter, redactUrlQuery } from './logging/redact-url-query.js';
import { requestId } from './logging/request-id.js';

/**
 * Client errors are warnings, server errors errors. A health check is polled by load balancers
 * and orchestrators: a healthy answer is debug noise, and an unhealthy one (503) says what a
 * dependency is doing, which the health service has logged already, so it is a warning.
 */
function requestLogLevel(
  req: { url?: string },
  res: { statusCode: number },
  error?: Error,
): LevelWithSilent {
  if (req.url?.startsWith('/admin/health')) return res.statusCode >= 500 ? 'warn' : 'debug';
  if (error !== undefined || res.statusCode >= 500) return 'error';
  return res.statusCode >= 400 ? 'warn' : 'info';
}

/** `GET /path?query 200`, with the credentials of the query masked. */
function requestLine(
  req: { readonly method?: string; readonly url?: string },
  res: { readonly statusCode: number },
): string {
  return `${req.method} ${redactUrlQuery(req.url ?? '')} ${res.statusCode}`;
}

/** The fields of pino-http's serialized request that can carry a query's credentials. */
interface SerializedRequest {
  url: string;
  query?: unknown;
}

/** pino-http's serialized request, with the credentials of its URL and parsed query masked. */
function redactRequestQuery(req: SerializedRequest): SerializedRequest {
  req.url = redactUrlQuery(req.url);
  if (typeof req.query === 'object' && req.query !== null) {
    req.query = Object.fromEntries(
      Object.entries(req.query).map(([name, value]) => [
        name,
        isSecretParameter(name) ? REDACTION_CENSOR : value,
      ]),
    );
  }
  return req;
}

/**
 * Imported once by each app's root module: the validated configuration and the logger become
 * available everywhere. The config is loaded before Nest starts (so a bad one fails before any
 * connection is opened) and handed in. `destination` lets tests capture the log lines.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: VigilConfig, destination?: DestinationStream): DynamicModule {
    const logger = createLogger(config, destination);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            autoLogging: true,
            genReqId: requestId,
            customLogLevel: requestLogLevel,
            // One short line a request: method, path, status and time say what happened. The
            // links of Vigil's emails carry their tokens in the query: those never reach a log.
            customSuccessMessage: (req, res, responseTime) =>
              `${requestLine(req, res)} ${Math.round(responseTime)} ms`,
            customErrorMessage: (req, res) => `${requestLine(req, res)} failed`,
            // On a terminal the request and response objects would fill the screen; JSON logs
            // keep them (headers and credentials redacted) for whoever searches them.
            serializers:
              config.logFormat === 'pretty'
                ? { req: (req: { id: unknown }) => ({ id: req.id }), res: () => undefined }
                : { req: redactRequestQuery },
          },
        }),
      ],
      providers: [{ provide: VIGIL_CONFIG, useValue: config }],
      exports: [VIGIL_CONFIG, LoggerModule],
    };
  }
}
