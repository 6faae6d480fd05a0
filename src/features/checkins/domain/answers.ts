import type { Directory } from '../../../platform/directory/directory-cache';
import { PHASES, type Person, type Project } from '../../../platform/directory/model';
import { isCoordinator } from '../../../platform/directory/model';
import { personRef, type CheckinContext, type PersonRef } from './context';
import { answerSlot, HISTORY_SHOWN, isRoundOpen, TEXT_LIMIT, TRAFFIC_LIGHTS, type CheckinPrompt, type CheckinRound, type StatusAnswer, type StatusFields } from './model';
import type { ProjectCandidate } from '../../ask';
import type { SlotAnswer } from './repositories';

/** The inputs of the check-in form, by their input ids in `cards/checkin.json`. */
const STATUS_INPUTS = ['phase', 'light', 'progress', 'happened', 'next', 'blockers', 'funding'] as const;
export type StatusInput = (typeof STATUS_INPUTS)[number];
/** The free-text inputs of the form, in the order the form and the summaries show them. */
export const TEXT_INPUTS = ['happened', 'next', 'blockers', 'funding'] as const;
export type TextInput = (typeof TEXT_INPUTS)[number];

export type CheckinErrorCode =
  | 'required'
  | 'invalidChoice'
  | 'notANumber'
  | 'outOfRange'
  | 'tooLong'
  | 'invalidType'
  | 'unknownProject'
  | 'notAllowed'
  | 'roundClosed'
  | 'unknownRound'
  | 'nothingToCopy';

export interface CheckinError {
  readonly code: CheckinErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Errors next to an input, or for the whole form (`form`: project, permission, round). */
export type CheckinErrors = Partial<Record<StatusInput | 'form', CheckinError>>;

/** What the form shows: the values as text (the user's own input when returned with errors). */
export type CheckinValues = Readonly<Record<StatusInput, string>>;

/** The check-in form of one project: what to render, whether fresh, prefilled or returned with errors. */
export interface CheckinForm {
  readonly projectId: string;
  /** The project's title; its id when the project is unknown. */
  readonly projectTitle: string;
  /** The round answered, '' outside a round. */
  readonly roundId: string;
  /** Carried in the card's data; makes a double submit outside a round store one answer. */
  readonly token: string;
  /** When the round closes (undefined outside a round). */
  readonly closesAt: Date | undefined;
  /** The latest status, shown for context, and who gave it. */
  readonly latest: StatusAnswer | undefined;
  readonly latestAuthor: PersonRef | undefined;
  readonly values: CheckinValues;
  readonly errors: CheckinErrors;
}

/** A stored answer, as the summary card shows it. */
export interface SavedAnswer {
  readonly answer: StatusAnswer;
  readonly project: Project;
  readonly author: PersonRef;
  /** True when it replaced an earlier answer in the same slot (an edit or a double submit). */
  readonly replaced: boolean;
  /** True while it can still be edited (outside a round, or while the round is open). */
  readonly editable: boolean;
}

export type SubmitResult = { readonly kind: 'saved'; readonly saved: SavedAnswer } | { readonly kind: 'invalid'; readonly form: CheckinForm };
/** A project named by what was typed after a command, or by its id (a button of a choice card). */
export type ProjectQuery = string | { readonly id: string };

/** The commands that name a project; their names are the `intent` of the buttons of a project choice card. */
export const PROJECT_COMMANDS = ['report', 'status', 'history'] as const;
export type ProjectCommand = (typeof PROJECT_COMMANDS)[number];

/** A project picked on a choice card (`checkin.choose`), for the command whose name brought the card up. */
export interface ProjectChoice {
  readonly command: ProjectCommand;
  readonly id: string;
}

/**
 * Checks what a project choice card sent back: a command that names a project, kind `project` and an id that
 * can be ours. Card data comes from outside and may have been tampered with.
 */
export function parseProjectChoice(data: CardData): ProjectChoice | undefined {
  const { intent, kind, id } = data;
  if (typeof intent !== 'string' || !(PROJECT_COMMANDS as readonly string[]).includes(intent) || kind !== 'project') return undefined;
  if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH) return undefined;
  return { command: intent as ProjectCommand, id };
}

/** The name did not name one project: none (with suggestions, maybe) or several to choose from. */
export type ProjectNotFound =
  | { readonly kind: 'unknownProject'; readonly query: string; readonly suggestions: readonly ProjectCandidate[] }
  | { readonly kind: 'ambiguousProject'; readonly query: string; readonly candidates: readonly ProjectCandidate[] };

export type OpenFormResult = { readonly kind: 'form'; readonly form: CheckinForm } | { readonly kind: 'notAllowed'; readonly project: Project } | ProjectNotFound;
export type EditResult = SubmitResult | { readonly kind: 'form'; readonly form: CheckinForm };

/** Card data as Teams delivers it: inputs merged in, usually as strings. */
export type CardData = Readonly<Record<string, unknown>>;

const TOKEN = /^[A-Za-z0-9-]{8,64}$/;
/** Longer ids (of projects, rounds) than these cannot be ours; refused before they reach storage keys. */
export const MAX_ID_LENGTH = 64;

/** A value from card data as text; undefined when it is not text, a number or a boolean. */
function text(data: CardData, key: string): string | undefined {
  const raw = data[key];
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return undefined;
}

/**
 * Checks the inputs of a submitted form. Returns the values to show again and an error per input, and the
 * fields when all are valid.
 */
export function validateStatusInputs(data: CardData): { values: CheckinValues; errors: CheckinErrors; fields?: StatusFields } {
  const errors: CheckinErrors = {};
  const values = {} as Record<StatusInput, string>;
  for (const input of STATUS_INPUTS) {
    const value = text(data, input);
    if (value === undefined) errors[input] = { code: 'invalidType' };
    values[input] = value ?? '';
  }
  const choice = <T extends string>(input: StatusInput, allowed: readonly T[]): T | undefined => {
    if (errors[input]) return undefined;
    const value = values[input].trim().toLowerCase();
    if (value === '') errors[input] = { code: 'required' };
    else if (!allowed.includes(value as T)) errors[input] = { code: 'invalidChoice' };
    return errors[input] ? undefined : (value as T);
  };
  const phase = choice('phase', PHASES);
  const light = choice('light', TRAFFIC_LIGHTS);

  let progress: number | undefined;
  const rawProgress = values.progress.trim();
  if (!errors.progress && rawProgress !== '') {
    const n = Number(rawProgress.replace(',', '.'));
    if (!Number.isFinite(n) || !Number.isInteger(n)) errors.progress = { code: 'notANumber' };
    else if (n < 0 || n > 100) errors.progress = { code: 'outOfRange', params: { min: 0, max: 100 } };
    else progress = n;
  }
  for (const input of TEXT_INPUTS) {
    const length = values[input].trim().length;
    if (!errors[input] && length > TEXT_LIMIT) errors[input] = { code: 'tooLong', params: { max: TEXT_LIMIT, length } };
  }
  if (Object.keys(errors).length > 0 || !phase || !light) return { values, errors };
  const trimmed = (input: TextInput) => values[input].trim();
  return {
    values,
    errors,
    fields: { phase, light, progress, happened: trimmed('happened'), next: trimmed('next'), blockers: trimmed('blockers'), funding: trimmed('funding') },
  };
}

/** Owner, deputy and coordinators may report on a project. */
function mayReport(actor: Person | undefined, project: Project): actor is Person {
  return actor !== undefined && (actor.email === project.owner || actor.email === project.deputy || isCoordinator(actor));
}

/** Which project, round and slot a card action is about, and the first thing that forbids acting on it. */
interface Target {
  readonly projectId: string;
  readonly project: Project | undefined;
  readonly roundId: string;
  readonly token: string;
  readonly round: CheckinRound | undefined;
  /** The round's prompt for the project, read with the round; marked answered once the answer is stored. */
  readonly prompt: CheckinPrompt | undefined;
  readonly error: CheckinError | undefined;
}

async function resolveTarget(ctx: CheckinContext, actor: Person | undefined, data: CardData): Promise<Target> {
  const projectId = (text(data, 'projectId') ?? '').trim();
  const roundId = (text(data, 'roundId') ?? '').trim();
  const token = (text(data, 'token') ?? '').trim();
  const project = projectId && projectId.length <= MAX_ID_LENGTH ? await ctx.repos.projects.get(projectId) : undefined;
  // A token that cannot be ours is dropped (it is refused below when the answer would need it).
  const target = { projectId: projectId.slice(0, MAX_ID_LENGTH), project, roundId, token: TOKEN.test(token) ? token : '', round: undefined, prompt: undefined, error: undefined };
  if (!project) return { ...target, error: { code: 'unknownProject', params: { project: target.projectId } } };
  if (!mayReport(actor, project)) return { ...target, error: { code: 'notAllowed' } };
  if (!roundId) return target;
  if (roundId.length > MAX_ID_LENGTH) return { ...target, roundId: '', error: { code: 'unknownRound' } };
  const [round, prompt] = await Promise.all([ctx.repos.checkinRounds.get(roundId), ctx.repos.checkinRounds.prompt(roundId, project.id)]);
  if (!round || !prompt) return { ...target, error: { code: 'unknownRound' } };
  return { ...target, round, prompt, error: isRoundOpen(round, ctx.now()) ? undefined : { code: 'roundClosed' } };
}

/** What forbids answering with the card's data: the target's error, else a token that cannot be ours outside a round. */
function formErrorOf(target: Target): CheckinError | undefined {
  return target.error ?? (!target.roundId && !TOKEN.test(target.token) ? { code: 'invalidType' } : undefined);
}

function valuesOf(fields: StatusFields | undefined, project: Project | undefined): CheckinValues {
  return {
    phase: fields?.phase ?? project?.phase ?? '',
    light: fields?.light ?? '',
    progress: fields?.progress === undefined ? '' : String(fields.progress),
    happened: fields?.happened ?? '',
    next: fields?.next ?? '',
    blockers: fields?.blockers ?? '',
    funding: fields?.funding ?? '',
  };
}

/** The form's values from the answer already in its slot, else phase, light and progress from the latest status. */
function prefilled(given: SlotAnswer | undefined, latest: StatusAnswer | undefined, project: Project | undefined): CheckinValues {
  if (given) return valuesOf(given.answer, project);
  const values = valuesOf(undefined, project);
  return latest ? { ...values, phase: latest.phase, light: latest.light, progress: latest.progress === undefined ? '' : String(latest.progress) } : values;
}

/** The latest status of the target's project (undefined for an unknown project). */
async function latestOf(ctx: CheckinContext, target: Target): Promise<StatusAnswer | undefined> {
  return target.project ? ctx.repos.checkinAnswers.latest(target.project.id) : undefined;
}

/**
 * The status a form shows for context: the project's latest one, except when that is the very answer the form
 * edits (its round's or its token's) — then the one before it, so that an edit does not show itself as context.
 */
async function contextStatus(ctx: CheckinContext, target: Target, latest: StatusAnswer | undefined): Promise<StatusAnswer | undefined> {
  if (!latest || !target.project) return latest;
  const ownSlot = target.roundId ? latest.roundId === target.roundId : target.token !== '' && latest.token === target.token;
  if (!ownSlot) return latest;
  return (await ctx.repos.checkinAnswers.history(target.project.id, 2)).find((a) => a.id !== latest.id);
}

/** The form for a target; `latest` is the project's latest status, read by the caller (see {@link contextStatus}). */
async function formOf(ctx: CheckinContext, target: Target, values: CheckinValues, errors: CheckinErrors, latest: StatusAnswer | undefined): Promise<CheckinForm> {
  latest = await contextStatus(ctx, target, latest);
  return formWith(target, values, errors, latest, latest ? await personRef(ctx, latest.authorEmail) : undefined);
}

function formWith(target: Target, values: CheckinValues, errors: CheckinErrors, latest: StatusAnswer | undefined, latestAuthor: PersonRef | undefined): CheckinForm {
  return {
    projectId: target.project?.id ?? target.projectId,
    projectTitle: target.project?.title ?? target.projectId,
    roundId: target.roundId,
    token: target.token,
    closesAt: target.round?.closesAt,
    latest,
    latestAuthor,
    values,
    errors,
  };
}

/**
 * Fresh forms for a round's prompts that await an answer, to send as their cards: each prefilled from its
 * project's latest status (one point read each, in parallel), the authors named from the directory in memory. A
 * prompt that awaits an answer has none in the round's slot, so the slot is not read (an answer stored in the
 * moment between is the latest status too).
 */
export async function promptForms(ctx: CheckinContext, round: CheckinRound, projects: readonly Project[], directory: Directory): Promise<CheckinForm[]> {
  const latest = await Promise.all(projects.map((project) => ctx.repos.checkinAnswers.latest(project.id)));
  return projects.map((project, i) => {
    const target: Target = { projectId: project.id, project, roundId: round.id, token: ctx.newId(), round, prompt: undefined, error: undefined };
    const status = latest[i];
    const author = status && { email: status.authorEmail, name: directory.person(status.authorEmail)?.name ?? status.authorEmail };
    return formWith(target, prefilled(undefined, status, project), {}, status, author);
  });
}

/**
 * Stores an answer in its slot. A slot already filled (an edit, or the second click of a double submit) is
 * replaced, keeping the light it was compared with; a race between two submits is retried once as a replace.
 */
async function store(
  ctx: CheckinContext,
  target: Target & { project: Project },
  actor: Person,
  fields: (latest: StatusAnswer | undefined) => StatusFields,
  unchanged: boolean,
  sourceActivityId: string | undefined,
): Promise<SavedAnswer> {
  const slot = answerSlot(target.roundId, target.token);
  for (let attempt = 0; attempt < 2; attempt++) {
    const [existing, latest] = await Promise.all([ctx.repos.checkinAnswers.inSlot(target.project.id, slot), ctx.repos.checkinAnswers.latest(target.project.id)]);
    const answer: StatusAnswer = {
      id: ctx.newId(),
      projectId: target.project.id,
      roundId: target.roundId,
      token: target.token,
      authorEmail: actor.email,
      at: ctx.now(),
      ...fields(latest),
      previousLight: existing ? existing.answer.previousLight : (latest?.light ?? ''),
      unchanged,
    };
    if ((await ctx.repos.checkinAnswers.save(answer, existing)) === 'saved') {
      const saved: SavedAnswer = { answer, project: target.project, author: { email: actor.email, name: actor.name }, replaced: existing !== undefined, editable: true };
      if (target.prompt) await answeredInRound(ctx, target.prompt, saved, sourceActivityId);
      return saved;
    }
  }
  throw new Error(`could not store the check-in answer of ${target.project.id}: its slot kept changing`);
}

/**
 * A round answer is stored: its prompt is marked answered (reminders and "overdue" skip it) and its card
 * shows the answer in place of the form, wherever the answer was given.
 */
async function answeredInRound(ctx: CheckinContext, prompt: CheckinPrompt, saved: SavedAnswer, sourceActivityId: string | undefined): Promise<void> {
  if (!prompt.answeredAt) await ctx.repos.checkinRounds.updatePrompt(prompt.roundId, prompt.projectId, { answeredAt: saved.answer.at });
  await ctx.notifier?.showAnswered(prompt, saved, sourceActivityId);
}

/**
 * A report outside a round (a form opened before the round started) made while a round is open that asks
 * about the project counts as the round's answer: the person asked has answered.
 */
async function intoOpenRound(ctx: CheckinContext, target: Target): Promise<Target> {
  if (target.error || target.roundId || !target.project) return target;
  const open = await openRoundAsking(ctx, target.project.id);
  return open ? { ...target, roundId: open.round.id, ...open } : target;
}

/** The open round, with its prompt, when it asks about the project. */
async function openRoundAsking(ctx: CheckinContext, projectId: string): Promise<{ round: CheckinRound; prompt: CheckinPrompt } | undefined> {
  const { round } = await ctx.repos.checkinRounds.current();
  if (!round || !isRoundOpen(round, ctx.now())) return undefined;
  const prompt = await ctx.repos.checkinRounds.prompt(round.id, projectId);
  return prompt && { round, prompt };
}

/**
 * `checkin.submit`: validates the form and stores the answer, or returns the form with the errors.
 * `sourceActivityId`: the card the form was submitted from, if known.
 */
export async function submitStatus(ctx: CheckinContext, actor: Person | undefined, data: CardData, sourceActivityId?: string): Promise<SubmitResult> {
  const target = await intoOpenRound(ctx, await resolveTarget(ctx, actor, data));
  const checked = validateStatusInputs(data);
  const formError = formErrorOf(target);
  if (formError || !checked.fields || !target.project || !actor) {
    return { kind: 'invalid', form: await formOf(ctx, target, checked.values, { ...checked.errors, ...(formError ? { form: formError } : {}) }, await latestOf(ctx, target)) };
  }
  const fields = checked.fields;
  return { kind: 'saved', saved: await store(ctx, { ...target, project: target.project }, actor, () => fields, false, sourceActivityId) };
}

/** `checkin.unchanged`: copies the latest status as a new answer (new time, this round or report). */
export async function reportUnchanged(ctx: CheckinContext, actor: Person | undefined, data: CardData, sourceActivityId?: string): Promise<SubmitResult> {
  const target = await intoOpenRound(ctx, await resolveTarget(ctx, actor, data));
  const latest = await latestOf(ctx, target);
  const formError = formErrorOf(target) ?? (latest ? undefined : { code: 'nothingToCopy' });
  if (formError || !target.project || !actor || !latest) {
    return { kind: 'invalid', form: await formOf(ctx, target, valuesOf(latest, target.project), { form: formError ?? { code: 'nothingToCopy' } }, latest) };
  }
  const copy = (from: StatusAnswer | undefined): StatusFields => {
    const source = from ?? latest;
    return { phase: source.phase, light: source.light, progress: source.progress, happened: source.happened, next: source.next, blockers: source.blockers, funding: source.funding };
  };
  return { kind: 'saved', saved: await store(ctx, { ...target, project: target.project }, actor, copy, true, sourceActivityId) };
}

/**
 * The form for a project, for `Status melden X`: tied to the open round when the project is in it (and
 * prefilled with the answer already given there), else a report outside a round with a fresh token;
 * phase, light and progress prefilled from the latest status.
 */
export async function openStatusForm(ctx: CheckinContext, actor: Person | undefined, query: ProjectQuery): Promise<OpenFormResult> {
  const found = await findProject(ctx, query);
  return found.kind === 'found' ? formForProject(ctx, actor, found.project) : found;
}

/** Finds the project a command names (see {@link ProjectLookup}); by id for a choice made on a card. */
async function findProject(ctx: CheckinContext, query: ProjectQuery): Promise<{ readonly kind: 'found'; readonly project: Project } | ProjectNotFound> {
  if (typeof query !== 'string') {
    const project = query.id.length <= MAX_ID_LENGTH ? await ctx.repos.projects.get(query.id) : undefined;
    return project ? { kind: 'found', project } : { kind: 'unknownProject', query: query.id.slice(0, MAX_ID_LENGTH), suggestions: [] };
  }
  const match = await ctx.lookup.find(query);
  if (match.kind === 'found') return match;
  return match.kind === 'ambiguous' ? { kind: 'ambiguousProject', query, candidates: match.candidates } : { kind: 'unknownProject', query, suggestions: match.suggestions };
}

async function formForProject(ctx: CheckinContext, actor: Person | undefined, project: Project): Promise<OpenFormResult> {
  if (!mayReport(actor, project)) return { kind: 'notAllowed', project };
  const open = await openRoundAsking(ctx, project.id);
  return { kind: 'form', form: await freshForm(ctx, project, open?.round) };
}

/**
 * A new form for a project, in a round or outside one, with a fresh token: prefilled with the answer already
 * given in the round, else phase, light and progress from the latest status.
 */
export async function freshForm(ctx: CheckinContext, project: Project, round: CheckinRound | undefined): Promise<CheckinForm> {
  const roundId = round?.id ?? '';
  const token = ctx.newId();
  const target: Target = { projectId: project.id, project, roundId, token, round, prompt: undefined, error: undefined };
  const [given, latest] = await Promise.all([round ? ctx.repos.checkinAnswers.inSlot(project.id, answerSlot(roundId, token)) : undefined, ctx.repos.checkinAnswers.latest(project.id)]);
  return formOf(ctx, target, prefilled(given, latest, project), {}, latest);
}

/**
 * `checkin.edit`: the form again, prefilled with the answer in the card's slot. Without round and token
 * (the button under a project's status) it is the same as `Status melden`. Once the round is closed the
 * answer is shown read-only.
 */
export async function editStatus(ctx: CheckinContext, actor: Person | undefined, data: CardData): Promise<EditResult> {
  const target = await resolveTarget(ctx, actor, data);
  if (target.project && !target.error && !target.roundId && !target.token) {
    const opened = await formForProject(ctx, actor, target.project);
    if (opened.kind === 'form') return opened;
  }
  const slotAnswer: SlotAnswer | undefined = target.project && (target.roundId || TOKEN.test(target.token)) ? await ctx.repos.checkinAnswers.inSlot(target.project.id, answerSlot(target.roundId, target.token)) : undefined;
  if (target.error?.code === 'roundClosed' && slotAnswer && target.project) {
    return { kind: 'saved', saved: { answer: slotAnswer.answer, project: target.project, author: await personRef(ctx, slotAnswer.answer.authorEmail), replaced: false, editable: false } };
  }
  const latest = await latestOf(ctx, target);
  const formError = formErrorOf(target);
  if (formError) return { kind: 'invalid', form: await formOf(ctx, target, valuesOf(slotAnswer?.answer, target.project), { form: formError }, latest) };
  return { kind: 'form', form: await formOf(ctx, target, prefilled(slotAnswer, latest, target.project), {}, latest) };
}

/** A project's status history, newest first, with the authors' names. */
export interface ProjectHistory {
  readonly project: Project;
  readonly entries: readonly { readonly answer: StatusAnswer; readonly author: PersonRef }[];
}

export type ProjectQueryResult<T> = { readonly kind: 'found'; readonly value: T } | ProjectNotFound;

/** `Verlauf X`: the last five answers of a project. */
export async function projectHistory(ctx: CheckinContext, query: ProjectQuery, limit = HISTORY_SHOWN): Promise<ProjectQueryResult<ProjectHistory>> {
  const found = await findProject(ctx, query);
  if (found.kind !== 'found') return found;
  const { project } = found;
  const answers = await ctx.repos.checkinAnswers.history(project.id, limit);
  // A handful of answers by a few people: a point read per author, not the whole people table.
  const authors = new Map(await Promise.all([...new Set(answers.map((a) => a.authorEmail))].map(async (email) => [email, await personRef(ctx, email)] as const)));
  return { kind: 'found', value: { project, entries: answers.map((answer) => ({ answer, author: authors.get(answer.authorEmail)! })) } };
}

/** `Status X`: the latest status of a project (undefined `latest` when nobody has reported yet). */
export async function projectStatus(ctx: CheckinContext, query: ProjectQuery): Promise<ProjectQueryResult<{ project: Project; latest: StatusAnswer | undefined; author: PersonRef | undefined }>> {
  const found = await findProject(ctx, query);
  if (found.kind !== 'found') return found;
  const { project } = found;
  const latest = await ctx.repos.checkinAnswers.latest(project.id);
  return { kind: 'found', value: { project, latest, author: latest ? await personRef(ctx, latest.authorEmail) : undefined } };
}
