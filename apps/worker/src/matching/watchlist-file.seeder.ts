import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { z } from 'zod';
import { WatchlistCatalog, watchlistHash } from '@app/consumers';
import { WrongExpectedVersionError } from '@app/event-store';
import { validateWatchlist } from '@app/matching';
import { ConfigError, readYamlFile, VIGIL_CONFIG, type VigilConfig } from '@app/platform';

const MAX_ATTEMPTS = 5;

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
    private readonly watchlists: WatchlistCatalog,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {}

  async seed(): Promise<void> {
    const path = this.config.watchlistFile;
    const source = relative(process.cwd(), path) || path;
    if (!existsSync(path)) {
      this.logger.warn(`no watchlist file ${source}: items are not matched until one is recorded`);
      return;
    }
    const read = readYamlFile({ path, source, required: true }, z.unknown());
    if (!read.ok) throw new ConfigError(read.issues);
    const validation = validateWatchlist(read.value);
    if (!validation.ok) {
      throw new ConfigError(
        validation.issues.map((issue) => ({ source, field: issue.field, message: issue.message })),
      );
    }
    const hash = watchlistHash(validation.definition);
    for (let attempt = 1; ; attempt += 1) {
      if (hash === (await this.watchlists.lastFileHash())) return;
      try {
        const version = await this.watchlists.record(validation.definition, 'file');
        this.logger.log(`watchlist from ${source} recorded as version ${version}`);
        return;
      } catch (error) {
        // Several workers starting together race to record the same file: the losers find
        // it recorded when they look again.
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
