import { isCoordinator, type Person } from '../../../platform/directory/model';
import { RowReader, rowReaders, type ImportProblem, type ImportResult, type ProblemCode, type TabularData } from '../../../platform/directory/import';
import { compact, fold } from '../../ask';
import type { FundingContext } from './context';
import { DEADLINE_FORMATS, deadlineInstant, deadlineText, parseDeadline, sameDeadline } from './deadline';
import { fieldsOf, matchProjects } from './matching';
import { CALL_ID, callKey, LEVELS, LIMITS, MAX_AMOUNT, type CallContent, type CallSource, type FundingCall, type Level } from './model';
import { scheduleProcessing } from './radar';

/** The columns of a file of funding calls, in the order an export writes them. */
export const CALL_COLUMNS = ['id', 'title', 'programme', 'funder', 'level', 'deadline', 'link', 'fields', 'eligible', 'rate', 'max_amount', 'summary', 'keywords'] as const;
export type CallColumn = (typeof CALL_COLUMNS)[number];

/** German and English words accepted for the levels, besides their codes. */
const LEVEL_WORDS: Readonly<Record<string, Level>> = {
  bundesebene: 'bund',
  federal: 'bund',
  national: 'bund',
  nrw: 'land',
  'land nrw': 'land',
  landesebene: 'land',
  state: 'land',
  europa: 'eu',
  'europäische union': 'eu',
  european: 'eu',
  sonstige: 'other',
  sonstiges: 'other',
  andere: 'other',
};

/** What checking a call needs to know: the directory's fields of action, the stored calls, now. */
interface CallCheck {
  readonly fields: readonly string[];
  readonly existing: ReadonlyMap<string, FundingCall>;
  readonly now: Date;
  readonly timezone: string;
}

/**
 * Reads one call from a row (of a file, or of a card's inputs under the same names), reporting what is wrong by
 * column: an id that cannot be one, no title, an unknown level or field of action, a deadline that is no date or
 * (for a new call, or a deadline changed) is past, a link that is not http(s), a rate outside 0–100, a negative
 * amount, texts too long.
 */
function readCall(r: RowReader, check: CallCheck): CallContent {
  const idText = r.text('id', { required: true, max: LIMITS.id });
  const id = callKey(idText);
  if (id && !CALL_ID.test(id)) r.problem('id', 'invalidId', { value: idText });
  const title = r.text('title', { required: true, max: LIMITS.title });
  const programme = r.text('programme', { max: LIMITS.programme });
  const funder = r.text('funder', { max: LIMITS.funder });
  const levelText = r.text('level', { required: true, max: 40 });
  const level = levelText ? r.choice('level', levelText, LEVELS, LEVEL_WORDS) : undefined;
  const deadlineRaw = r.text('deadline', { required: true, max: 40 });
  const deadline = deadlineRaw ? parseDeadline(deadlineRaw) : undefined;
  if (deadlineRaw && !deadline) r.problem('deadline', 'invalidDate', { value: deadlineRaw, expected: DEADLINE_FORMATS });
  if (deadline) {
    const before = check.existing.get(id);
    const instant = deadlineInstant(deadline, check.timezone);
    if (instant && instant.getTime() <= check.now.getTime() && !(before && sameDeadline(before.deadline, deadline))) r.problem('deadline', 'pastDate', { value: deadlineRaw });
  }
  const link = r.url('link');
  const fields = r.list('fields', 100).map((field) => {
    const known = check.fields.find((f) => compact(f) === compact(field));
    if (!known) r.problem('fields', 'unknownFieldOfAction', { value: field, known: check.fields.join(', ') });
    return known ?? field;
  });
  const eligible = r.text('eligible', { max: LIMITS.eligible });
  const rate = r.number('rate', { min: 0, max: 100, units: ['%'] });
  const maxAmount = r.number('max_amount', { min: 0, max: MAX_AMOUNT, units: ['€', 'EUR', 'Euro'] });
  const summary = r.text('summary', { max: LIMITS.summary });
  const keywords = r.list('keywords', LIMITS.keyword);
  return { id, title, programme, funder, level: level ?? 'other', deadline: deadline ?? { kind: 'rolling' }, link, fields: [...new Set(fields)], eligible, rate, maxAmount, summary, keywords };
}

async function callCheck(ctx: FundingContext): Promise<CallCheck> {
  const [directory, calls] = await Promise.all([ctx.directory.current(), ctx.repos.fundingCalls.list()]);
  return { fields: fieldsOf(directory.projects), existing: new Map(calls.map((c) => [c.id, c])), now: ctx.now(), timezone: ctx.timing.timezone };
}

/** How many calls a change created, updated and left as they were. */
export interface StoreCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
}

function sameContent(a: CallContent, b: CallContent): boolean {
  const plain = (c: CallContent) => JSON.stringify([c.id, c.title, c.programme, c.funder, c.level, deadlineText(c.deadline), c.link, c.fields, c.eligible, c.rate ?? null, c.maxAmount ?? null, c.summary, c.keywords]);
  return plain(a) === plain(b);
}

/**
 * Stores calls: new ones open with revision 1, changed ones with the next revision, the same ones untouched. A call
 * created or changed gets a `funding.call` job at once, which matches it against the projects, offers it to their
 * owners and plans its reminders in the bot (the command line stores the job, the bot's scheduler runs it). A
 * withdrawn call stays withdrawn. Nothing is written on a dry run.
 */
export async function storeCalls(
  ctx: FundingContext,
  contents: readonly CallContent[],
  options: { readonly source: CallSource; readonly by: string; readonly dryRun: boolean; readonly existing: ReadonlyMap<string, FundingCall> },
): Promise<StoreCounts & { readonly changed: readonly FundingCall[] }> {
  const now = ctx.now();
  const changed: FundingCall[] = [];
  let created = 0;
  let unchanged = 0;
  for (const content of contents) {
    const before = options.existing.get(content.id);
    if (before && sameContent(before, content)) {
      unchanged++;
      continue;
    }
    if (!before) created++;
    changed.push(
      before
        ? { ...before, ...content, revision: before.revision + 1, updatedAt: now, updatedBy: options.by }
        : { ...content, source: options.source, status: 'open', revision: 1, updatedAt: now, updatedBy: options.by },
    );
  }
  if (!options.dryRun && changed.length > 0) {
    await ctx.repos.fundingCalls.upsert(changed);
    for (const call of changed) await scheduleProcessing(ctx, call);
  }
  return { created, updated: changed.length - created, unchanged, changed };
}

/**
 * `npm run cli -- import funding FILE`: every row is checked first (columns, values, ids unique in the file); if
 * anything is wrong nothing is stored and every problem is returned by row and column, as the directory's import
 * reports them. Otherwise the calls are stored by id (see {@link storeCalls}).
 */
export async function importCalls(ctx: FundingContext, data: TabularData, options: { readonly dryRun: boolean }): Promise<ImportResult> {
  const problems: ImportProblem[] = [];
  const readers = rowReaders(data, CALL_COLUMNS, problems);
  if (!readers) return { ok: false, problems };
  const check = await callCheck(ctx);
  const contents: CallContent[] = [];
  const firstRow = new Map<string, number>();
  for (const { row, reader } of readers) {
    const content = readCall(reader, check);
    const first = firstRow.get(content.id);
    if (content.id && first !== undefined) reader.problem('id', 'duplicate', { value: content.id, firstRow: first });
    else firstRow.set(content.id, row);
    contents.push(content);
  }
  if (problems.length > 0) return { ok: false, problems };
  const counts = await storeCalls(ctx, contents, { source: 'import', by: 'import', dryRun: options.dryRun, existing: check.existing });
  return { ok: true, dryRun: options.dryRun, created: counts.created, updated: counts.updated, unchanged: counts.unchanged };
}

/** Every call as a row of {@link CALL_COLUMNS}, by id: what an import reads back unchanged. */
export async function exportCalls(ctx: Pick<FundingContext, 'repos'>): Promise<Record<string, string | string[]>[]> {
  const calls = (await ctx.repos.fundingCalls.list()).sort((a, b) => a.id.localeCompare(b.id));
  return calls.map((c) => ({
    id: c.id,
    title: c.title,
    programme: c.programme,
    funder: c.funder,
    level: c.level,
    deadline: deadlineText(c.deadline),
    link: c.link,
    fields: [...c.fields],
    eligible: c.eligible,
    rate: c.rate === undefined ? '' : String(c.rate),
    max_amount: c.maxAmount === undefined ? '' : String(c.maxAmount),
    summary: c.summary,
    keywords: [...c.keywords],
  }));
}

// ---- the card ----

/** The inputs of the call form (`cards/funding-form.json`); the file's columns, with the deadline split in date, time and „laufend“. */
export const FORM_INPUTS = ['title', 'programme', 'funder', 'level', 'deadlineDate', 'deadlineTime', 'rolling', 'link', 'fields', 'eligible', 'rate', 'max_amount', 'summary', 'keywords'] as const;
export type FormInput = (typeof FORM_INPUTS)[number];

/** A problem next to an input, or for the whole form. */
export interface FormError {
  readonly code: ProblemCode | 'unknownCall';
  readonly params: Readonly<Record<string, string | number>>;
}

/** The call form: fresh, filled in from a stored call, or returned with errors next to the inputs. */
export interface CallForm {
  /** The call edited; '' for a new one. */
  readonly callId: string;
  readonly values: Readonly<Record<FormInput, string>>;
  readonly errors: Partial<Record<FormInput | 'form', FormError>>;
  /** The directory's fields of action, to choose from. */
  readonly knownFields: readonly string[];
}

export type CallFormResult = { readonly kind: 'form'; readonly form: CallForm } | { readonly kind: 'notAllowed' } | { readonly kind: 'unknownCall'; readonly query: string };
export type SaveCallResult =
  | { readonly kind: 'saved'; readonly call: FundingCall; readonly created: boolean; readonly matching: number }
  | { readonly kind: 'invalid'; readonly form: CallForm }
  | { readonly kind: 'notAllowed' };

const EMPTY_VALUES = Object.fromEntries(FORM_INPUTS.map((i) => [i, ''])) as Record<FormInput, string>;

/** A stored call as the form shows it. */
function formValues(call: FundingCall): Record<FormInput, string> {
  return {
    title: call.title,
    programme: call.programme,
    funder: call.funder,
    level: call.level,
    deadlineDate: call.deadline.kind === 'date' ? call.deadline.date : '',
    deadlineTime: call.deadline.kind === 'date' ? call.deadline.time : '',
    rolling: call.deadline.kind === 'rolling' ? 'true' : 'false',
    link: call.link,
    fields: call.fields.join(','),
    eligible: call.eligible,
    rate: call.rate === undefined ? '' : String(call.rate),
    max_amount: call.maxAmount === undefined ? '' : String(call.maxAmount),
    summary: call.summary,
    keywords: call.keywords.join('; '),
  };
}

/** `Förderaufruf erfassen` (no query) or `Förderaufruf ändern X`: the form, for coordinators. */
export async function openCallForm(ctx: FundingContext, actor: Person | undefined, query?: string): Promise<CallFormResult> {
  if (!isCoordinator(actor)) return { kind: 'notAllowed' };
  const knownFields = fieldsOf((await ctx.directory.current()).projects);
  if (query === undefined) return { kind: 'form', form: { callId: '', values: { ...EMPTY_VALUES, rolling: 'false' }, errors: {}, knownFields } };
  const call = await findCall(ctx, query);
  if (!call) return { kind: 'unknownCall', query };
  return { kind: 'form', form: { callId: call.id, values: formValues(call), errors: {}, knownFields } };
}

/** Where a problem of a column shows on the form. */
function inputOf(column: string): FormInput | 'form' {
  if (column === 'deadline') return 'deadlineDate';
  return (FORM_INPUTS as readonly string[]).includes(column) ? (column as FormInput) : 'form';
}

/** A value of card data as text ('' for anything that is not text, a number or a boolean). */
function cardText(data: Readonly<Record<string, unknown>>, key: string): string {
  const value = data[key];
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/** An id for a new call from its title: `digitalpakt-schule-2027`, with `-2`, `-3` … when taken. */
function newCallId(title: string, existing: ReadonlyMap<string, FundingCall>): string {
  const base = fold(title).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56).replace(/-+$/, '') || 'aufruf';
  let id = base;
  for (let n = 2; existing.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * `funding.save`: the form submitted by a coordinator. Checked like a row of a file (the same rules and
 * messages, each next to its input); stored as a new call or a change of the call the form was opened for.
 */
export async function saveCallFromCard(ctx: FundingContext, actor: Person | undefined, data: Readonly<Record<string, unknown>>): Promise<SaveCallResult> {
  if (!isCoordinator(actor)) return { kind: 'notAllowed' };
  const check = await callCheck(ctx);
  const values = Object.fromEntries(FORM_INPUTS.map((i) => [i, cardText(data, i)])) as Record<FormInput, string>;
  const callId = callKey(cardText(data, 'callId'));
  const form = (errors: CallForm['errors']): SaveCallResult => ({ kind: 'invalid', form: { callId, values, errors, knownFields: check.fields } });
  if (callId && !check.existing.has(callId)) return form({ form: { code: 'unknownCall', params: { value: callId } } });
  const rolling = values.rolling === 'true';
  const cells: Record<string, unknown> = {
    id: callId || newCallId(values.title, check.existing),
    title: values.title,
    programme: values.programme,
    funder: values.funder,
    level: values.level,
    deadline: rolling ? 'laufend' : `${values.deadlineDate} ${values.deadlineTime}`.trim(),
    link: values.link,
    // A multi-select answers with its values separated by commas.
    fields: values.fields.split(',').join(';'),
    eligible: values.eligible,
    rate: values.rate,
    max_amount: values.max_amount,
    summary: values.summary,
    keywords: values.keywords.split(/[;,]/).join(';'),
  };
  const problems: ImportProblem[] = [];
  const content = readCall(new RowReader(0, cells, problems), check);
  if (problems.length > 0) {
    const errors: Partial<Record<FormInput | 'form', FormError>> = {};
    for (const p of problems) errors[inputOf(p.column)] ??= { code: p.code, params: p.params };
    return form(errors);
  }
  const before = check.existing.get(content.id);
  // What the form does not show stays as it was (an EU call edited keeps where it came from).
  await storeCalls(ctx, [content], { source: 'card', by: actor.email, dryRun: false, existing: check.existing });
  const call = (await ctx.repos.fundingCalls.get(content.id))!;
  const directory = await ctx.directory.current();
  return { kind: 'saved', call, created: !before, matching: matchProjects(call, directory.projects).length };
}

export type WithdrawResult = { readonly kind: 'withdrawn' | 'alreadyWithdrawn'; readonly call: FundingCall } | { readonly kind: 'unknownCall' } | { readonly kind: 'notAllowed' };

/**
 * Withdraws a call (a coordinator's button, or `npm run cli -- funding withdraw ID`): its reminders are removed and
 * its thread in the home channel says so (by the `funding.call` job). `actor` undefined: the command line.
 */
export async function withdrawCall(ctx: FundingContext, actor: Person | undefined | 'cli', id: string): Promise<WithdrawResult> {
  if (actor !== 'cli' && !isCoordinator(actor)) return { kind: 'notAllowed' };
  const call = await ctx.repos.fundingCalls.get(callKey(id));
  if (!call) return { kind: 'unknownCall' };
  if (call.status === 'withdrawn') return { kind: 'alreadyWithdrawn', call };
  const withdrawn: FundingCall = { ...call, status: 'withdrawn', revision: call.revision + 1, updatedAt: ctx.now(), updatedBy: actor === 'cli' ? 'cli' : actor.email };
  await ctx.repos.fundingCalls.upsert([withdrawn]);
  await scheduleProcessing(ctx, withdrawn);
  return { kind: 'withdrawn', call: withdrawn };
}

/** A call named by its id or title (case, umlauts and punctuation aside), or the one title that starts with what was written. */
export async function findCall(ctx: Pick<FundingContext, 'repos'>, query: string): Promise<FundingCall | undefined> {
  const calls = await ctx.repos.fundingCalls.list();
  const wanted = compact(query);
  if (!wanted) return undefined;
  const exact = calls.find((c) => c.id === callKey(query) || compact(c.id) === wanted || compact(c.title) === wanted);
  if (exact) return exact;
  const partial = calls.filter((c) => compact(c.title).includes(wanted));
  return partial.length === 1 ? partial[0] : undefined;
}
