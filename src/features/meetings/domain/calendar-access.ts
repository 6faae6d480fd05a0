import { createHash, timingSafeEqual } from 'node:crypto';
import type { MeetingContext } from './context';
import { ID_PATTERN, type Meeting, type Series } from './model';

/**
 * Who may read calendar files: whoever has the link. Each series has its own secret key (its `.ics` link), and
 * the group's subscription feed has one; both are random, 256 bits, and compared in constant time. A wrong or
 * missing key is answered like an unknown series, so the answer says nothing about which ids exist. Rotating a
 * key makes every link with the old one stop working.
 */

/** A series with its meetings, as a calendar file shows it. */
export interface CalendarEntry {
  readonly series: Series;
  readonly meetings: readonly Meeting[];
}

/** True when `given` is `expected` (compared in constant time, whatever their lengths). */
function sameKey(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return expected !== '' && timingSafeEqual(digest(given), digest(expected));
}

/** The group's feed key, made the first time it is asked for. */
export async function feedKey(ctx: MeetingContext): Promise<string> {
  return (await ctx.repos.meetings.feedKey()) ?? ctx.repos.meetings.setFeedKey(ctx.newKey(), false);
}

/** A series' calendar when `key` is its key; undefined otherwise (unknown series, wrong key). */
export async function seriesCalendar(ctx: MeetingContext, seriesId: string, key: string): Promise<CalendarEntry | undefined> {
  if (!ID_PATTERN.test(seriesId)) return undefined;
  const series = await ctx.repos.meetings.series(seriesId);
  if (!series || !sameKey(key, series.value.calendarKey)) return undefined;
  return { series: series.value, meetings: (await ctx.repos.meetings.meetingsOf(seriesId)).map((m) => m.value) };
}

/** Every series of the group when `key` is the feed's key; undefined otherwise. */
export async function feedCalendar(ctx: MeetingContext, key: string): Promise<CalendarEntry[] | undefined> {
  const expected = await ctx.repos.meetings.feedKey();
  if (expected === undefined || !sameKey(key, expected)) return undefined;
  const { series, meetings } = await ctx.repos.meetings.everything();
  const first = (s: Series) => `${s.firstDate}T${s.startTime}|${s.id}`;
  return [...series].sort((a, b) => first(a).localeCompare(first(b))).map((s) => ({ series: s, meetings: meetings.filter((m) => m.seriesId === s.id) }));
}

/** A new feed key: links with the old one stop working. */
export async function rotateFeedKey(ctx: MeetingContext): Promise<string> {
  return ctx.repos.meetings.setFeedKey(ctx.newKey(), true);
}

/** A new key for a series' calendar link; undefined when there is no such series. */
export async function rotateSeriesKey(ctx: MeetingContext, seriesId: string): Promise<Series | undefined> {
  if (!ID_PATTERN.test(seriesId)) return undefined;
  for (;;) {
    const stored = await ctx.repos.meetings.series(seriesId);
    if (!stored) return undefined;
    const series = { ...stored.value, calendarKey: ctx.newKey() };
    if ((await ctx.repos.meetings.save({ series: { value: series, etag: stored.etag } })) === 'saved') return series;
  }
}
