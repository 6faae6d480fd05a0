import { compact } from '../../ask';
import { TREND_INPUTS, TREND_LIMITS, type TrendDraft, type TrendErrors, type TrendInput } from './model';

/** Card data as Teams delivers it: inputs merged in, usually as strings. Untrusted. */
export type CardData = Readonly<Record<string, unknown>>;

/** `#KI`, `#Bürgerservice`, `#E-Akte`: a hash sign and a word (letters, digits, `-`, `_`). */
const TAG = /(^|\s)#([\p{L}\p{N}][\p{L}\p{N}_-]*)/gu;
/** Something written as an address with a scheme (`https://…`, `ftp://…`, also in brackets): the note's link, if any. */
const LINK = /(^|[\s(<"„“'])([a-z][a-z0-9+.-]*:\/\/[^\s>"“”']+)/i;
/** A sentence ends after a word of two letters or more (not "z." or "B."), with `.`, `!` or `?`. */
const SENTENCE_END = /^(.*?[\p{L}\p{N})"“”»]{2}[.!?])(?:\s+|$)/u;

/**
 * A `Trend:` line as a draft: the first address is the link, `#words` are tags, the rest is the text, whose first
 * sentence (or its first 120 characters, cut at a word) becomes the title and the rest the summary. Checking the
 * draft is {@link checkDraft}'s job.
 */
export function parseTrendLine(text: string): TrendDraft {
  const tags = [...text.matchAll(TAG)].map((m) => m[2]!);
  let rest = text.replace(TAG, ' ');
  const link = trimLink(LINK.exec(rest)?.[2] ?? '');
  if (link) rest = rest.replace(link, ' ');
  const { title, summary } = splitTitle(rest.replace(/\(\s*\)/g, ' '));
  return { title, link, summary, tags, field: '' };
}

/** An address without the punctuation after it: a closing full stop, comma, or a bracket it did not open. */
function trimLink(link: string): string {
  let trimmed = link.replace(/[.,;:!?]+$/, '');
  while (trimmed.endsWith(')') && (trimmed.match(/\)/g) ?? []).length > (trimmed.match(/\(/g) ?? []).length) trimmed = trimmed.slice(0, -1).replace(/[.,;:!?]+$/, '');
  return trimmed;
}

/** The first sentence, or the first {@link TREND_LIMITS.lineTitle} characters cut at a word, and the rest. */
export function splitTitle(text: string): { title: string; summary: string } {
  const clean = text.replace(/\s+/g, ' ').replace(/ ([.,;:!?])/g, '$1').trim();
  const sentence = SENTENCE_END.exec(clean)?.[1];
  let title = sentence ?? clean;
  if (title.length > TREND_LIMITS.lineTitle) {
    const cut = title.lastIndexOf(' ', TREND_LIMITS.lineTitle);
    title = title.slice(0, cut > TREND_LIMITS.lineTitle / 2 ? cut : TREND_LIMITS.lineTitle);
  }
  return { title: title.trim(), summary: clean.slice(title.length).trim() };
}

/** Tags as typed on the card: separated by commas or spaces, a leading `#` dropped. */
export function parseTags(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((tag) => tag.replace(/^#+/, '').trim())
    .filter(Boolean);
}

/** The form's inputs as text; `undefined` for an input that is neither text nor missing (tampered data). */
function inputText(data: CardData, input: TrendInput): string | undefined {
  const raw = data[input];
  if (raw === undefined || raw === null) return '';
  return typeof raw === 'string' ? raw : undefined;
}

/** What the form card sent: the values to show again, and a draft. */
export function formDraft(data: CardData): { values: Record<TrendInput, string>; draft: TrendDraft; errors: TrendErrors } {
  const errors: TrendErrors = {};
  const values = {} as Record<TrendInput, string>;
  for (const input of TREND_INPUTS) {
    const value = inputText(data, input);
    if (value === undefined) errors[input] = { code: 'invalidType' };
    values[input] = value ?? '';
  }
  const draft = { title: values.title.replace(/\s+/g, ' ').trim(), link: values.link.trim(), summary: values.summary.trim(), tags: parseTags(values.tags), field: values.field.trim() };
  return { values, draft, errors };
}

/**
 * Checks a draft: an http(s) link or a title (or both), lengths, at most ten tags, a field of action the directory
 * knows (written as it is, up to case and umlauts). Returns the draft cleaned (tags without duplicates, the field as
 * the directory writes it) and an error per input; a draft with any error is not posted.
 */
export function checkDraft(draft: TrendDraft, fields: readonly string[], known: TrendErrors = {}): { draft: TrendDraft; errors: TrendErrors } {
  const errors: TrendErrors = { ...known };
  const set = (input: TrendInput, error: NonNullable<TrendErrors[TrendInput]>) => (errors[input] ??= error);
  if (draft.link) {
    if (draft.link.length > TREND_LIMITS.link) set('link', { code: 'linkTooLong', params: { max: TREND_LIMITS.link } });
    else if (!isHttpUrl(draft.link)) set('link', { code: 'linkNotHttp' });
  }
  if (!draft.link && !draft.title) set('title', { code: 'nothing' });
  if (draft.title.length > TREND_LIMITS.title) set('title', { code: 'titleTooLong', params: { max: TREND_LIMITS.title, length: draft.title.length } });
  if (draft.summary.length > TREND_LIMITS.summary) set('summary', { code: 'summaryTooLong', params: { max: TREND_LIMITS.summary, length: draft.summary.length } });
  const tags = uniqueTags(draft.tags);
  if (tags.length > TREND_LIMITS.tags) set('tags', { code: 'tooManyTags', params: { max: TREND_LIMITS.tags, count: tags.length } });
  const long = tags.find((t) => t.length > TREND_LIMITS.tag);
  if (long) set('tags', { code: 'tagTooLong', params: { max: TREND_LIMITS.tag, tag: long.slice(0, TREND_LIMITS.tag) } });
  let field = '';
  if (draft.field) {
    field = fields.find((f) => compact(f) === compact(draft.field)) ?? '';
    if (!field) set('field', { code: 'unknownField', params: { field: draft.field, fields: fields.join(', ') } });
  }
  return { draft: { ...draft, tags, field }, errors };
}

/** True for an absolute http or https address with a host. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Tags without duplicates (up to case and umlauts), in the order first written. */
function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = compact(tag);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
