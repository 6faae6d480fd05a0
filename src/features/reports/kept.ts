/**
 * Results an instance keeps for a short while, by key: what is asked for again within `keepMs` gets the same promise
 * (also while it is still being made), so that work asked for several times at once is done once. Only this
 * instance's shortcut; a promise that fails is not kept, so the next request tries again. At most `max` are kept,
 * the oldest going first.
 */
export class KeptForAWhile<K, V> {
  private readonly kept = new Map<K, { readonly until: number; readonly value: Promise<V> }>();

  constructor(
    private readonly keepMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K, make: () => Promise<V>): Promise<V> {
    const now = this.now();
    for (const [k, entry] of this.kept) if (entry.until <= now) this.kept.delete(k);
    const kept = this.kept.get(key);
    if (kept) return kept.value;
    const value = make();
    value.catch(() => {
      if (this.kept.get(key)?.value === value) this.kept.delete(key);
    });
    this.kept.set(key, { until: now + this.keepMs, value });
    while (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value!);
    return value;
  }
}
