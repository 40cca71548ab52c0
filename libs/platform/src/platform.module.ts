import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type DestinationStream, type LevelWithSilent } from 'pino';
import { type VigilConfig } from './config/vigil-config.js';
import { VIGIL_CONFIG } from './config/vigil-config.token.js';
import { createLogger } from './logging/create-logger.js';
import { requestId } from './logging/request-id.js';

/**
 * Imported once by each app's root module: the validated configuration and the logger become
 * available everywhere. The config is loaded before Nest starts (so a bad one fails before any
 * connection is opened) and handed in. `destination` lets tests capture the log lines.
 */
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
            // One short line a request: method, path, status and time say what happened.
            customSuccessMessage: (req, res, responseTime) =>
              `${req.method} ${req.url} ${res.statusCode} ${Math.round(responseTime)} ms`,
            customErrorMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode} failed`,
            // On a terminal the request and response objects would fill the screen; JSON logs
            // keep them (headers redacted) for whoever searches them.
            ...(config.logFormat === 'pretty'
              ? {
                  serializers: {
                    req: (req: { id: unknown }) => ({ id: req.id }),
                    res: () => undefined,
                  },
                }
              : {}),
          },
        }),
      ],
      providers: [{ provide: VIGIL_CONFIG, useValue: config }],
      exports: [VIGIL_CONFIG, LoggerModule],
    };
  }
}
