import { VersionedSnapshot } from '../../../platform/storage/versioned-snapshot';
import type { TrendRepository } from './repositories';
import { TrendIndex } from './search';

/**
 * The trend notes' search index of this instance, kept like the directory (a {@link VersionedSnapshot}): the notes
 * are listed again only when their version marker moved, checked at most once per interval. A question reads no
 * table; a note posted on this instance is searchable here at once ({@link expire}), on others within the interval.
 */
export class TrendIndexCache {
  private readonly snapshot: VersionedSnapshot<TrendIndex>;

  constructor(trends: Pick<TrendRepository, 'list' | 'version'>, options: { readonly now: () => Date; readonly checkIntervalMs: number }) {
    this.snapshot = new VersionedSnapshot({ version: () => trends.version(), load: async () => new TrendIndex(await trends.list()) }, options);
  }

  current(): Promise<TrendIndex> {
    return this.snapshot.current();
  }

  /** This instance added a note: the next use checks the version. */
  expire(): void {
    this.snapshot.expire();
  }
}
