import {
  ConflictException,
  Controller,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type KnownRecordedEvent, notificationStream } from '@app/contracts';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '@app/event-store';
import { deliveryJobId, JobName, JobQueues } from '@app/jobs';
import { AdminTokenGuard } from '../admin-token.guard.js';

/** Operators' tools for notifications (SPEC.md §9, issue 6). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/notifications')
@UseGuards(AdminTokenGuard)
export class AdminNotificationsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queues: JobQueues,
  ) {}

  @Post(':id/redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Deliver a dead-lettered notification again: same webhook-id, a fresh run of attempts',
  })
  async redeliver(@Param('id') id: string): Promise<{ notificationId: string }> {
    const history = (await this.store.readStream(
      notificationStream(id),
    )) as unknown as KnownRecordedEvent[];
    const [requested] = history;
    if (requested?.type !== 'notification.requested') {
      throw new NotFoundException({
        code: 'notification_not_found',
        message: `no notification ${id}`,
      });
    }
    if (history.at(-1)?.type !== 'notification.dead_lettered') {
      throw new ConflictException({
        code: 'not_dead_lettered',
        message: `notification ${id} is not dead-lettered: only a dead letter is redelivered`,
      });
    }
    try {
      await this.store.append(
        notificationStream(id),
        { type: 'notification.requested', data: { ...requested.data, cause: 'redelivery' } },
        { expectedVersion: history.length },
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      throw new ConflictException({
        code: 'conflict',
        message: `notification ${id} changed meanwhile; read it again`,
      });
    }
    await this.queues.enqueue(
      JobName.DeliverNotification,
      { notificationId: id, subscriptionId: requested.data.subscriptionId },
      { jobId: deliveryJobId(id, 1, history.length + 1) },
    );
    return { notificationId: id };
  }
}
