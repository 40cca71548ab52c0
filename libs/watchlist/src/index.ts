export {
  type CurrentWatchlist,
  WatchlistRepository,
  watchlistHash,
} from './watchlist.repository.js';
export { readWatchlistFile } from './read-watchlist-file.js';
export { WatchlistModule } from './watchlist.module.js';
