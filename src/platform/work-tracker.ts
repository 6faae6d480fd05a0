/**
 * Keeps count of the asynchronous work a component (the delivery pipeline, the scheduler) has started, so that
 * it can stop gracefully (await what is in progress) and tests can await its idle state instead of waiting
 * for wall time. Work that is merely waiting for something outside — the clock, a job handler — can be
 * marked as such: a test driving the clock must not wait for it.
 */
export class WorkTracker {
  private readonly busy = new Set<Promise<unknown>>();
  private waiting = 0;
  private readonly waiters: { readonly resolve: () => void; readonly ignoreWaiting: boolean }[] = [];

  /** @param alsoIdle the component's own condition for idleness (nothing due now), checked with the work. */
  constructor(private readonly alsoIdle: () => boolean = () => true) {}

  /** Counts `promise` as work in progress until it settles; returns it. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.busy.add(promise);
    const done = () => {
      this.busy.delete(promise);
      this.check();
    };
    promise.then(done, done);
    return promise;
  }

  /** Marks tracked work as waiting for something outside until {@link endWait}. */
  beginWait(): void {
    this.waiting++;
    this.check();
  }

  endWait(): void {
    this.waiting--;
  }

  /** Resolves when all work has settled (including work started meanwhile). */
  async settle(): Promise<void> {
    while (this.busy.size > 0) await Promise.allSettled([...this.busy]);
  }

  /** Resolves when no work is in progress (`ignoreWaiting`: but work waiting outside) and the component is idle. */
  whenIdle(ignoreWaiting: boolean): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ resolve, ignoreWaiting });
      this.check();
    });
  }

  /** Resolves the waiters whose condition holds; the component calls it when its own condition may have changed. */
  check(): void {
    if (this.waiters.length === 0 || !this.alsoIdle()) return;
    for (const waiter of [...this.waiters]) {
      if (this.busy.size - (waiter.ignoreWaiting ? this.waiting : 0) > 0) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}
