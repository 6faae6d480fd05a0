import { TZDate } from '@date-fns/tz';
import ical, { ICalEventRepeatingFreq, ICalEventStatus, ICalWeekday, type ICalCalendar, type ICalRepeatingOptions } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Meeting, Series } from './domain/model';
import { atLocal, weekdayOfMonth } from './domain/time';

/**
 * Calendar files (RFC 5545) of meetings, written with ical-generator: each series is one calendar entry with a
 * stable UID and the series' SEQUENCE (raised on every change), in local times of the group's time zone with a
 * VTIMEZONE block for it (Outlook shows TZID times without one an hour off), the rule of a series as RRULE,
 * cancelled meetings of a series as EXDATE, changed ones as their own VEVENT with RECURRENCE-ID, and a cancelled
 * series or single meeting with STATUS:CANCELLED. ical-generator writes CRLF line ends and folds lines at 75 octets.
 */

/** Where the calendar is written for: its name, the group's time zone and the UID's domain. */
export interface CalendarOptions {
  readonly name: string;
  readonly timezone: string;
  /** How often subscribers should refresh, in seconds. */
  readonly refreshSeconds?: number;
}

const WEEKDAYS = [ICalWeekday.SU, ICalWeekday.MO, ICalWeekday.TU, ICalWeekday.WE, ICalWeekday.TH, ICalWeekday.FR, ICalWeekday.SA] as const;

/** The stable UID of a series' calendar entry. */
export function calendarUid(series: Series): string {
  return `${series.id}@kuemmerer`;
}

/** A calendar holding these series (each with its meetings). */
export function calendarFile(entries: readonly { series: Series; meetings: readonly Meeting[] }[], options: CalendarOptions): string {
  const calendar = ical({ name: options.name, prodId: { company: 'Kuemmerer', product: 'Sitzungen', language: 'DE' }, ...(options.refreshSeconds ? { ttl: options.refreshSeconds } : {}) });
  // No calendar-wide time zone (DTSTAMP and UNTIL stay in UTC); each event names it, and its VTIMEZONE is written once.
  calendar.timezone({ name: null, generator: (zone: string) => tzlib_get_ical_block(zone)[0] ?? null });
  for (const entry of entries) addSeries(calendar, entry.series, entry.meetings, options.timezone);
  return calendar.toString();
}

function addSeries(calendar: ICalCalendar, series: Series, meetings: readonly Meeting[], timezone: string): void {
  const zoned = (at: Date) => new TZDate(at.getTime(), timezone);
  const common = { id: calendarUid(series), sequence: series.sequence, stamp: series.updatedAt, timezone };
  const details = (m: Pick<Meeting, 'title' | 'place' | 'link'>) => ({ summary: m.title, location: m.place || null, url: m.link || null, description: m.link || null });
  if (series.recurrence === 'none') {
    const meeting = meetings[0];
    if (!meeting) return;
    calendar.createEvent({ ...common, ...details(meeting), start: zoned(meeting.startAt), end: zoned(meeting.endAt), status: cancelled(series, meeting) ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED });
    return;
  }
  const first = atLocal(series.firstDate, series.startTime, timezone);
  const slotEnd = (slot: Date) => new Date(slot.getTime() + series.minutes * 60_000);
  const excluded = series.status === 'cancelled' ? [] : meetings.filter((m) => m.status === 'cancelled').map((m) => zoned(m.slotAt));
  calendar.createEvent({
    ...common,
    ...details(series),
    start: zoned(first),
    end: zoned(slotEnd(first)),
    repeating: { ...rule(series), until: zoned(atLocal(series.until, '23:59', timezone)), ...(excluded.length > 0 ? { exclude: excluded } : {}) },
    status: series.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  if (series.status === 'cancelled') return;
  for (const meeting of meetings) {
    const moved = meeting.startAt.getTime() !== meeting.slotAt.getTime() || meeting.endAt.getTime() !== slotEnd(meeting.slotAt).getTime();
    const changed = moved || meeting.title !== series.title || meeting.place !== series.place || meeting.link !== series.link;
    if (meeting.status === 'cancelled' || !changed) continue;
    calendar.createEvent({ ...common, ...details(meeting), recurrenceId: zoned(meeting.slotAt), start: zoned(meeting.startAt), end: zoned(meeting.endAt), status: ICalEventStatus.CONFIRMED });
  }
}

function cancelled(series: Series, meeting: Meeting): boolean {
  return series.status === 'cancelled' || meeting.status === 'cancelled';
}

/** The RRULE of a series without its end: weekly, every two weeks, or the same weekday of each month. */
function rule(series: Series): ICalRepeatingOptions {
  switch (series.recurrence) {
    case 'weekly':
      return { freq: ICalEventRepeatingFreq.WEEKLY };
    case 'biweekly':
      return { freq: ICalEventRepeatingFreq.WEEKLY, interval: 2 };
    default: {
      const { weekday, nth } = weekdayOfMonth(series.firstDate);
      return { freq: ICalEventRepeatingFreq.MONTHLY, byDay: [WEEKDAYS[weekday]!], bySetPos: [nth] };
    }
  }
}
