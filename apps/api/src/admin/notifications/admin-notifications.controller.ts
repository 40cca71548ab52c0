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
import { notificationStream } from '@app/contracts';
import {
  notificationDecider,
  NotificationNotDeadLetteredError,
  NotificationNotFoundError,
} from '@app/domain';
import { EVENT_STORE, type EventStore, handleCommand } from '@app/event-store';
import { errorResponses, jsonResponse, type ResponseBody } from '../../http/openapi.js';
import { notificationRequested } from '../../public/subscription-responses.js';
import { AdminTokenGuard } from '../admin-token.guard.js';

/** Operators' tools for notifications (SPEC.md §9, issue 6). */
@ApiTags('admin')
@ApiBearerAuth()
@errorResponses(401)
@Controller('admin/notifications')
@UseGuards(AdminTokenGuard)
export class AdminNotificationsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Appends the request again; the delivery-dispatch reactor queues the new run's first
   * attempt from it.
   */
  @Post(':id/redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Deliver a dead-lettered notification again: same webhook-id, a fresh run of attempts',
  })
  @jsonResponse(202, 'Requested; a worker delivers it', notificationRequested, {
    notificationId: '9d1c4b2a-7e3f-4a6b-8c5d-1e2f3a4b5c6d',
  })
  @errorResponses(404, 409)
  async redeliver(@Param('id') id: string): Promise<ResponseBody<typeof notificationRequested>> {
    try {
      await handleCommand(this.store, notificationStream(id), notificationDecider, {
        type: 'redeliver',
        notificationId: id,
      });
    } catch (error) {
      if (error instanceof NotificationNotFoundError) {
        throw new NotFoundException({
          code: 'notification_not_found',
          message: `no notification ${id}`,
        });
      }
      if (error instanceof NotificationNotDeadLetteredError) {
        throw new ConflictException({ code: 'not_dead_lettered', message: error.message });
      }
      throw error;
    }
    return { notificationId: id };
  }
}
