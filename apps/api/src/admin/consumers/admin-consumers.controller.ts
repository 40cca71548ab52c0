import {
  BadRequestException,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { REBUILDABLE_VIEWS, ViewRebuildInProgressError, ViewRebuilds } from '@app/consumers';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { errorResponses, jsonResponse, type ResponseBody } from '../../http/openapi.js';
import { AdminTokenGuard } from '../admin-token.guard.js';
import { type ConsumerReport, consumerList, rebuildRequested } from './consumer-responses.js';

/** The log's consumers and the rebuild of views (SPEC.md §9, docs/operations.md). */
@ApiTags('admin')
@ApiBearerAuth()
@errorResponses(401)
@Controller('admin/consumers')
@UseGuards(AdminTokenGuard)
export class AdminConsumersController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly rebuilds: ViewRebuilds,
  ) {}

  @Get()
  @ApiOperation({ summary: "Each consumer's checkpoint, lag, state and latest rebuild" })
  @jsonResponse(200, 'The head of the log and every consumer', consumerList, {
    head: 421,
    consumers: [
      {
        name: 'alerts-view',
        checkpoint: 421,
        lag: 0,
        updatedAt: '2026-11-02T08:15:02.000Z',
        state: 'caught_up',
        rebuild: null,
      },
    ],
  })
  async list(): Promise<ResponseBody<typeof consumerList>> {
    const [checkpoints, head, rebuilds] = await Promise.all([
      this.store.listCheckpoints(),
      this.store.headPosition(),
      this.rebuilds.latestByView(),
    ]);
    // A view being rebuilt for the first time has no checkpoint yet, but has its progress.
    const positions = new Map(checkpoints.map((each) => [each.name, each]));
    const names = [...new Set([...positions.keys(), ...rebuilds.keys()])].sort();
    const consumers = names.map((name): ConsumerReport => {
      const checkpoint = positions.get(name);
      const position = checkpoint?.position ?? 0;
      const lag = Math.max(0, head - position);
      const rebuild = rebuilds.get(name) ?? null;
      const rebuilding = rebuild?.state === 'requested' || rebuild?.state === 'running';
      return {
        name,
        checkpoint: position,
        lag,
        updatedAt: checkpoint?.updatedAt ?? null,
        state: rebuilding ? 'rebuilding' : lag === 0 ? 'caught_up' : 'behind',
        rebuild,
      };
    });
    return { head, consumers };
  }

  /**
   * Records the request; a worker builds the view beside the one in use, which keeps serving
   * reads, and swaps it in. Progress shows in GET /admin/consumers.
   */
  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild a view from the log while the old one serves reads' })
  @jsonResponse(202, 'Requested; progress shows in GET /admin/consumers', rebuildRequested, {
    rebuildId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    consumer: 'alerts-view',
  })
  @errorResponses(400, 404, 409)
  async rebuild(@Param('name') name: string): Promise<ResponseBody<typeof rebuildRequested>> {
    if (!REBUILDABLE_VIEWS.has(name)) {
      const known = (await this.store.listCheckpoints()).some((each) => each.name === name);
      if (known) {
        throw new BadRequestException({
          code: 'not_a_view',
          message: `${name} is a reactor, not a view: it has nothing to rebuild`,
        });
      }
      throw new NotFoundException({
        code: 'consumer_not_found',
        message: `no consumer ${name}; views: ${[...REBUILDABLE_VIEWS.keys()].join(', ')}`,
      });
    }
    try {
      const rebuild = await this.rebuilds.request(name);
      return { rebuildId: rebuild.rebuildId, consumer: name };
    } catch (error) {
      if (error instanceof ViewRebuildInProgressError) {
        throw new ConflictException({ code: 'rebuild_in_progress', message: error.message });
      }
      throw error;
    }
  }
}
