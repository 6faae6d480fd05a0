/** At most `max` requests in any `ms` milliseconds. */
export interface RateWindow {
  readonly ms: number;
  readonly max: number;
}

/**
 * Teams' documented limits for a bot sending into one conversation: 7 per second, 8 per 2 s, 60 per 30 s,
 * 1,800 per hour (learn.microsoft.com, "Rate limiting for bots", per bot per thread).
 */
export const TEAMS_CONVERSATION_LIMITS: readonly RateWindow[] = [
  { ms: 1_000, max: 7 },
  { ms: 2_000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1_800 },
];

/** Teams' limit for all requests of one app in one tenant: 50 per second. */
export const TEAMS_APP_LIMITS: readonly RateWindow[] = [{ ms: 1_000, max: 50 }];

export interface RateLimiterOptions {
  readonly conversation: readonly RateWindow[];
  readonly app: readonly RateWindow[];
  /** Requests in flight to one conversation at once; 1 keeps a conversation's messages in order. */
  readonly maxInFlightPerConversation: number;
  /** Extra milliseconds a request stays counted, against clock differences with the service. */
  readonly marginMs: number;
}

/** A request allowed to go; tell the limiter when it is answered (or that it was not made after all). */
export interface Reservation {
  /** The request was answered at `now`: it stays counted until `now` + the window. */
  complete(now: number): void;
  /** The request was not made: it does not count. */
  release(): void;
}

/** Either a reservation, or when to ask again: at `retryAt`, or (undefined) when a request in flight is answered. */
export type Admission = { readonly ok: true; readonly reservation: Reservation } | { readonly ok: false; readonly retryAt: number | undefined };

/** One counted request: `at` is undefined while in flight, then the time it was answered (plus the margin). */
interface Entry {
  at: number | undefined;
}

/** The requests counted against one set of windows, oldest first. */
class RequestLog {
  readonly entries: Entry[] = [];
  private readonly longestMs: number;

  constructor(private readonly windows: readonly RateWindow[]) {
    this.longestMs = Math.max(...windows.map((w) => w.ms));
  }

  get inFlight(): number {
    return this.entries.filter((e) => e.at === undefined).length;
  }

  get empty(): boolean {
    return this.entries.length === 0;
  }

  /**
   * The earliest time from `now` at which one more request fits every window, or undefined when that depends on
   * a request in flight being answered.
   */
  readyAt(now: number): number | undefined {
    this.prune(now);
    let ready = now;
    for (const window of this.windows) {
      const counted = this.entries.filter((e) => e.at === undefined || e.at > now - window.ms);
      if (counted.length < window.max) continue;
      // The oldest requests must leave the window until one more fits: the (excess + 1)-th oldest decides.
      const times = counted.map((e) => e.at ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
      const decisive = times[counted.length - window.max]!;
      if (decisive === Number.POSITIVE_INFINITY) return undefined;
      ready = Math.max(ready, decisive + window.ms);
    }
    return ready;
  }

  add(): Entry {
    const entry: Entry = { at: undefined };
    this.entries.push(entry);
    return entry;
  }

  remove(entry: Entry): void {
    const index = this.entries.indexOf(entry);
    if (index >= 0) this.entries.splice(index, 1);
  }

  /** Forgets requests answered before the longest window. */
  prune(now: number): void {
    const horizon = now - this.longestMs;
    const stale = (e: Entry) => e.at !== undefined && e.at <= horizon;
    if (this.entries.some(stale)) this.entries.splice(0, this.entries.length, ...this.entries.filter((e) => !stale(e)));
  }
}

/**
 * Sliding-window rate limits per conversation and for the whole app, as Teams enforces them.
 *
 * A request counts from the moment it is let through; once answered it counts from the time of its answer
 * (not of its start) for the length of each window. The service received it somewhere in between, so counting
 * from the answer can never undercount what the service saw, whatever the network latency. Requests still in
 * flight count as "now" until answered.
 *
 * The limits are held in this process: with several bot instances each instance keeps its own count, so the
 * limits must then be divided among instances (or a throttled request's 429 and `Retry-After` take over,
 * which the pipeline honours). The app window is applied to all tenants together, which is stricter than
 * Teams' per-tenant limit and the same for the usual single-tenant installation.
 */
export class RateLimiter {
  private readonly conversations = new Map<string, RequestLog>();
  private readonly app: RequestLog;
  private readonly paused = new Map<string, number>();
  private lastSweep = 0;

  constructor(private readonly options: RateLimiterOptions) {
    this.app = new RequestLog(options.app);
  }

  /**
   * Lets one request go now, or says when to ask again. `conversation` undefined: a request that belongs to no
   * conversation yet (creating a 1:1 chat, reading a team's members) and counts for the app only.
   */
  admit(conversation: string | undefined, now: number): Admission {
    this.sweep(now);
    const appReady = this.app.readyAt(now);
    if (appReady === undefined || appReady > now) return { ok: false, retryAt: appReady };
    let log: RequestLog | undefined;
    if (conversation !== undefined) {
      log = this.conversations.get(conversation);
      if (!log) this.conversations.set(conversation, (log = new RequestLog(this.options.conversation)));
      if (log.inFlight >= this.options.maxInFlightPerConversation) return { ok: false, retryAt: undefined };
      const ready = log.readyAt(now);
      if (ready === undefined) return { ok: false, retryAt: undefined };
      const at = Math.max(ready, this.paused.get(conversation) ?? 0);
      if (at > now) return { ok: false, retryAt: at };
    }
    return { ok: true, reservation: this.reserve(log) };
  }

  /**
   * When a request to `conversation` would be let through, without reserving anything (undefined: when a
   * request in flight is answered).
   */
  readyAt(conversation: string, now: number): number | undefined {
    const appReady = this.app.readyAt(now);
    const log = this.conversations.get(conversation);
    if (appReady === undefined || (log && log.inFlight >= this.options.maxInFlightPerConversation)) return undefined;
    const ready = log?.readyAt(now);
    if (log && ready === undefined) return undefined;
    return Math.max(appReady, ready ?? now, this.paused.get(conversation) ?? 0);
  }

  /** When the app as a whole may make its next request (undefined: when a request in flight is answered). */
  appReadyAt(now: number): number | undefined {
    return this.app.readyAt(now);
  }

  /**
   * Counts a request made outside the limiter, answered at `now` (a reply within a turn): Teams counts it
   * against the same limits, so the requests let through here leave room for it.
   */
  record(conversation: string | undefined, now: number): void {
    this.sweep(now);
    let log: RequestLog | undefined;
    if (conversation !== undefined) {
      log = this.conversations.get(conversation);
      if (!log) this.conversations.set(conversation, (log = new RequestLog(this.options.conversation)));
    }
    this.reserve(log).complete(now);
  }

  /** Holds a conversation back until `until` (Teams answered 429 with `Retry-After`). */
  pause(conversation: string, until: number): void {
    this.paused.set(conversation, Math.max(until, this.paused.get(conversation) ?? 0));
  }

  private reserve(log: RequestLog | undefined): Reservation {
    const appEntry = this.app.add();
    const conversationEntry = log?.add();
    let done = false;
    return {
      complete: (now) => {
        if (done) return;
        done = true;
        appEntry.at = now + this.options.marginMs;
        if (conversationEntry) conversationEntry.at = now + this.options.marginMs;
      },
      release: () => {
        if (done) return;
        done = true;
        this.app.remove(appEntry);
        if (conversationEntry) log?.remove(conversationEntry);
      },
    };
  }

  /** Once a second, forgets conversations with nothing counted any more and pauses that are over. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 1_000) return;
    this.lastSweep = now;
    for (const [conversation, log] of this.conversations) {
      log.prune(now);
      if (log.empty) this.conversations.delete(conversation);
    }
    for (const [conversation, until] of this.paused) if (until <= now) this.paused.delete(conversation);
  }
}
