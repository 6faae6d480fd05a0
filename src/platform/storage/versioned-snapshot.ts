/** Where a {@link VersionedSnapshot} reads from: a cheap version marker, and the (expensive) whole. */
export interface VersionedSource<T> {
  /** One point read: changes whenever the data changes. */
  version(): Promise<string>;
  /** Reads the whole data. */
  load(): Promise<T>;
}

/**
 * An instance's in-memory copy of data every instance shares through storage (the directory, the trend notes),
 * kept fresh without reading the data on every use: every write moves a version marker in storage; at most once
 * per `checkIntervalMs` a reader reads that marker, and only when it moved is the data read again. So a change
 * on any instance is seen everywhere within the interval, and a turn never reads whole tables.
 */
export class VersionedSnapshot<T> {
  private snapshot: { readonly value: T; readonly version: string } | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<T> | undefined;

  constructor(
    private readonly source: VersionedSource<T>,
    private readonly options: { readonly now: () => Date; readonly checkIntervalMs: number },
  ) {}

  /**
   * The current data: from memory, or read again when the stored version moved on since the last check.
   * `latest`: check the version now, whenever the last check was (one point read; the data only when it moved) —
   * for work that must not act on a copy a few seconds old (starting a check-in round).
   */
  async current(options: { readonly latest?: boolean } = {}): Promise<T> {
    const now = this.options.now().getTime();
    if (this.snapshot && !options.latest && now - this.checkedAt < this.options.checkIntervalMs) return this.snapshot.value;
    // Readers arriving together share one check (and one read).
    this.pending ??= this.refresh(now).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Checks the version at the next use: this instance wrote, and its own readers should see it at once. */
  expire(): void {
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  private async refresh(now: number): Promise<T> {
    const version = await this.source.version();
    if (!this.snapshot || version !== this.snapshot.version) this.snapshot = { value: await this.source.load(), version };
    this.checkedAt = now;
    return this.snapshot.value;
  }
}
