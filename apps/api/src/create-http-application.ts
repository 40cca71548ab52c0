import { type DynamicModule, type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { EventStoreModule } from '@app/event-store';
import { ViewsModule } from '@app/consumers';
import { WatchlistModule } from '@app/watchlist';
import { SubscriptionsModule } from '@app/subscriptions';
import { JobsModule, RedisModule } from '@app/jobs';
import { NEST_BOOT_OPTIONS, PlatformModule, type VigilConfig } from '@app/platform';
import { ApiModule } from './api.module.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
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
  const app = await NestFactory.create(
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
  app.useGlobalFilters(new HttpErrorFilter());
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
  SwaggerModule.setup('docs', app, document);
  return app;
}
