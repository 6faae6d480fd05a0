import type { Settings } from '../../platform/config';

/** The trend feature's variables (`FEEDS_*`). */
export interface TrendSettings {
  /** Minutes between two checks of the feeds: a divisor of 60, or whole hours dividing a day. */
  readonly feedCheckMinutes: number;
  /**
   * Allow server-side requests (feeds, page titles) to loopback, private, link-local and metadata addresses: for
   * tests and intranet feeds only. Off, a URL typed by a user cannot reach the bot's own network.
   */
  readonly allowPrivateAddresses: boolean;
}

/** Reads `FEEDS_CHECK_MINUTES` and `FEEDS_ALLOW_PRIVATE`; problems go to `read`. */
export function trendSettings(read: Settings): TrendSettings {
  const feedCheckMinutes = read.integer('FEEDS_CHECK_MINUTES', 60, 1, 1440);
  if (feedCheckMinutes < 60 ? 60 % feedCheckMinutes !== 0 : feedCheckMinutes % 60 !== 0 || 24 % (feedCheckMinutes / 60) !== 0) {
    read.problem(`FEEDS_CHECK_MINUTES must divide an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30) or be whole hours dividing a day (60, 120, 180, 240, 360, 480, 720, 1440), got "${feedCheckMinutes}"`);
  }
  return Object.freeze({ feedCheckMinutes, allowPrivateAddresses: read.boolean('FEEDS_ALLOW_PRIVATE', false) });
}

/** The cron expression of the feed check: every N minutes, or every N hours on the hour. */
export function feedCheckCron(minutes: number): string {
  if (minutes < 60) return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
  const hours = minutes / 60;
  return hours === 24 ? '0 0 * * *' : hours === 1 ? '0 * * * *' : `0 */${hours} * * *`;
}
