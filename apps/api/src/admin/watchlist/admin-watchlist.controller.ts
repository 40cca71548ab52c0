import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Post,
  Put,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { type CurrentWatchlist, WatchlistCatalog } from '@app/consumers';
import { WrongExpectedVersionError } from '@app/event-store';
import { type MatchResult, validateWatchlist } from '@app/matching';
import { AdminTokenGuard } from '../admin-token.guard.js';
import { ZodBodyPipe } from '../../http/zod-body.pipe.js';

const testRequest = z.union([
  z.strictObject({ text: z.string({ error: 'must be a string' }).min(1, 'must not be empty') }),
  z.strictObject({
    title: z.string({ error: 'must be a string' }),
    summary: z.string({ error: 'must be a string' }).default(''),
    categories: z.array(z.string({ error: 'must be a string' })).default([]),
  }),
]);

/**
 * The watchlist in force (SPEC.md §9). PUT validates and records `watchlist.changed`; workers
 * match with the new version from their next item on. Testing a text only reads.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/watchlist')
@UseGuards(AdminTokenGuard)
export class AdminWatchlistController {
  constructor(private readonly watchlists: WatchlistCatalog) {}

  @Get()
  @ApiOperation({ summary: 'The watchlist in force, with its version' })
  async get(): Promise<Omit<CurrentWatchlist, 'matcher'>> {
    const { version, source, hash, definition } = await this.inForce();
    return { version, source, hash, definition };
  }

  @Put()
  @ApiOperation({ summary: 'Replace the watchlist (validated; recorded as watchlist.changed)' })
  async put(@Body() body: unknown): Promise<{ version: number }> {
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

  @Post('test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Explain which rules a text matches: { text } or { title, summary }' })
  async test(
    @Body(new ZodBodyPipe(testRequest)) body: z.output<typeof testRequest>,
  ): Promise<MatchResult & { watchlistVersion: number }> {
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
