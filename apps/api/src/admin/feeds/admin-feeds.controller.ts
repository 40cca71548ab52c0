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
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FeedSettings } from '@app/contracts';
import { FeedsReader } from '@app/consumers';
import { deriveFeedId } from '@app/domain';
import { AdminTokenGuard } from '../admin-token.guard.js';
import { FeedCommandsService, feedNotFound } from './feed-commands.service.js';
import { type FeedResponse, feedResponse } from './feed-response.js';
import { ZodBodyPipe } from '../../http/zod-body.pipe.js';
import {
  type CreateFeedRequest,
  createFeedRequest,
  type UpdateFeedRequest,
  updateFeedRequest,
} from './feed-requests.js';

/**
 * Feeds at run time (SPEC.md §9). Changes are commands on the feed's stream; the worker's
 * projection and scheduler follow the log. Polling now is a job: the api never polls itself.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/feeds')
@UseGuards(AdminTokenGuard)
export class AdminFeedsController {
  constructor(
    private readonly catalog: FeedsReader,
    private readonly commands: FeedCommandsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Feeds with their health' })
  async list(): Promise<{ feeds: FeedResponse[] }> {
    const [feeds, health] = await Promise.all([this.catalog.list(), this.catalog.allHealth()]);
    const healthOf = new Map(health.map((entry) => [entry.feedId, entry]));
    return { feeds: feeds.map((feed) => feedResponse(feed, healthOf.get(feed.feedId) ?? null)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One feed with its health' })
  async get(@Param('id') id: string): Promise<FeedResponse> {
    const feed = await this.catalog.get(id);
    if (!feed) throw feedNotFound(id);
    return feedResponse(feed, (await this.catalog.health(id)) ?? null);
  }

  @Post()
  @ApiOperation({ summary: 'Register a feed; the same URL twice is 409' })
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
  async remove(@Param('id') id: string): Promise<void> {
    await this.commands.decide({ type: 'remove', feedId: id, source: 'admin' });
  }

  @Post(':id/poll')
  @HttpCode(202)
  @ApiOperation({ summary: 'Poll a feed now (a job runs at once)' })
  async pollNow(@Param('id') id: string): Promise<{ feedId: string; jobId: string }> {
    // Recorded, not queued: a worker's reactor queues the poll from the event.
    return this.commands.requestPoll(id);
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
