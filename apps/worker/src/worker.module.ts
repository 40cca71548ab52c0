import { Module, type OnModuleDestroy } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboundHttpClient } from '@app/outbound';
import { WebhookClient } from '@app/webhooks';
import { ConsumerHostService } from './consumer-host.service.js';
import { FeedSchedulerService } from './feeds/feed-scheduler.service.js';
import { FeedsConfigReconciler } from './feeds/feeds-config.reconciler.js';
import { FeedsViewConsumer } from './feeds/feeds-view.consumer.js';
import { outboundClientProvider } from './feeds/outbound-client.provider.js';
import { PollFeedHandler } from './feeds/poll-feed.handler.js';
import { PollHealthWriter } from './feeds/poll-health.writer.js';
import { QueueWorkersService } from './jobs/queue-workers.service.js';
import { BackfillMatchesHandler } from './matching/backfill-matches.handler.js';
import { MatchDispatchReactor } from './matching/match-dispatch.reactor.js';
import { MatchItemHandler } from './matching/match-item.handler.js';
import { WatchlistFileSeeder } from './matching/watchlist-file.seeder.js';
import { DeliverNotificationHandler } from './notifications/deliver-notification.handler.js';
import { DeliveryDispatchReactor } from './notifications/delivery-dispatch.reactor.js';
import { EmailComposer } from './notifications/email/email-composer.js';
import { EmailScheduler } from './notifications/email/email-scheduler.js';
import { SmtpMailer } from './notifications/email/smtp-mailer.js';
import { ReplayNotificationsHandler } from './notifications/replay-notifications.handler.js';
import { OwedWorkReconciler } from './outbox/owed-work.reconciler.js';
import { OwedWorkViewConsumer } from './outbox/owed-work-view.consumer.js';
import { RequestedWorkReactor } from './outbox/requested-work.reactor.js';
import { NotificationFanoutReactor } from './notifications/notification-fanout.reactor.js';
import { SubscriptionsViewConsumer } from './notifications/subscriptions-view.consumer.js';
import {
  circuitBreakerProvider,
  webhookClientProvider,
} from './notifications/webhook-providers.js';
import { ConsumerLagWatcher } from './operators/consumer-lag.watcher.js';
import { DeliverOperatorAlertHandler } from './operators/deliver-operator-alert.handler.js';
import { FeedIncidentRecorder } from './operators/feed-incident.recorder.js';
import { OperatorAlertDispatchReactor } from './operators/operator-alert-dispatch.reactor.js';
import { OperatorAlertReconciler } from './operators/operator-alert.reconciler.js';
import { OperatorIncidentReactor } from './operators/operator-incident.reactor.js';
import { AlertsViewConsumer } from './stories/alerts-view.consumer.js';
import { StoryGroupingReactor } from './stories/story-grouping.reactor.js';
import { WorkerHeartbeatService } from './worker-heartbeat.service.js';
import { MetricsViewConsumer } from './metrics/metrics-view.consumer.js';
import { ViewRebuildRunner } from './rebuild/view-rebuild.runner.js';

/**
 * Background work: event-log consumers, queue processors, feed schedulers, matching, stories
 * delivery by webhook and email, and operator alerts.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    ConsumerHostService,
    WorkerHeartbeatService,
    QueueWorkersService,
    FeedSchedulerService,
    FeedsConfigReconciler,
    FeedsViewConsumer,
    PollFeedHandler,
    PollHealthWriter,
    outboundClientProvider,
    WatchlistFileSeeder,
    MatchDispatchReactor,
    MatchItemHandler,
    BackfillMatchesHandler,
    StoryGroupingReactor,
    AlertsViewConsumer,
    SubscriptionsViewConsumer,
    NotificationFanoutReactor,
    DeliverNotificationHandler,
    DeliveryDispatchReactor,
    EmailComposer,
    SmtpMailer,
    EmailScheduler,
    ReplayNotificationsHandler,
    OwedWorkViewConsumer,
    OwedWorkReconciler,
    RequestedWorkReactor,
    webhookClientProvider,
    circuitBreakerProvider,
    MetricsViewConsumer,
    FeedIncidentRecorder,
    OperatorIncidentReactor,
    OperatorAlertDispatchReactor,
    DeliverOperatorAlertHandler,
    OperatorAlertReconciler,
    ConsumerLagWatcher,
    ViewRebuildRunner,
  ],
})
export class WorkerModule implements OnModuleDestroy {
  constructor(
    private readonly http: OutboundHttpClient,
    private readonly webhooks: WebhookClient,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.http.close(), this.webhooks.close()]);
  }
}
