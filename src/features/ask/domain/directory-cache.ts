import type { Repositories } from '../../../platform/directory/repositories';
import { DirectoryIndex } from './search-index';

/**
 * The search index of this instance, kept fresh. Every directory write bumps a version marker in storage
 * (see {@link DirectoryVersionRepository}); at most once per `checkIntervalMs` a question reads that one
 * marker, and only when it changed is the directory listed again and the index rebuilt. So an import or edit
 * on any instance is seen everywhere within the interval, and a question never reads whole tables.
 */
export class DirectoryCache {
  private index: DirectoryIndex | undefined;
  private version: string | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<DirectoryIndex> | undefined;

  constructor(
    private readonly repos: Pick<Repositories, 'municipalities' | 'people' | 'projects' | 'directoryVersion'>,
    private readonly options: { readonly now: () => Date; readonly checkIntervalMs: number },
  ) {}

  /** The current index: from memory, or rebuilt when the stored version moved on since the last check. */
  async current(): Promise<DirectoryIndex> {
    const now = this.options.now().getTime();
    if (this.index && now - this.checkedAt < this.options.checkIntervalMs) return this.index;
    // Questions arriving together share one check (and one rebuild).
    this.pending ??= this.refresh(now).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async refresh(now: number): Promise<DirectoryIndex> {
    const version = await this.repos.directoryVersion.current();
    if (!this.index || version !== this.version) {
      const [municipalities, people, projects] = await Promise.all([this.repos.municipalities.list(), this.repos.people.list(), this.repos.projects.list()]);
      this.index = new DirectoryIndex({ municipalities, people, projects });
      this.version = version;
    }
    this.checkedAt = now;
    return this.index;
  }
}
