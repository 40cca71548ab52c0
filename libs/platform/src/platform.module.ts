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
            customLogLevel: (_req, res, error): LevelWithSilent =>
              error !== undefined || res.statusCode >= 500
                ? 'error'
                : res.statusCode >= 400
                  ? 'warn'
                  : 'info',
          },
        }),
      ],
      providers: [{ provide: VIGIL_CONFIG, useValue: config }],
      exports: [VIGIL_CONFIG, LoggerModule],
    };
  }
}
