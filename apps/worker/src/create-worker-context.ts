import {
  type DynamicModule,
  type INestApplicationContext,
  Module,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { EventStoreModule } from '@app/event-store';
import { ViewsModule } from '@app/consumers';
import { WatchlistModule } from '@app/watchlist';
import { SubscriptionsModule } from '@app/subscriptions';
import { JobsModule, RedisModule } from '@app/jobs';
import { NEST_BOOT_OPTIONS, PlatformModule, type VigilConfig } from '@app/platform';
import { startWorker } from './start-worker.js';
import { WorkerModule } from './worker.module.js';

@Module({})
class WorkerRootModule {}

/** The worker process: no HTTP server, just consumers (and, later, queue processors). */
export async function createWorkerContext(
  config: VigilConfig,
  extraModules: readonly (Type | DynamicModule)[] = [],
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    {
      module: WorkerRootModule,
      imports: [
        PlatformModule.forRoot(config),
        EventStoreModule,
        RedisModule,
        JobsModule,
        ViewsModule,
        WatchlistModule,
        SubscriptionsModule,
        WorkerModule,
        ...extraModules,
      ],
    },
    NEST_BOOT_OPTIONS,
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();
  await startWorker(app);
  return app;
}
