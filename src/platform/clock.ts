/** A timer started on a {@link Clock}; cancelling a timer that has fired does nothing. */
export interface Timer {
  cancel(): void;
}

/**
 * Time for the proactive engine (delivery pipeline, scheduler): the current time and timers. Injected so that
 * tests drive time by hand instead of waiting for it; production uses {@link systemClock}.
 */
export interface Clock {
  now(): Date;
  /** Calls `callback` once, `ms` milliseconds from now (0 or less: as soon as possible). */
  setTimer(ms: number, callback: () => void): Timer;
}

/** Wall time and Node's timers. Timers do not keep the process alive: stopping the app is what ends it. */
export const systemClock: Clock = {
  now: () => new Date(),
  setTimer(ms, callback) {
    const handle = setTimeout(callback, Math.max(0, ms));
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};

/** A clock whose `now` comes from the given function and whose timers are the system's (the app's `now` option). */
export function clockFrom(now: () => Date): Clock {
  return { now, setTimer: systemClock.setTimer };
}
