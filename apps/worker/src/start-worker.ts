import type { INestApplicationContext } from '@nestjs/common';
import { ConsumerHostService } from './consumer-host.service.js';
import { FeedSchedulerService } from './feeds/feed-scheduler.service.js';
import { FeedsConfigReconciler } from './feeds/feeds-config.reconciler.js';
import { QueueWorkersService } from './jobs/queue-workers.service.js';
import { WatchlistFileSeeder } from './matching/watchlist-file.seeder.js';
import { EmailScheduler } from './notifications/email/email-scheduler.js';
import { ConsumerLagWatcher } from './operators/consumer-lag.watcher.js';
import { OperatorAlertReconciler } from './operators/operator-alert.reconciler.js';
import { OwedWorkReconciler } from './outbox/owed-work.reconciler.js';
import { WorkerHeartbeatService } from './worker-heartbeat.service.js';
import { ViewRebuildRunner } from './rebuild/view-rebuild.runner.js';

/**
 * Starts the background work of an initialised application that imports WorkerModule: the
 * watchlist of config/watchlist.yaml, the log consumers, the feeds of config/feeds.yaml, their
 * schedulers, the queue workers, the reconciler of owed work (which re-queues at once what a
 * lost Redis dropped), the email scheduler (digests missed while down are closed at once), the operator alerts
 * owed and the consumer lag watch, and
 * the heartbeat last (a worker is announced once it works). Kept out of Nest's init hooks so
 * that a refusal (an invalid feeds file, two consumers with one name) can close what was
 * opened.
 */
export async function startWorker(app: INestApplicationContext): Promise<void> {
  try {
    await app.get(WatchlistFileSeeder).seed();
    await app.get(ConsumerHostService).start();
    await app.get(FeedsConfigReconciler).reconcile();
    await app.get(FeedSchedulerService).start();
    await app.get(QueueWorkersService).start();
    await app.get(OwedWorkReconciler).start();
    await app.get(EmailScheduler).start();
    await app.get(OperatorAlertReconciler).start();
    app.get(ConsumerLagWatcher).start();
    app.get(ViewRebuildRunner).start();
    await app.get(WorkerHeartbeatService).start();
  } catch (error) {
    await app.close();
    throw error;
  }
}
