import { NO_VALUES, type MeetingValues } from './form';
import { addDaysTo, isRealDate, localDate } from './time';

/**
 * A meeting in one line of text, German or English:
 * `Sitzung am 18.08.2026 14:00 Kreishaus Coesfeld`, `Sitzung am 18.8. um 14 Uhr bis 16 Uhr online https://…`,
 * `Sitzung morgen 9:30`, `meeting on 2026-08-18 14:00 at district hall`, `Sitzung am Dienstag 14–16 Uhr`.
 * The line is read into the form's values, which are checked like the form's (so an impossible date or a
 * missing time comes back as the form with the error next to the field).
 */

const PREFIX = String.raw`(?:(?:neue\s+)?(?:ag-?)?sitzung(?:\s+planen)?|(?:schedule|plan|new)\s+(?:a\s+)?meeting|meeting)`;
const MONTHS: Readonly<Record<string, number>> = {
  januar: 1, jan: 1, january: 1, februar: 2, feb: 2, february: 2, märz: 3, maerz: 3, mär: 3, mar: 3, march: 3, april: 4, apr: 4,
  mai: 5, may: 5, juni: 6, jun: 6, june: 6, juli: 7, jul: 7, july: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, october: 10, oct: 10, november: 11, nov: 11, dezember: 12, dez: 12, december: 12, dec: 12,
};
const MONTH = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const WEEKDAYS: Readonly<Record<string, number>> = {
  sonntag: 0, sunday: 0, montag: 1, monday: 1, dienstag: 2, tuesday: 2, mittwoch: 3, wednesday: 3,
  donnerstag: 4, thursday: 4, freitag: 5, friday: 5, samstag: 6, saturday: 6,
};
const RELATIVE: Readonly<Record<string, number>> = { heute: 0, today: 0, morgen: 1, tomorrow: 1, übermorgen: 2, uebermorgen: 2 };

/** The date forms, each with how many groups its pattern has and how it reads them. */
type Groups = readonly (string | undefined)[];
const DATES: readonly { pattern: string; groups: number; read(g: Groups): DateParts }[] = [
  { pattern: String.raw`(\d{4})-(\d{1,2})-(\d{1,2})`, groups: 3, read: (g) => ({ year: num(g[0]), month: num(g[1]), day: num(g[2]) }) },
  { pattern: String.raw`(\d{1,2})\.\s?(\d{1,2})\.(?:\s?(\d{4}|\d{2})\b)?`, groups: 3, read: (g) => ({ day: num(g[0]), month: num(g[1]), year: year(g[2]) }) },
  { pattern: String.raw`(\d{1,2})(?:\.|st|nd|rd|th)?\s+(${MONTH})\.?(?:\s+(\d{4}))?`, groups: 3, read: (g) => ({ day: num(g[0]), month: MONTHS[g[1]!.toLowerCase()]!, year: year(g[2]) }) },
  { pattern: String.raw`(${MONTH})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?`, groups: 3, read: (g) => ({ month: MONTHS[g[0]!.toLowerCase()]!, day: num(g[1]), year: year(g[2]) }) },
  { pattern: String.raw`(heute|morgen|übermorgen|uebermorgen|today|tomorrow)`, groups: 1, read: (g) => ({ relative: RELATIVE[g[0]!.toLowerCase()]! }) },
  { pattern: String.raw`(?:(?:nächsten|naechsten|kommenden|next)\s+)?(${Object.keys(WEEKDAYS).join('|')})`, groups: 1, read: (g) => ({ weekday: WEEKDAYS[g[0]!.toLowerCase()]! }) },
];

type DateParts = { day: number; month: number; year: number | undefined } | { relative: number } | { weekday: number };

const LINE = new RegExp(String.raw`^${PREFIX}\s+(?:(?:am|on|for|für|den)\s+)?(?:${DATES.map((d) => `(?:${d.pattern})`).join('|')})(?=$|[\s,;])`, 'i');
const TIME = String.raw`(\d{1,2})(?:[:.](\d{2}))?\s*(uhr|h|am|pm|a\.m\.|p\.m\.)?`;
const START = new RegExp(String.raw`^[\s,;]*(?:(um|ab|at|von|from)\s+)?${TIME}(?=$|[\s,;–—-])`, 'i');
const END = new RegExp(String.raw`^\s*(?:bis|to|until|till|-|–|—)\s*${TIME}(?=$|[\s,;])`, 'i');
const LINK = /(?:^|\s)([a-z][a-z0-9+.-]*:\/\/\S+)/i;

function num(text: string | undefined): number {
  return Number(text);
}

function year(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/** True when the text is a meeting in one line (a scheduling command followed by a date). */
export function isMeetingLine(text: string): boolean {
  return LINE.test(text.trim());
}

/** The form values a line describes; undefined when it is not a meeting line. */
export function parseMeetingLine(text: string, now: Date, timezone: string): MeetingValues | undefined {
  const line = text.trim();
  const match = LINE.exec(line);
  if (!match) return undefined;
  const date = dateOf(match, now, timezone);
  let rest = line.slice(match[0].length);

  let start = '';
  let end = '';
  const startMatch = START.exec(rest);
  const endMatch = startMatch ? END.exec(rest.slice(startMatch[0].length)) : null;
  // A bare number is a time only with a word that says so ("um 14", "14 Uhr", "14:00", "14–16 Uhr"); else it is part of the place.
  if (startMatch && (startMatch[1] || startMatch[3] || startMatch[4] || endMatch)) {
    rest = rest.slice(startMatch[0].length);
    const endSuffix = endMatch?.[3]?.toLowerCase().replace(/\./g, '');
    start = clock(startMatch[2]!, startMatch[3], startMatch[4]?.toLowerCase() ?? (endSuffix === 'am' || endSuffix === 'pm' ? endSuffix : undefined));
    if (endMatch) {
      end = clock(endMatch[1]!, endMatch[2], endSuffix);
      rest = rest.slice(endMatch[0].length);
    }
    rest = rest.replace(/^\s*uhr\b/i, '');
  }

  let link = '';
  const linkMatch = LINK.exec(rest);
  if (linkMatch) {
    link = linkMatch[1]!.replace(/[),.;]+$/, '');
    rest = rest.replace(linkMatch[1]!, ' ').replace(/(^|\s)online(?=\s|$)/i, ' ');
  }
  const place = rest
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:–—-]+|[\s,;.]+$/g, '')
    .replace(/^(?:(?:im|in|at|ort|place|location)\b:?|@)\s*/i, '')
    .trim();
  return { ...NO_VALUES, date, start, end, place, link };
}

/** A time of day as `HH:mm` from its hour, minutes and suffix (`pm` adds twelve hours); as written when it is none. */
function clock(hours: string, minutes: string | undefined, suffix: string | undefined): string {
  let h = Number(hours);
  const half = suffix?.replace(/\./g, '');
  if (half === 'pm' && h < 12) h += 12;
  if (half === 'am' && h === 12) h = 0;
  return `${String(h).padStart(2, '0')}:${minutes ?? '00'}`;
}

/** The local date a line names (`yyyy-MM-dd`; one that does not exist stays as written, for the error). */
function dateOf(match: RegExpExecArray, now: Date, timezone: string): string {
  const today = localDate(now, timezone);
  let group = 1;
  for (const form of DATES) {
    const groups = match.slice(group, group + form.groups);
    group += form.groups;
    if (groups.every((g) => g === undefined)) continue;
    const parts = form.read(groups);
    if ('relative' in parts) return addDaysTo(today, parts.relative);
    if ('weekday' in parts) {
      const todayWeekday = new Date(`${today}T00:00:00Z`).getUTCDay();
      return addDaysTo(today, ((parts.weekday - todayWeekday + 6) % 7) + 1);
    }
    const iso = (y: number) => `${String(y).padStart(4, '0')}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
    if (parts.year !== undefined) return iso(parts.year);
    // Without a year: the next such day (this year's, or next year's once it has passed).
    const thisYear = Number(today.slice(0, 4));
    for (let y = thisYear; y <= thisYear + 8; y++) if (isRealDate(iso(y)) && iso(y) >= today) return iso(y);
    return iso(thisYear);
  }
  return '';
}
