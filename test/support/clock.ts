import type { Clock, Timer } from '../../src/platform/clock';

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/**
 * A clock that only moves when the test moves it. Timers fire in order of their time when {@link advance}
 * passes it; between timers the test awaits the components' idle state, so nothing depends on wall time.
 */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly timers: Pending[] = [];

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  setTimer(ms: number, callback: () => void): Timer {
    const pending: Pending = { at: this.current + Math.max(0, ms), seq: this.seq++, callback, cancelled: false };
    this.timers.push(pending);
    // A timer due now fires on the next turn of the event loop, as a real one would.
    if (ms <= 0) setImmediate(() => this.fireDue());
    return { cancel: () => (pending.cancelled = true) };
  }

  /** The time of the next timer, if any. */
  nextTimerAt(): number | undefined {
    return this.live()[0]?.at;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  advanceTo(target: Date | number): void {
    const end = typeof target === 'number' ? target : target.getTime();
    for (;;) {
      const next = this.live()[0];
      if (!next || next.at > end) break;
      this.current = Math.max(this.current, next.at);
      this.fire(next);
    }
    this.current = Math.max(this.current, end);
  }

  private fireDue(): void {
    for (const timer of this.live()) if (timer.at <= this.current) this.fire(timer);
  }

  private fire(timer: Pending): void {
    timer.cancelled = true;
    this.timers.splice(this.timers.indexOf(timer), 1);
    timer.callback();
  }

  private live(): Pending[] {
    for (let i = this.timers.length - 1; i >= 0; i--) if (this.timers[i]!.cancelled) this.timers.splice(i, 1);
    return this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
}

/** Something with an idle state to await (the delivery pipeline, the scheduler). */
export interface Idling {
  whenIdle(): Promise<void>;
}

/**
 * Runs the components until they are idle and no timer falls due within `horizonMs` from now: fires each
 * timer in turn (moving the clock to it) and awaits idleness after each; then moves the clock to the end of
 * the horizon.
 */
export async function runFor(clock: ManualClock, horizonMs: number, ...components: Idling[]): Promise<void> {
  const start = clock.now().getTime();
  const end = start + horizonMs;
  for (;;) {
    await Promise.all(components.map((c) => c.whenIdle()));
    const next = clock.nextTimerAt();
    if (next === undefined || next > end) break;
    clock.advanceTo(next);
  }
  clock.advanceTo(end);

}
