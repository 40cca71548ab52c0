import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Put,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { type CurrentWatchlist, WatchlistRepository } from '@app/watchlist';
import { randomUUID } from 'node:crypto';
import { backfillStream } from '@app/contracts';
import { EVENT_STORE, type EventStore, WrongExpectedVersionError } from '@app/event-store';
import { backfillJobId, JobName, JobQueues, QueueName } from '@app/jobs';
import { validateWatchlist, watchlistSchema } from '@app/matching';
import { AdminTokenGuard } from '../admin-token.guard.js';
import { errorResponses, jsonResponse, type ResponseBody, zodBody } from '../../http/openapi.js';
import { isoDateTime } from '../../http/request-fields.js';
import { ZodBodyPipe } from '../../http/zod-body.pipe.js';
import {
  backfillProgress,
  backfillRequested,
  backfillState,
  matchExplanation,
  watchlistInForce,
  watchlistRecorded,
} from './watchlist-responses.js';

const backfillRequest = z.strictObject({ since: isoDateTime });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const testRequest = z.union([
  z.strictObject({ text: z.string({ error: 'must be a string' }).min(1, 'must not be empty') }),
  z.strictObject({
    title: z.string({ error: 'must be a string' }),
    summary: z.string({ error: 'must be a string' }).default(''),
    categories: z.array(z.string({ error: 'must be a string' })).default([]),
  }),
]);

const WATCHLIST_EXAMPLE = {
  aliases: { interpol: ['Interpol', 'ICPO'] },
  topics: [
    {
      id: 'red-notice-abuse',
      title: 'Red Notice abuse',
      rules: [{ id: 'red-notice', query: '"red notice" AND @interpol', weight: 2 }],
    },
  ],
} satisfies z.input<typeof watchlistSchema>;

/**
 * The watchlist in force (SPEC.md §9). PUT validates and records `watchlist.changed`; workers
 * match with the new version from their next item on. Testing a text only reads.
 */
@ApiTags('admin')
@ApiBearerAuth()
@errorResponses(401)
@Controller('admin/watchlist')
@UseGuards(AdminTokenGuard)
export class AdminWatchlistController {
  constructor(
    private readonly watchlists: WatchlistRepository,
    private readonly queues: JobQueues,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The watchlist in force, with its version' })
  @jsonResponse(200, 'The watchlist and where it came from', watchlistInForce, {
    version: 3,
    source: 'admin',
    hash: '9f2c4e1a7b3d5c8e0f6a2b4d9c1e3f5a7b9d0c2e4f6a8b1d3c5e7f9a0b2c4d6e',
    definition: WATCHLIST_EXAMPLE,
  })
  @errorResponses(404)
  async get(): Promise<ResponseBody<typeof watchlistInForce>> {
    const { version, source, hash, definition } = await this.inForce();
    return { version, source, hash, definition };
  }

  @Put()
  @ApiOperation({ summary: 'Replace the watchlist (validated; recorded as watchlist.changed)' })
  @zodBody(watchlistSchema, WATCHLIST_EXAMPLE)
  @jsonResponse(200, 'Recorded as this version', watchlistRecorded, { version: 4 })
  @errorResponses(400, 409)
  async put(@Body() body: unknown): Promise<ResponseBody<typeof watchlistRecorded>> {
    const validation = validateWatchlist(body);
    if (!validation.ok) {
      throw new BadRequestException({
        code: 'invalid_watchlist',
        message: validation.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
        details: validation.issues,
      });
    }
    try {
      return {
        version: await this.watchlists.record(validation.definition, 'admin'),
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new ConflictException({
          code: 'watchlist_changed',
          message: 'the watchlist changed meanwhile: read it again and retry',
        });
      }
      throw error;
    }
  }

  @Post('backfill')
  @HttpCode(202)
  @ApiOperation({ summary: 'Match items discovered since a time again, as a job with progress' })
  @zodBody(backfillRequest, { since: '2026-11-01T00:00:00Z' })
  @jsonResponse(
    202,
    'Requested; follow it at GET /admin/watchlist/backfill/{jobId}',
    backfillRequested,
    {
      jobId: 'backfill-matches-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      since: '2026-11-01T00:00:00Z',
    },
  )
  @errorResponses(400, 404)
  async backfill(
    @Body(new ZodBodyPipe(backfillRequest)) body: z.output<typeof backfillRequest>,
  ): Promise<ResponseBody<typeof backfillRequested>> {
    await this.inForce();
    // Recorded, not queued: a worker's reactor queues the job, and re-queues it if Redis
    // loses it before `backfill.completed`.
    const backfillId = randomUUID();
    await this.store.append(
      backfillStream(backfillId),
      { type: 'backfill.requested', data: { backfillId, since: body.since } },
      { expectedVersion: 'no_stream' },
    );
    return { jobId: backfillJobId(backfillId), since: body.since };
  }

  @Get('backfill/:jobId')
  @ApiOperation({
    summary:
      'State and progress of a backfill: from its job while Redis holds it, else from the log',
  })
  @jsonResponse(200, 'Its state and progress', backfillState, {
    jobId: 'backfill-matches-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    state: 'completed',
    progress: { items: 1200, matched: 14, done: true },
  })
  @errorResponses(404)
  async backfillProgress(
    @Param('jobId') jobId: string,
  ): Promise<ResponseBody<typeof backfillState>> {
    const job = await this.queues.queue(QueueName.Matching).getJob(jobId);
    if (job?.name === JobName.BackfillMatches) {
      // BullMQ's progress is 0 until the job reports its first page.
      const progress = backfillProgress.safeParse(job.progress);
      return { jobId, state: await job.getState(), progress: progress.data ?? null };
    }
    // No job: not queued yet (no worker has read the request), or already gone from Redis.
    const backfillId = jobId.slice(`${JobName.BackfillMatches}-`.length);
    const history =
      jobId.startsWith(`${JobName.BackfillMatches}-`) && UUID.test(backfillId)
        ? await this.store.readStream(backfillStream(backfillId))
        : [];
    const completed = history.find((event) => event.type === 'backfill.completed');
    if (completed?.type === 'backfill.completed') {
      const { items, matched } = completed.data;
      return { jobId, state: 'completed', progress: { items, matched, done: true } };
    }
    if (history.length > 0) return { jobId, state: 'requested', progress: null };
    throw new NotFoundException({ code: 'backfill_not_found', message: `no backfill ${jobId}` });
  }

  @Post('test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Explain which rules a text matches: { text } or { title, summary }' })
  @zodBody(testRequest, { text: 'Interpol red notice sought against exiled journalist' })
  @jsonResponse(200, 'The matched rules, their terms, and the score per topic', matchExplanation, {
    watchlistVersion: 3,
    matches: [
      {
        topic: 'red-notice-abuse',
        rule: 'red-notice',
        weight: 2,
        terms: [{ text: 'red notice', field: 'summary', start: 8, end: 18 }],
      },
    ],
    scores: { 'red-notice-abuse': 2 },
  })
  @errorResponses(400, 404)
  async test(
    @Body(new ZodBodyPipe(testRequest)) body: z.output<typeof testRequest>,
  ): Promise<ResponseBody<typeof matchExplanation>> {
    const { matcher, version } = await this.inForce();
    const input =
      'text' in body
        ? { title: '', summary: body.text, categories: [] }
        : { title: body.title, summary: body.summary, categories: body.categories };
    return { watchlistVersion: version, ...matcher.match(input) };
  }

  private async inForce(): Promise<CurrentWatchlist> {
    const current = await this.watchlists.current();
    if (!current) {
      throw new NotFoundException({
        code: 'no_watchlist',
        message: 'no watchlist is recorded yet: a worker records config/watchlist.yaml at start',
      });
    }
    return current;
  }
}
