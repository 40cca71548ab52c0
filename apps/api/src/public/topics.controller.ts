import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { WatchlistRepository } from '@app/watchlist';
import { jsonResponse } from '../http/openapi.js';

interface TopicView {
  readonly id: string;
  readonly title: string;
  readonly ruleCount: number;
}

/** The watchlist's topics, which subscriptions and alert queries name. */
@ApiTags('alerts')
@Controller('v1/topics')
export class TopicsController {
  constructor(private readonly watchlists: WatchlistRepository) {}

  @Get()
  @ApiOperation({ summary: 'The topics of the watchlist in force' })
  @jsonResponse(200, 'The topics; none before a watchlist is recorded', {
    watchlistVersion: 3,
    topics: [{ id: 'red-notice-abuse', title: 'Red Notice abuse', ruleCount: 4 }],
  })
  async list(): Promise<{ watchlistVersion: number | null; topics: TopicView[] }> {
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
