import type { TableStore } from '../../../platform/storage/table-store';
import { TableFeedRepository } from './feeds';
import { TREND_TABLES } from './names';
import { TableTrendRepository } from './trends';
import { TableTrendVoteRepository } from './votes';

export { TREND_TABLES };

/** The trend repositories on a store whose tables exist (see {@link TREND_TABLES}). */
export function trendRepositories(store: TableStore) {
  return {
    trends: new TableTrendRepository(store),
    votes: new TableTrendVoteRepository(store),
    feeds: new TableFeedRepository(store),
  };
}
