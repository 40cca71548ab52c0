import { type DynamicModule, type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { EventStoreModule } from '@app/event-store';
import { ViewsModule } from '@app/consumers';
import { WatchlistModule } from '@app/watchlist';
import { SubscriptionsModule } from '@app/subscriptions';
import { JobsModule, RedisModule } from '@app/jobs';
import { NEST_BOOT_OPTIONS, PlatformModule, type VigilConfig } from '@app/platform';
import { ApiModule } from './api.module.js';
import { answerClientErrorsWithJson } from './http/client-error-responder.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { noStoreForPrivatePaths } from './http/no-store.middleware.js';
import { refuseUndecodableTarget } from './http/request-target.middleware.js';
import { StorableTextPipe } from './http/storable-text.pipe.js';
import { documentRateLimits } from './http/openapi.js';
import { mountQueuesBoard } from './admin/queues/queues-board.js';

@Module({})
class ApiRootModule {}

/**
 * The api process, ready to listen. `extraModules` lets the all-in-one `vigil start` add the
 * worker to the same process.
 */
export async function createHttpApplication(
  config: VigilConfig,
  extraModules: readonly (Type | DynamicModule)[] = [],
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    {
      module: ApiRootModule,
      imports: [
        PlatformModule.forRoot(config),
        EventStoreModule,
        RedisModule,
        JobsModule,
        ViewsModule,
        WatchlistModule,
        SubscriptionsModule,
        ApiModule,
        ...extraModules,
      ],
    },
    NEST_BOOT_OPTIONS,
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // First, so that every answer has them: /docs, Bull Board, the dashboard, errors. Pages
  // with a stricter policy of their own (the dashboard, the email links) set it themselves.
  app.useSecurityHeaders({
    // Vigil is often reached over plain http on a LAN or loopback, where upgrading every
    // sub-resource to https would break /docs.
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  // Before routing: the router would answer a bad path itself, and mangle a bad query.
  app.use(refuseUndecodableTarget());
  app.use(noStoreForPrivatePaths());
  answerClientErrorsWithJson(app.getHttpServer());
  // Which X-Forwarded-For hop is the client, for rate limits and req.secure (docs/rate-limits.md).
  app.set('trust proxy', config.runtime.http.trustedProxies);
  app.useGlobalFilters(new HttpErrorFilter());
  app.useGlobalPipes(new StorableTextPipe());
  mountQueuesBoard(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Vigil')
      .setDescription('News alerting: feeds, watchlist, alerts, subscriptions, admin.')
      .setVersion('1')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        // DocumentBuilder would say JWT; both tokens are opaque random strings.
        bearerFormat: 'opaque',
        description: 'ADMIN_TOKEN, or a subscription token (vst_…) for its own subscription',
      })
      .build(),
  );
  documentRateLimits(document);
  SwaggerModule.setup('docs', app, document);
  return app;
}
