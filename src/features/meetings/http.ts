import type { Request, Response } from 'restify';
import type { HttpRoute } from '../../platform/feature';
import { calendarFile, type CalendarOptions } from './calendar';
import type { CalendarEntry } from './domain/calendar-access';
import type { MeetingService } from './domain/service';

/** How often a subscribed calendar should look for changes. */
const FEED_REFRESH_SECONDS = 3600;

/** The `key` of a request's query string ('' when there is none). */
function keyOf(request: Request): string {
  return new URLSearchParams(request.getQuery() ?? '').get('key') ?? '';
}

function send(response: Response, status: number, body: string, headers: Record<string, string>): void {
  response.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store', ...headers });
  response.end(body);
}

/** 404 for everything that is not a calendar the key opens: unknown, malformed, no key, wrong key alike. */
function notFound(response: Response): void {
  send(response, 404, 'Not found\n', { 'content-type': 'text/plain; charset=utf-8' });
}

function calendar(response: Response, entries: readonly CalendarEntry[], options: CalendarOptions, filename: string): void {
  send(response, 200, calendarFile(entries, options), { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `inline; filename="${filename}"` });
}

/**
 * The calendar files on the bot's server: `GET /meetings/{series id}.ics?key=…` (a meeting or series, to add to
 * a calendar) and `GET /calendar.ics?key=…` (all meetings of the group, to subscribe to: Outlook "subscribe from
 * web", Google Calendar "from URL"; changes reach subscribers at their next refresh, by UID and SEQUENCE).
 */
export function calendarRoutes(meetings: MeetingService, options: Omit<CalendarOptions, 'refreshSeconds'>): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: '/meetings/:file',
      async handle(request, response) {
        const match = /^([a-z0-9]{1,64})\.ics$/.exec(String(request.params?.file ?? ''));
        const entry = match ? await meetings.seriesCalendar(match[1]!, keyOf(request)) : undefined;
        if (!entry) return notFound(response);
        calendar(response, [entry], options, `meeting-${entry.series.firstDate}.ics`);
      },
    },
    {
      method: 'GET',
      path: '/calendar.ics',
      async handle(request, response) {
        const entries = await meetings.feedCalendar(keyOf(request));
        if (!entries) return notFound(response);
        calendar(response, entries, { ...options, refreshSeconds: FEED_REFRESH_SECONDS }, 'calendar.ics');
      },
    },
  ];
}
