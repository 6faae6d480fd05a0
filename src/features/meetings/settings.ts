import type { PlatformConfig, Settings } from '../../platform/config';
import { isWebLink } from './domain/form';
import { LIMITS, type MeetingRules, type ReminderOffset } from './domain/model';

/** How meetings are planned and reminded (`MEETING_*`). */
export interface MeetingSettings {
  /** Reminders before each meeting, in the order configured; none with `MEETING_REMINDERS=off`. */
  readonly reminders: readonly ReminderOffset[];
  /** Length of a meeting scheduled without an end time. */
  readonly defaultMinutes: number;
  /** Title of a meeting scheduled without one. */
  readonly defaultTitle: string;
  /** Public address of the bot in calendar links ('' for the default, see {@link calendarBaseUrl}). */
  readonly calendarUrl: string;
}

const DEFAULT_REMINDERS = '7d,1d,1h';
const DEFAULT_TITLE = 'Sitzung der AG Digitalisierung';
/** Reminders reach at most this far ahead (a reminder 60 days before is a meeting planned long ago). */
const MAX_OFFSET_MINUTES = 60 * 24 * 60;

/**
 * Reads `MEETING_REMINDERS` as offsets: comma-separated numbers with a unit, `d` (days, at the same local time),
 * `h` or `m`, e.g. `7d,1d,1h`; `off` for none. Returns the offsets, or a problem naming what is wrong.
 */
export function parseReminderOffsets(text: string): ReminderOffset[] | string {
  if (text.toLowerCase() === 'off') return [];
  const offsets: ReminderOffset[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const match = /^(\d{1,5})([dhm])$/.exec(part);
    if (!match || Number(match[1]) === 0) return `"${part}" is not a number above 0 followed by d, h or m`;
    const offset: ReminderOffset = { label: `${Number(match[1])}${match[2]}`, amount: Number(match[1]), unit: match[2] as ReminderOffset['unit'] };
    if (offset.amount * { d: 1440, h: 60, m: 1 }[offset.unit] > MAX_OFFSET_MINUTES) return `"${part}" is more than 60 days`;
    if (offsets.some((o) => o.label === offset.label)) return `"${part}" is given twice`;
    offsets.push(offset);
  }
  return offsets;
}

/** Reads the meeting variables; problems go to `read`. */
export function meetingSettings(read: Settings): MeetingSettings {
  const rawReminders = read.value('MEETING_REMINDERS') || DEFAULT_REMINDERS;
  const reminders = parseReminderOffsets(rawReminders);
  if (typeof reminders === 'string') read.problem(`MEETING_REMINDERS must be offsets like "7d,1d,1h" (units d, h, m) or "off": ${reminders}`);
  const defaultTitle = read.value('MEETING_DEFAULT_TITLE') || DEFAULT_TITLE;
  if (defaultTitle.length > LIMITS.title) read.problem(`MEETING_DEFAULT_TITLE must be at most ${LIMITS.title} characters, got ${defaultTitle.length}`);
  const calendarUrl = read.value('MEETING_CALENDAR_URL').replace(/\/+$/, '');
  if (calendarUrl && (!isWebLink(calendarUrl) || /[?#]/.test(calendarUrl))) read.problem(`MEETING_CALENDAR_URL must be an http(s) address without query, e.g. "https://kuemmerer.example.org", got "${calendarUrl}"`);
  return Object.freeze({
    reminders: typeof reminders === 'string' ? [] : reminders,
    defaultMinutes: read.integer('MEETING_DEFAULT_MINUTES', 120, 5, 24 * 60),
    defaultTitle,
    calendarUrl,
  });
}

/** The rules of the domain: the settings and the group's time zone. */
export function meetingRules(settings: MeetingSettings, timezone: string): MeetingRules {
  const { reminders, defaultMinutes, defaultTitle } = settings;
  return { timezone, reminders, defaultMinutes, defaultTitle };
}

/**
 * Where calendar links point: `MEETING_CALENDAR_URL`, else `https://BOT_DOMAIN`, else the bot on this machine
 * (`http://127.0.0.1:PORT`, which is where it listens without an app id).
 */
export function calendarBaseUrl(settings: MeetingSettings, config: Pick<PlatformConfig, 'botDomain' | 'port'>): string {
  if (settings.calendarUrl) return settings.calendarUrl;
  return config.botDomain ? `https://${config.botDomain}` : `http://127.0.0.1:${config.port}`;
}
