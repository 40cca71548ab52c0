export { WorkerModule } from './worker.module.js';
export { createWorkerContext } from './create-worker-context.js';
export { startWorker } from './start-worker.js';
export { EmailScheduler } from './notifications/email/email-scheduler.js';
export { WorkerHeartbeatService } from './worker-heartbeat.service.js';
