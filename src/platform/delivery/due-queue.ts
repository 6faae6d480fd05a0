/** An entry of the {@link DueQueue}. */
interface Due {
  readonly id: string;
  readonly at: number;
  readonly seq: number;
  readonly urgent: boolean;
}

/** A binary heap of entries, earliest first (then in the order queued); stale entries are skipped by the owner. */
class Heap {
  readonly items: Due[] = [];

  get top(): Due | undefined {
    return this.items[0];
  }

  push(due: Due): void {
    const heap = this.items;
    heap.push(due);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  pop(): void {
    const heap = this.items;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}

function before(a: Due, b: Due): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/**
 * Ids ordered by the time they are due (then by when they were queued), with at most one entry per id.
 * Queuing an id again moves it earlier, never later. Ids queued `urgent` (updates of messages people already
 * see, such as a live progress card) are taken before every other id that is due, however long those have
 * waited: a bulk send of a thousand messages due at once must not hold back the one update.
 */
export class DueQueue {
  private readonly urgent = new Heap();
  private readonly normal = new Heap();
  private readonly entries = new Map<string, Due>();
  private seq = 0;

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /**
   * Queues `id` at `at`, or moves it to `at` if that is earlier than where it is queued (or into the urgent
   * lane). `first`: before the ids due at the same time that were not queued `first`.
   */
  schedule(id: string, at: number, first = false, urgent = false): void {
    const existing = this.entries.get(id);
    if (existing && existing.at <= at && (existing.urgent || !urgent)) return;
    const due = { id, at: existing && existing.at < at ? existing.at : at, seq: first ? Number.MIN_SAFE_INTEGER + this.seq++ : this.seq++, urgent: urgent || (existing?.urgent ?? false) };
    this.entries.set(id, due);
    (due.urgent ? this.urgent : this.normal).push(due);
  }

  /** The id taken next and when it is due, if any: the earliest, an urgent one on a tie. */
  peek(): { readonly id: string; readonly at: number } | undefined {
    const urgent = this.topOf(this.urgent);
    const normal = this.topOf(this.normal);
    if (!urgent || !normal) return urgent ?? normal;
    return normal.at < urgent.at ? normal : urgent;
  }

  /** The time the next id is due, if any. */
  nextAt(): number | undefined {
    return this.peek()?.at;
  }

  /** Takes the next id due at `now` (an urgent one first) with the time it was due. */
  takeDue(now: number): { readonly id: string; readonly at: number } | undefined {
    for (const heap of [this.urgent, this.normal]) {
      const top = this.topOf(heap);
      if (!top || top.at > now) continue;
      heap.pop();
      this.entries.delete(top.id);
      return top;
    }
    return undefined;
  }

  /** The heap's first live entry; entries replaced by a later schedule of the same id are dropped lazily. */
  private topOf(heap: Heap): Due | undefined {
    while (heap.top && this.entries.get(heap.top.id) !== heap.top) heap.pop();
    return heap.top;
  }
}
