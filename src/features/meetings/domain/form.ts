import { LIMITS, RECURRENCES, type MeetingRules, type Recurrence } from './model';
import { atLocal, daysBetween, isRealDate, seriesDates } from './time';

/** The inputs of the meeting form, by their input ids in `cards/meeting-form.json`. */
export const MEETING_INPUTS = ['title', 'date', 'start', 'end', 'place', 'link', 'repeat', 'until'] as const;
export type MeetingInput = (typeof MEETING_INPUTS)[number];

/** What the form holds, as text (the date `yyyy-MM-dd`, times `HH:mm`, as Input.Date and Input.Time send them). */
export type MeetingValues = Readonly<Record<MeetingInput, string>>;

export type MeetingErrorCode =
  | 'required'
  | 'invalidDate'
  | 'pastDate'
  | 'invalidTime'
  | 'endBeforeStart'
  | 'tooLong'
  | 'notHttp'
  | 'invalidChoice'
  | 'untilBeforeDate'
  | 'seriesTooLong'
  | 'invalidType'
  | 'notAllowed'
  | 'unknownMeeting'
  | 'cancelled'
  | 'pastMeeting'
  | 'conflict';

export interface MeetingError {
  readonly code: MeetingErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Errors next to an input, or for the whole form (`form`: permission, unknown or cancelled meeting). */
export type MeetingErrors = Partial<Record<MeetingInput | 'form', MeetingError>>;

/** A meeting as the form describes it, checked. */
export interface CheckedMeeting {
  readonly title: string;
  readonly place: string;
  readonly link: string;
  /** Local date and start time. */
  readonly date: string;
  readonly startTime: string;
  readonly startAt: Date;
  readonly endAt: Date;
  readonly minutes: number;
  readonly recurrence: Recurrence;
  /** '' for a single meeting. */
  readonly until: string;
  /** The local dates of its meetings (one for a single meeting). */
  readonly dates: readonly string[];
}

/** Empty form values. */
export const NO_VALUES: MeetingValues = Object.freeze(Object.fromEntries(MEETING_INPUTS.map((input) => [input, ''])) as Record<MeetingInput, string>);

/** Card data as Teams delivers it: inputs merged in, usually as strings. */
export type CardData = Readonly<Record<string, unknown>>;

/** A value from card data as text; undefined when it is neither text, a number nor a boolean. */
export function textOf(data: CardData, key: string): string | undefined {
  const raw = data[key];
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return undefined;
}

/** A time as people write it (`9:30`, `14.00`, `14`) as `HH:mm`; undefined when it is none. */
export function normalizeTime(text: string): string | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** Reads the form's inputs out of card data; an input that is not text is an error next to it. */
export function valuesOf(data: CardData): { values: MeetingValues; errors: MeetingErrors } {
  const errors: MeetingErrors = {};
  const values = {} as Record<MeetingInput, string>;
  for (const input of MEETING_INPUTS) {
    const value = textOf(data, input);
    if (value === undefined) errors[input] = { code: 'invalidType' };
    values[input] = value ?? '';
  }
  return { values, errors };
}

/**
 * Checks a meeting as the form (or a line of text) describes it. `editing`: an existing meeting, whose
 * recurrence cannot change (the inputs `repeat` and `until` are not looked at). A time in the past, a date that
 * does not exist, an end before the start, a link that is not http(s), a series that ends before it starts or
 * runs longer than two years: each is an error next to its input.
 */
export function checkMeeting(input: MeetingValues, rules: MeetingRules, now: Date, editing: boolean, known: MeetingErrors = {}): { errors: MeetingErrors; meeting?: CheckedMeeting } {
  const errors: MeetingErrors = { ...known };
  const values = Object.fromEntries(MEETING_INPUTS.map((k) => [k, input[k].trim()])) as Record<MeetingInput, string>;
  const fail = (key: MeetingInput, code: MeetingErrorCode, params?: MeetingError['params']) => {
    if (!errors[key]) errors[key] = params ? { code, params } : { code };
  };

  const title = values.title === '' ? rules.defaultTitle : values.title;
  if (title.length > LIMITS.title) fail('title', 'tooLong', { max: LIMITS.title, length: title.length });
  if (values.place.length > LIMITS.place) fail('place', 'tooLong', { max: LIMITS.place, length: values.place.length });
  if (values.link.length > LIMITS.link) fail('link', 'tooLong', { max: LIMITS.link, length: values.link.length });
  else if (values.link !== '' && !isWebLink(values.link)) fail('link', 'notHttp', { link: values.link });

  if (values.date === '') fail('date', 'required');
  else if (!isRealDate(values.date)) fail('date', 'invalidDate', { date: values.date });
  const startTime = normalizeTime(values.start);
  if (values.start === '') fail('start', 'required');
  else if (!startTime) fail('start', 'invalidTime', { time: values.start });
  const endTime = values.end === '' ? undefined : normalizeTime(values.end);
  if (values.end !== '' && !endTime) fail('end', 'invalidTime', { time: values.end });

  let startAt: Date | undefined;
  let endAt: Date | undefined;
  if (!errors.date && startTime) {
    startAt = atLocal(values.date, startTime, rules.timezone);
    if (startAt.getTime() <= now.getTime()) fail('date', 'pastDate');
    if (endTime) {
      endAt = atLocal(values.date, endTime, rules.timezone);
      if (endAt.getTime() <= startAt.getTime()) fail('end', 'endBeforeStart');
    } else if (!errors.end) endAt = new Date(startAt.getTime() + rules.defaultMinutes * 60_000);
  }

  let recurrence: Recurrence = 'none';
  let until = '';
  if (!editing) {
    if (values.repeat !== '' && !(RECURRENCES as readonly string[]).includes(values.repeat)) fail('repeat', 'invalidChoice');
    else recurrence = (values.repeat || 'none') as Recurrence;
    if (recurrence !== 'none') {
      until = values.until;
      if (until === '') fail('until', 'required');
      else if (!isRealDate(until)) fail('until', 'invalidDate', { date: until });
      else if (!errors.date && values.date !== '' && until < values.date) fail('until', 'untilBeforeDate');
      else if (!errors.date && values.date !== '' && daysBetween(values.date, until) > LIMITS.seriesDays) fail('until', 'seriesTooLong', { max: LIMITS.seriesMeetings });
    }
  }
  if (Object.keys(errors).length > 0 || !startAt || !endAt || !startTime) return { errors };
  const dates = seriesDates(values.date, recurrence, until, LIMITS.seriesMeetings + 1);
  if (dates.length > LIMITS.seriesMeetings) return { errors: { until: { code: 'seriesTooLong', params: { max: LIMITS.seriesMeetings } } } };
  return {
    errors,
    meeting: {
      title,
      place: values.place,
      link: values.link,
      date: values.date,
      startTime,
      startAt,
      endAt,
      minutes: Math.round((endAt.getTime() - startAt.getTime()) / 60_000),
      recurrence,
      until,
      dates,
    },
  };
}

/** An absolute http(s) URL with a host. */
export function isWebLink(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !/\s/.test(text);
  } catch {
    return false;
  }
}
