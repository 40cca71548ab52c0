export { ApiModule } from './api.module.js';
export { createHttpApplication } from './create-http-application.js';
export { listenOnPort } from './listen-on-port.js';
export { ADMIN_SESSION_COOKIE, hasAdminSession } from './admin/dashboard/admin-session.js';
/** The schemas of the JSON answers, which /docs is generated from (docs/http.md). */
export { consumerList, rebuildRequested } from './admin/consumers/consumer-responses.js';
export { eventPage } from './admin/events/events-response.js';
export {
  feedList,
  feedResponse,
  feedWithHealth,
  pollRequested,
} from './admin/feeds/feed-response.js';
export { healthReport } from './admin/health.service.js';
export { jobRetried, queueList } from './admin/queues/queue-responses.js';
export {
  backfillRequested,
  backfillState,
  matchExplanation,
  watchlistInForce,
  watchlistRecorded,
} from './admin/watchlist/watchlist-responses.js';
export { alertDetail, alertPage } from './public/alert-responses.js';
export {
  createdSubscription,
  deliveryPage,
  notificationRequested,
  replayRequested,
  subscriptionView,
} from './public/subscription-responses.js';
export { topicList } from './public/topics.controller.js';
