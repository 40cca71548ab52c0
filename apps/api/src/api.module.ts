import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminTokenGuard } from './admin/admin-token.guard.js';
import { HealthController } from './admin/health.controller.js';
import { HealthService } from './admin/health.service.js';
import { AdminFeedsController } from './admin/feeds/admin-feeds.controller.js';
import { AdminNotificationsController } from './admin/notifications/admin-notifications.controller.js';
import { AdminWatchlistController } from './admin/watchlist/admin-watchlist.controller.js';
import { AdminDashboardController } from './admin/dashboard/admin-dashboard.controller.js';
import { DashboardSnapshotService } from './admin/dashboard/dashboard-snapshot.service.js';
import { FeedCommandsService } from './admin/feeds/feed-commands.service.js';
import { MetricsController } from './admin/metrics/metrics.controller.js';
import { MetricsService } from './admin/metrics/metrics.service.js';
import { AdminQueuesController } from './admin/queues/admin-queues.controller.js';
import { QueueInspector } from './admin/queues/queue-inspector.service.js';
import { AlertStreamController } from './public/alert-stream.controller.js';
import { AlertsController } from './public/alerts.controller.js';
import { EmailLinksController } from './public/email-links.controller.js';
import { EmailSubscriptionsService } from './public/email-subscriptions.service.js';
import { SubscriptionsController } from './public/subscriptions.controller.js';
import { SubscriptionsService } from './public/subscriptions.service.js';
import { TopicsController } from './public/topics.controller.js';
import { AdminEventsController } from './admin/events/admin-events.controller.js';
import { AdminConsumersController } from './admin/consumers/admin-consumers.controller.js';
import { PublicWriteThrottlerGuard } from './rate-limits/public-write-throttler.guard.js';
import { RateLimitsModule } from './rate-limits/rate-limits.module.js';

/** HTTP: the admin API and the public /v1 API. */
@Module({
  imports: [RateLimitsModule],
  controllers: [
    HealthController,
    AdminFeedsController,
    AdminWatchlistController,
    AdminNotificationsController,
    AdminDashboardController,
    MetricsController,
    AdminQueuesController,
    AdminEventsController,
    AdminConsumersController,
    TopicsController,
    // Before AlertsController, whose /v1/alerts/:id would otherwise take `stream` for an id.
    AlertStreamController,
    AlertsController,
    // Before SubscriptionsController, whose /v1/subscriptions/:id would take `confirm`.
    EmailLinksController,
    SubscriptionsController,
  ],
  providers: [
    AdminTokenGuard,
    HealthService,
    SubscriptionsService,
    EmailSubscriptionsService,
    FeedCommandsService,
    DashboardSnapshotService,
    MetricsService,
    QueueInspector,
    { provide: APP_GUARD, useClass: PublicWriteThrottlerGuard },
  ],
})
export class ApiModule {}
