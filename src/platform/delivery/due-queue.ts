/** An entry of the {@link DueQueue}. */
interface Due {
  readonly id: string;
  readonly at: number;
  readonly seq: number;
}

/**
 * Ids ordered by the time they are due (then by when they were queued): a binary heap with at most one
 * entry per id. Queuing an id again moves it earlier, never later.
 */
export class DueQueue {
  private readonly heap: Due[] = [];
  private readonly entries = new Map<string, Due>();
  private seq = 0;

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /**
   * Queues `id` at `at`, or moves it to `at` if that is earlier than where it is queued. `first`: before the
   * ids due at the same time that were not queued `first`.
   */
  schedule(id: string, at: number, first = false): void {
    const existing = this.entries.get(id);
    if (existing && existing.at <= at) return;
    const due = { id, at, seq: first ? Number.MIN_SAFE_INTEGER + this.seq++ : this.seq++ };
    this.entries.set(id, due);
    this.push(due);
  }

  /** The next id and when it is due, if any. */
  peek(): { readonly id: string; readonly at: number } | undefined {
    this.dropStale();
    return this.heap[0];
  }

  /** The time the next id is due, if any. */
  nextAt(): number | undefined {
    this.dropStale();
    return this.heap[0]?.at;
  }

  /** Takes the next id if it is due at `now`. */
  takeDue(now: number): string | undefined {
    this.dropStale();
    const top = this.heap[0];
    if (!top || top.at > now) return undefined;
    this.pop();
    this.entries.delete(top.id);
    return top.id;
  }

  /** Heap entries replaced by an earlier schedule of the same id are skipped lazily. */
  private dropStale(): void {
    while (this.heap.length > 0 && this.entries.get(this.heap[0]!.id) !== this.heap[0]) this.pop();
  }

  private before(a: Due, b: Due): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(due: Due): void {
    const heap = this.heap;
    heap.push(due);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}
