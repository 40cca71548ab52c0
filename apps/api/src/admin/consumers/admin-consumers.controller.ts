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
import {
  ConsumerLeases,
  DATABASE,
  type Database,
  EVENT_STORE,
  type EventStore,
  type LeaseRecord,
} from '@app/event-store';
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
  private readonly leases: ConsumerLeases;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) database: Database,
    private readonly rebuilds: ViewRebuilds,
  ) {
    this.leases = new ConsumerLeases(database);
  }

  @Get()
  @ApiOperation({
    summary: "Each consumer's checkpoint, lag, state, latest rebuild and the worker running it",
  })
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
        lease: {
          state: 'held',
          holder: 'worker-1-4242-9f3c',
          expiresAt: '2026-11-02T08:15:14.000Z',
        },
      },
    ],
  })
  async list(): Promise<ResponseBody<typeof consumerList>> {
    const [checkpoints, head, rebuilds, leases] = await Promise.all([
      this.store.listCheckpoints(),
      this.store.headPosition(),
      this.rebuilds.latestByView(),
      this.leases.list(),
    ]);
    // A view being rebuilt for the first time has no checkpoint yet, but has its progress; a
    // consumer just taken that has handled nothing yet has only its lease.
    const positions = new Map(checkpoints.map((each) => [each.name, each]));
    const leaseOf = new Map(leases.map((each) => [each.consumer, each]));
    const names = [...new Set([...positions.keys(), ...rebuilds.keys(), ...leaseOf.keys()])].sort();
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
        lease: leaseReport(leaseOf.get(name)),
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

function leaseReport(lease: LeaseRecord | undefined): ConsumerReport['lease'] {
  if (!lease || lease.holder === null) return { state: 'none', holder: null, expiresAt: null };
  return {
    state: lease.live ? 'held' : 'expired',
    holder: lease.holder,
    expiresAt: lease.expiresAt,
  };
}
