import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { JobQueues, QueueName } from '@app/jobs';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';
import { adminOnly } from '../admin-only.middleware.js';
import { AdminTokenGuard } from '../admin-token.guard.js';
import { hasAdminSession } from '../dashboard/admin-session.js';

export const QUEUES_BOARD_PATH = '/admin/queues/ui';

/**
 * Bull Board at /admin/queues/ui, behind the admin guard, read-only: its buttons would add,
 * remove, promote and clean jobs, which is queueing work outside the log (docs/outbox.md) or
 * undoing what the reconciler re-derives. A failed job is retried through
 * `POST /admin/queues/:queue/jobs/:id/retry`, which checks the job is failed first. An
 * operator signed in to the dashboard opens it with the session cookie; anyone else needs the
 * bearer token.
 */
export function mountQueuesBoard(app: INestApplication): void {
  const queues = app.get(JobQueues);
  const board = new ExpressAdapter().setBasePath(QUEUES_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map(
      (name) => new BullMQAdapter(queues.queue(name), { readOnlyMode: true }),
    ),
    serverAdapter: board,
  });
  const config = app.get<VigilConfig>(VIGIL_CONFIG);
  const bearerOnly = adminOnly(app.get(AdminTokenGuard));
  const signedIn: RequestHandler = (request, response, next) =>
    hasAdminSession(request, config) ? next() : bearerOnly(request, response, next);
  app.use(QUEUES_BOARD_PATH, signedIn, board.getRouter() as RequestHandler);
}
