import {
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueueName } from '@app/jobs';
import { errorResponses, jsonResponse, type ResponseBody, zodQuery } from '../../http/openapi.js';
import { ZodBodyPipe } from '../../http/zod-body.pipe.js';
import { AdminTokenGuard } from '../admin-token.guard.js';
import { QueueInspector } from './queue-inspector.service.js';
import { type QueuesQuery, queuesQuery } from './queue-requests.js';
import { jobRetried, queueList } from './queue-responses.js';

/** The BullMQ queues as operators see them (SPEC.md §9); the Bull Board UI is beside it. */
@ApiTags('admin')
@ApiBearerAuth()
@errorResponses(401)
@Controller('admin/queues')
@UseGuards(AdminTokenGuard)
export class AdminQueuesController {
  constructor(private readonly inspector: QueueInspector) {}

  @Get()
  @ApiOperation({
    summary: 'Per queue: waiting, active, delayed, failed and completed jobs, and recent failures',
  })
  @zodQuery(queuesQuery)
  @jsonResponse(200, 'Every queue', queueList, {
    queues: [
      {
        name: QueueName.Deliveries,
        counts: { waiting: 0, active: 1, delayed: 3, failed: 1, completed: 120 },
        recentFailures: [
          {
            id: 'deliver-9d1c…-1',
            name: 'deliver-webhook',
            failedReason: 'connect ETIMEDOUT',
            attemptsMade: 1,
            finishedOn: '2026-11-02T08:15:03.000Z',
          },
        ],
      },
    ],
  })
  @errorResponses(400)
  async list(
    @Query(new ZodBodyPipe(queuesQuery)) query: QueuesQuery,
  ): Promise<ResponseBody<typeof queueList>> {
    const queues = await Promise.all(
      Object.values(QueueName).map(async (name) => ({
        name,
        counts: await this.inspector.counts(name),
        recentFailures: await this.inspector.recentFailures(name, query.failedLimit),
      })),
    );
    return { queues };
  }

  @Post(':queue/jobs/:id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a failed job again: the same job, id and data' })
  @jsonResponse(202, 'Queued again', jobRetried, {
    queue: QueueName.Deliveries,
    id: 'deliver-9d1c…-1',
    state: 'waiting',
  })
  @errorResponses(404, 409)
  async retry(
    @Param('queue') queue: string,
    @Param('id') id: string,
  ): Promise<ResponseBody<typeof jobRetried>> {
    const outcome = await this.inspector.retryFailed(queue, id);
    switch (outcome) {
      case 'unknown_queue':
        throw new NotFoundException({
          code: 'queue_not_found',
          message: `no queue ${queue}; queues: ${Object.values(QueueName).join(', ')}`,
        });
      case 'unknown_job':
        throw new NotFoundException({ code: 'job_not_found', message: `no job ${id} in ${queue}` });
      case 'not_failed':
        throw new ConflictException({
          code: 'job_not_failed',
          message: `job ${id} in ${queue} has not failed: only failed jobs are retried`,
        });
      case 'retried':
        // retryFailed retries only in a queue it knows: `queue` is a QueueName here.
        return { queue: queue as QueueName, id, state: 'waiting' };
    }
  }
}
