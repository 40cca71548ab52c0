import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { WatchlistRepository } from '@app/watchlist';
import { jsonResponse, type ResponseBody } from '../http/openapi.js';
import { count } from '../http/response-fields.js';

/** GET /v1/topics */
export const topicList = z.strictObject({
  watchlistVersion: z
    .int()
    .nullable()
    .meta({ description: 'the version of the watchlist in force; null before one is recorded' }),
  topics: z.array(z.strictObject({ id: z.string(), title: z.string(), ruleCount: count })),
});

/** The watchlist's topics, which subscriptions and alert queries name. */
@ApiTags('alerts')
@Controller('v1/topics')
export class TopicsController {
  constructor(private readonly watchlists: WatchlistRepository) {}

  @Get()
  @ApiOperation({ summary: 'The topics of the watchlist in force' })
  @jsonResponse(200, 'The topics; none before a watchlist is recorded', topicList, {
    watchlistVersion: 3,
    topics: [{ id: 'red-notice-abuse', title: 'Red Notice abuse', ruleCount: 4 }],
  })
  async list(): Promise<ResponseBody<typeof topicList>> {
    const watchlist = await this.watchlists.current();
    if (!watchlist) return { watchlistVersion: null, topics: [] };
    return {
      watchlistVersion: watchlist.version,
      topics: watchlist.definition.topics.map((topic) => ({
        id: topic.id,
        title: topic.title,
        ruleCount: topic.rules.length,
      })),
    };
  }
}
