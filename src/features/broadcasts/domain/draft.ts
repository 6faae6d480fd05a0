import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { municipalityKey } from '../../../platform/directory/model';
import type { CardData } from '../../../platform/feature';
import { AUDIENCES, LIMITS, type Audience, type Broadcast, type BroadcastContent } from './model';

/** The inputs of the broadcast form, by their ids in `cards/broadcast-form.json`; `form` is the form as a whole. */
export type DraftField = 'title' | 'text' | 'audience' | 'municipalities' | 'linkTitle' | 'link' | 'ack' | 'sendAt' | 'form';

export type DraftErrorCode =
  | 'required'
  | 'tooLong'
  | 'invalidAudience'
  | 'audienceNotAllowed'
  | 'noMunicipality'
  | 'unknownMunicipality'
  | 'noRecipients'
  | 'noHomeChannel'
  | 'linkInvalid'
  | 'linkMissing'
  | 'ackInChannel'
  | 'sendAtInvalid'
  | 'sendAtDateMissing'
  | 'sendAtTimeMissing'
  | 'sendAtPast'
  | 'unknownDraft'
  | 'notYourDraft'
  | 'notADraft';

export interface DraftError {
  readonly code: DraftErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Errors next to the inputs (or of the whole form). */
export type DraftErrors = Partial<Record<DraftField, DraftError>>;

/** What the form shows: the values as the user gave them (shown again with the errors), or as stored. */
export interface DraftValues {
  readonly title: string;
  readonly text: string;
  /** An {@link Audience}, or whatever arrived. */
  readonly audience: string;
  readonly municipalities: readonly string[];
  readonly linkTitle: string;
  readonly link: string;
  readonly ack: boolean;
  /** `yyyy-MM-dd` as the date input sends it (other spellings with a time are accepted too), or ''. */
  readonly sendAtDate: string;
  /** `HH:mm` as the time input sends it, or ''. */
  readonly sendAtTime: string;
}

/** A draft's settings, checked. */
export interface DraftFields {
  readonly content: BroadcastContent;
  readonly audience: Audience;
  readonly municipalities: readonly string[];
  readonly ack: boolean;
  readonly sendAt?: Date;
}

/** What a draft is checked against. */
export interface DraftRules {
  readonly now: Date;
  readonly timezone: string;
  /** The municipalities of the directory, as named there. */
  readonly municipalities: readonly string[];
  /** The audiences this author may write to. */
  readonly audiences: readonly Audience[];
  /** Whether the group has a home channel (the `channel` audience needs one). */
  readonly hasHomeChannel: boolean;
}

export type DraftCheck = { readonly ok: true; readonly fields: DraftFields } | { readonly ok: false; readonly errors: DraftErrors };

export const EMPTY_VALUES: DraftValues = { title: '', text: '', audience: 'cdos', municipalities: [], linkTitle: '', link: '', ack: false, sendAtDate: '', sendAtTime: '' };

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/**
 * The form's values from a card submission (untrusted: anything may arrive). Teams sends every input as a
 * string; a multi-select as its values joined by commas; a toggle as its `valueOn` / `valueOff`.
 */
export function readValues(data: CardData): DraftValues {
  const municipalities = Array.isArray(data.municipalities) ? data.municipalities.map(text) : text(data.municipalities).split(',');
  return {
    title: text(data.title).trim(),
    // Trailing spaces and line ends only: leading spaces may indent Markdown.
    text: text(data.text).replace(/\s+$/, ''),
    audience: text(data.audience).trim(),
    municipalities: municipalities.map((m) => m.trim()).filter(Boolean),
    linkTitle: text(data.linkTitle).trim(),
    link: text(data.link).trim(),
    ack: data.ack === true || text(data.ack).toLowerCase() === 'true',
    sendAtDate: text(data.sendAt).trim(),
    sendAtTime: text(data.sendAtTime).trim(),
  };
}

/** The form's values of a stored draft. */
export function valuesOf(broadcast: Broadcast, timezone: string): DraftValues {
  const local = broadcast.sendAt && new TZDate(broadcast.sendAt.getTime(), timezone);
  return {
    ...broadcast.content,
    audience: broadcast.audience,
    municipalities: broadcast.municipalities,
    ack: broadcast.ack,
    sendAtDate: local ? format(local, 'yyyy-MM-dd') : '',
    sendAtTime: local ? format(local, 'HH:mm') : '',
  };
}

/** Checks the text inputs: the part of the form a correction changes. */
export function checkContent(values: DraftValues): { content: BroadcastContent; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const bounded = (field: 'title' | 'text' | 'linkTitle' | 'link', value: string, required: boolean) => {
    if (required && value.trim() === '') errors[field] = { code: 'required' };
    else if (value.length > LIMITS[field]) errors[field] = { code: 'tooLong', params: { max: LIMITS[field], length: value.length } };
  };
  bounded('title', values.title, true);
  bounded('text', values.text, true);
  bounded('linkTitle', values.linkTitle, false);
  bounded('link', values.link, false);
  if (!errors.link && values.link !== '' && !isWebAddress(values.link)) errors.link = { code: 'linkInvalid' };
  if (!errors.link && values.link === '' && values.linkTitle !== '') errors.link = { code: 'linkMissing' };
  return { content: { title: values.title, text: values.text, linkTitle: values.linkTitle, link: values.link }, errors };
}

/** Checks a whole draft against the rules; every problem is reported next to its input. */
export function checkDraft(values: DraftValues, rules: DraftRules): DraftCheck {
  const { content, errors } = checkContent(values);
  const audience = AUDIENCES.find((a) => a === values.audience);
  if (!audience) errors.audience = values.audience === '' ? { code: 'required' } : { code: 'invalidAudience' };
  else if (!rules.audiences.includes(audience)) errors.audience = { code: 'audienceNotAllowed' };
  else if (audience === 'channel' && !rules.hasHomeChannel) errors.audience = { code: 'noHomeChannel' };

  const known = new Map(rules.municipalities.map((name) => [municipalityKey(name), name]));
  const municipalities = [...new Set(values.municipalities.map((m) => known.get(municipalityKey(m)) ?? m))];
  if (audience === 'municipalities') {
    const unknown = municipalities.filter((m) => !known.has(municipalityKey(m)));
    if (municipalities.length === 0) errors.municipalities = { code: 'noMunicipality' };
    else if (unknown.length > 0) errors.municipalities = { code: 'unknownMunicipality', params: { names: unknown.join(', '), count: unknown.length } };
  }
  if (audience === 'channel' && values.ack) errors.ack = { code: 'ackInChannel' };

  const sendAt = parseSendAt(values.sendAtDate, values.sendAtTime, rules.timezone);
  if ('error' in sendAt) errors.sendAt = sendAt.error;
  else if (sendAt.at && sendAt.at.getTime() <= rules.now.getTime()) errors.sendAt = { code: 'sendAtPast' };

  if (Object.keys(errors).length > 0 || !audience || 'error' in sendAt) return { ok: false, errors };
  return {
    ok: true,
    fields: { content, audience, municipalities: audience === 'municipalities' ? municipalities : [], ack: values.ack, ...(sendAt.at ? { sendAt: sendAt.at } : {}) },
  };
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/;
const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::\d{2})?$/;

/**
 * The time to send at, local in `timezone`: the date input (`yyyy-MM-dd`, also with a time as `yyyy-MM-ddTHH:mm`
 * or `dd.MM.yyyy HH:mm`) and the time input (`HH:mm`, used when the date carries no time). Both empty: now.
 */
export function parseSendAt(dateText: string, timeText: string, timezone: string): { readonly at?: Date } | { readonly error: DraftError } {
  if (dateText === '' && timeText === '') return {};
  if (dateText === '') return { error: { code: 'sendAtDateMissing' } };
  const iso = ISO_DATE.exec(dateText);
  const german = GERMAN_DATE.exec(dateText);
  if (!iso && !german) return { error: { code: 'sendAtInvalid' } };
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]].map(Number) : [german![3], german![2], german![1]].map(Number);
  let clock: (string | undefined)[] = (iso ?? german)!.slice(4, 6);
  if (clock[0] === undefined) {
    if (timeText === '') return { error: { code: 'sendAtTimeMissing' } };
    const time = TIME.exec(timeText);
    if (!time) return { error: { code: 'sendAtInvalid' } };
    clock = time.slice(1, 3);
  }
  const [hour, minute] = clock.map(Number) as [number, number];
  const local = new TZDate(year!, month! - 1, day!, hour, minute, timezone);
  const exists = local.getFullYear() === year && local.getMonth() === month! - 1 && local.getDate() === day && hour < 24 && minute < 60;
  return exists ? { at: new Date(local.getTime()) } : { error: { code: 'sendAtInvalid' } };
}
