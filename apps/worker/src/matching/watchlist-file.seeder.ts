import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { readWatchlistFile, WatchlistRepository } from '@app/watchlist';
import { VIGIL_CONFIG, type VigilConfig } from '@app/platform';

/**
 * config/watchlist.yaml (WATCHLIST_FILE) seeds the watchlist at start-up: when the file differs
 * from the last watchlist recorded from it, it is recorded again as `watchlist.changed`. An edit
 * made through PUT /admin/watchlist stays in force until the file itself changes. An invalid
 * file stops start-up, naming the file, the field and the reason.
 */
@Injectable()
export class WatchlistFileSeeder {
  private readonly logger = new Logger(WatchlistFileSeeder.name);

  constructor(
    private readonly watchlists: WatchlistRepository,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async seed(): Promise<void> {
    const path = this.config.watchlistFile;
    const source = relative(process.cwd(), path) || path;
    if (!existsSync(path)) {
      this.logger.warn(`no watchlist file ${source}: items are not matched until one is recorded`);
      return;
    }
    const { definition } = readWatchlistFile(path);
    const version = await this.watchlists.recordFromFileIfChanged(definition);
    if (version !== undefined)
      this.logger.log(`watchlist from ${source} recorded as version ${version}`);
  }
}
