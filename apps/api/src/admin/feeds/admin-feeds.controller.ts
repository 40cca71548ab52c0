import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FeedSettings } from '@app/contracts';
import { FeedsReader } from '@app/consumers';
import { deriveFeedId } from '@app/domain';
import { AdminTokenGuard } from '../admin-token.guard.js';
import { FeedCommandsService, feedNotFound } from './feed-commands.service.js';
import type { z } from 'zod';
import {
  feedList,
  pollRequested,
  type FeedResponse,
  feedResponse,
  type FeedWithHealth,
  feedWithHealth,
  feedWithHealthOf,
} from './feed-response.js';
import { errorResponses, jsonResponse, type ResponseBody, zodBody } from '../../http/openapi.js';
import { ZodBodyPipe } from '../../http/zod-body.pipe.js';
import {
  type CreateFeedRequest,
  createFeedRequest,
  type UpdateFeedRequest,
  updateFeedRequest,
} from './feed-requests.js';

const FEED_EXAMPLE = {
  id: 'example-news',
  source: 'admin',
  url: 'https://news.example.org/rss.xml',
  title: 'Example News',
  intervalSeconds: 300,
  enabled: true,
  allowPrivateNetwork: false,
} satisfies z.input<typeof feedResponse>;

const FEED_WITH_HEALTH_EXAMPLE = {
  ...FEED_EXAMPLE,
  registeredAt: '2026-11-01T10:00:00.000Z',
  failingReason: null,
  health: {
    feedId: 'example-news',
    lastPollAt: '2026-11-02T08:10:00.000Z',
    lastSuccessAt: '2026-11-02T08:10:00.000Z',
    lastErrorAt: null,
    lastErrorReason: null,
    lastErrorMessage: null,
    failuresInRow: 0,
    nextPollAt: '2026-11-02T08:15:00.000Z',
    currentIntervalSeconds: 300,
    itemsSeen: 812,
    averageItemsPerDay: 64.5,
    firstPolledAt: '2026-11-01T10:00:05.000Z',
    etag: '"5f3c"',
    lastModified: null,
  },
} satisfies z.input<typeof feedWithHealth>;

/**
 * Feeds at run time (SPEC.md §9). Changes are commands on the feed's stream; the worker's
 * projection and scheduler follow the log. Polling now is a job: the api never polls itself.
 */
@ApiTags('admin')
@ApiBearerAuth()
@errorResponses(401)
@Controller('admin/feeds')
@UseGuards(AdminTokenGuard)
export class AdminFeedsController {
  constructor(
    private readonly catalog: FeedsReader,
    private readonly commands: FeedCommandsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Feeds with their health' })
  @jsonResponse(200, 'Every feed', feedList, { feeds: [FEED_WITH_HEALTH_EXAMPLE] })
  async list(): Promise<ResponseBody<typeof feedList>> {
    const [feeds, health] = await Promise.all([this.catalog.list(), this.catalog.allHealth()]);
    const healthOf = new Map(health.map((entry) => [entry.feedId, entry]));
    return {
      feeds: feeds.map((feed) => feedWithHealthOf(feed, healthOf.get(feed.feedId) ?? null)),
    };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One feed with its health' })
  @jsonResponse(200, 'The feed', feedWithHealth, FEED_WITH_HEALTH_EXAMPLE)
  @errorResponses(404)
  async get(@Param('id') id: string): Promise<FeedWithHealth> {
    const feed = await this.catalog.get(id);
    if (!feed) throw feedNotFound(id);
    return feedWithHealthOf(feed, (await this.catalog.health(id)) ?? null);
  }

  @Post()
  @ApiOperation({ summary: 'Register a feed; the same URL twice is 409' })
  @zodBody(createFeedRequest, { url: 'https://news.example.org/rss.xml', title: 'Example News' })
  @jsonResponse(
    201,
    'Registered; the id is derived from the URL when absent',
    feedResponse,
    FEED_EXAMPLE,
  )
  @errorResponses(400, 409)
  async create(
    @Body(new ZodBodyPipe(createFeedRequest)) body: CreateFeedRequest,
  ): Promise<FeedResponse> {
    const feedId = body.id ?? deriveFeedId(body.url);
    const sameUrl = await this.catalog.findByUrl(body.url);
    if (sameUrl) {
      throw new ConflictException({
        code: 'feed_exists',
        message: `feed ${sameUrl.feedId} already has this URL`,
        details: [{ field: 'url', message: 'is already registered' }],
      });
    }
    const settings: FeedSettings = {
      url: body.url,
      title: body.title ?? null,
      intervalSeconds: body.intervalSeconds ?? null,
      enabled: body.enabled ?? true,
      allowPrivateNetwork: body.allowPrivateNetwork ?? false,
    };
    const { appended } = await this.commands.decide({
      type: 'register',
      feedId,
      settings,
      source: 'admin',
    });
    if (appended.length === 0) {
      throw new ConflictException({
        code: 'feed_exists',
        message: `feed ${feedId} is already registered`,
        details: [{ field: 'id', message: 'is already registered' }],
      });
    }
    return { id: feedId, source: 'admin', ...settings };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a feed' })
  @zodBody(updateFeedRequest, { intervalSeconds: 600, enabled: false })
  @jsonResponse(200, 'The feed as changed', feedResponse, FEED_EXAMPLE)
  @errorResponses(400, 404)
  async update(
    @Param('id') id: string,
    @Body(new ZodBodyPipe(updateFeedRequest)) body: UpdateFeedRequest,
  ): Promise<FeedResponse> {
    const { state } = await this.commands.decide({ type: 'update', feedId: id, changes: body });
    return {
      id,
      source: state.source ?? 'admin',
      ...(state.settings as FeedSettings),
      ...definedOnly(body),
    };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a feed' })
  @ApiNoContentResponse({ description: 'Removed' })
  @errorResponses(404)
  async remove(@Param('id') id: string): Promise<void> {
    await this.commands.decide({ type: 'remove', feedId: id, source: 'admin' });
  }

  @Post(':id/poll')
  @HttpCode(202)
  @ApiOperation({ summary: 'Poll a feed now (a job runs at once)' })
  @jsonResponse(202, 'Requested; a worker polls at once', pollRequested, {
    feedId: 'example-news',
    jobId: 'poll-feed-example-news-now-421',
  })
  @errorResponses(404)
  async pollNow(@Param('id') id: string): Promise<ResponseBody<typeof pollRequested>> {
    // Recorded, not queued: a worker's reactor queues the poll from the event.
    return this.commands.requestPoll(id);
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
