import { parseNumber } from '../../../platform/directory/import';
import { isCoordinator, projectKey, type Person, type Project } from '../../../platform/directory/model';
import { words } from '../../ask';
import { findCall } from './calls';
import { mayChangeApplications, type FundingContext } from './context';
import { deadlineInstant } from './deadline';
import { matchProject, type ProjectMatch } from './matching';
import { APPLICATION_STATUSES, callKey, CALL_ID, LIMITS, MAX_AMOUNT, type Application, type ApplicationChange, type ApplicationStatus, type FundingCall } from './model';

/** Words for the statuses, German and English, folded (umlauts written out), as people write them in one line. */
const STATUS_WORDS: Readonly<Record<string, ApplicationStatus>> = {
  interesse: 'interest',
  interessiert: 'interest',
  interest: 'interest',
  interested: 'interest',
  vorbereitung: 'preparing',
  vorbereiten: 'preparing',
  preparing: 'preparing',
  preparation: 'preparing',
  eingereicht: 'submitted',
  beantragt: 'submitted',
  gestellt: 'submitted',
  submitted: 'submitted',
  bewilligt: 'approved',
  genehmigt: 'approved',
  zugesagt: 'approved',
  approved: 'approved',
  granted: 'approved',
  abgelehnt: 'rejected',
  rejected: 'rejected',
  declined: 'rejected',
  zurueckgezogen: 'withdrawn',
  withdrawn: 'withdrawn',
};

/** The status a folded word names, if any (`eingereicht`, `approved`, `in Vorbereitung`'s second word). */
export function statusOfWord(word: string): ApplicationStatus | undefined {
  return STATUS_WORDS[word];
}

/** What an owner, deputy or coordinator may do without further ado: the usual way forward, and amounts or a note within a status. */
const REGULAR: Readonly<Record<ApplicationStatus | '', readonly ApplicationStatus[]>> = {
  '': ['interest', 'preparing', 'submitted'],
  interest: ['interest', 'preparing', 'submitted', 'withdrawn'],
  preparing: ['preparing', 'submitted', 'withdrawn'],
  submitted: ['submitted', 'approved', 'rejected', 'withdrawn'],
  approved: ['approved'],
  rejected: ['rejected'],
  withdrawn: ['withdrawn'],
};

/**
 * Whether a status may follow another. Anything but the usual way (approved before submitted, back from a decision,
 * reopening a withdrawn application) is a correction: only coordinators may make it, and only with a note saying why.
 */
export function checkTransition(from: ApplicationStatus | '', to: ApplicationStatus, byCoordinator: boolean, withNote: boolean): 'ok' | 'coordinatorsOnly' | 'noteRequired' {
  if (REGULAR[from].includes(to)) return 'ok';
  if (!byCoordinator) return 'coordinatorsOnly';
  return withNote ? 'ok' : 'noteRequired';
}

/** A change asked for: a status, and amounts and a note when given (undefined: as stored). */
export interface ChangeRequest {
  readonly projectId: string;
  readonly callId: string;
  readonly status: ApplicationStatus;
  readonly appliedAmount?: number;
  readonly approvedAmount?: number;
  readonly note?: string;
}

/** A stored application with what it belongs to. */
export interface ApplicationView {
  readonly application: Application;
  readonly project: Project;
  readonly call: FundingCall;
}

export type ChangeResult =
  | ({ readonly kind: 'saved'; readonly previous: ApplicationStatus | ''; readonly unchanged: boolean } & ApplicationView)
  | { readonly kind: 'unknownProject' | 'unknownCall' }
  | { readonly kind: 'notAllowed'; readonly project: Project }
  | { readonly kind: 'noApplication'; readonly project: Project; readonly call: FundingCall }
  | { readonly kind: 'coordinatorsOnly' | 'noteRequired'; readonly project: Project; readonly from: ApplicationStatus | ''; readonly to: ApplicationStatus }
  | { readonly kind: 'conflict'; readonly project: Project }
  /** An amount below 0 or above ten billion, or a note longer than 500 characters (what a card would show next to its input). */
  | { readonly kind: 'invalidAmount' | 'noteTooLong' };

/**
 * Changes (or starts) an application. Owners, deputies and coordinators may; the status must follow the one before
 * (see {@link checkTransition}); an amount given applies to the status (approved: the amount approved, otherwise the
 * amount applied for); approving without an amount takes the amount applied for. The change is kept as history. An
 * application changed meanwhile by someone else is not overwritten (`conflict`). `mustExist`: a card's change
 * applies to the application the card showed; it does not start one.
 */
export async function changeApplication(ctx: FundingContext, actor: Person | undefined, request: ChangeRequest, mustExist = false): Promise<ChangeResult> {
  const amounts = [request.appliedAmount, request.approvedAmount].filter((a): a is number => a !== undefined);
  if (amounts.some((a) => !Number.isFinite(a) || a < 0 || a > MAX_AMOUNT)) return { kind: 'invalidAmount' };
  if ((request.note ?? '').length > LIMITS.note) return { kind: 'noteTooLong' };
  const project = (await ctx.directory.current()).project(request.projectId);
  if (!project) return { kind: 'unknownProject' };
  const call = await ctx.repos.fundingCalls.get(request.callId);
  if (!call) return { kind: 'unknownCall' };
  if (!mayChangeApplications(actor, project)) return { kind: 'notAllowed', project };
  const stored = await ctx.repos.applications.get(project.id, call.id);
  if (!stored && mustExist) return { kind: 'noApplication', project, call };
  const before = stored?.application;
  const from = before?.status ?? '';
  const note = request.note?.trim();
  const allowed = checkTransition(from, request.status, isCoordinator(actor), Boolean(note));
  if (allowed !== 'ok') return { kind: allowed, project, from, to: request.status };
  const appliedAmount = request.appliedAmount ?? before?.appliedAmount;
  const approvedAmount = request.approvedAmount ?? before?.approvedAmount ?? (request.status === 'approved' ? appliedAmount : undefined);
  const now = ctx.now();
  const application: Application = {
    projectId: project.id,
    callId: call.id,
    status: request.status,
    appliedAmount,
    approvedAmount,
    note: note ?? before?.note ?? '',
    revision: (before?.revision ?? 0) + 1,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
    updatedBy: actor.email,
  };
  if (before && before.status === application.status && before.appliedAmount === appliedAmount && before.approvedAmount === approvedAmount && before.note === application.note) {
    return { kind: 'saved', application: before, project, call, previous: from, unchanged: true };
  }
  const change: ApplicationChange = { id: ctx.newId(), revision: application.revision, projectId: project.id, callId: call.id, at: now, by: actor.email, from, to: application.status, appliedAmount, approvedAmount, note: application.note };
  if ((await ctx.repos.applications.save(application, change, stored?.version)) === 'conflict') return { kind: 'conflict', project };
  return { kind: 'saved', application, project, call, previous: from, unchanged: false };
}

// ---- cards ----

/** Card data as Teams delivers it (inputs merged in, as strings). Untrusted. */
type CardData = Readonly<Record<string, unknown>>;

const PROJECT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The project and call a card is about, when its data can name them. */
export function cardTarget(data: CardData): { projectId: string; callId: string } | undefined {
  const { projectId, callId } = data;
  if (typeof projectId !== 'string' || typeof callId !== 'string') return undefined;
  const project = projectKey(projectId);
  const call = callKey(callId);
  return PROJECT_ID.test(project) && CALL_ID.test(call) ? { projectId: project, callId: call } : undefined;
}

/** The inputs of the application card (`cards/funding-application.json`). */
export const APPLICATION_INPUTS = ['status', 'appliedAmount', 'approvedAmount', 'note'] as const;
export type ApplicationInput = (typeof APPLICATION_INPUTS)[number];
export type ApplicationErrorCode = 'required' | 'invalidChoice' | 'invalidNumber' | 'outOfRange' | 'tooLong';

/** The application card's inputs checked: the request, or errors next to the inputs and the values to show again. */
export type ApplicationInputs =
  | { readonly kind: 'valid'; readonly request: ChangeRequest }
  | { readonly kind: 'invalid'; readonly values: Readonly<Record<ApplicationInput, string>>; readonly errors: Partial<Record<ApplicationInput, ApplicationErrorCode>> };

/** Checks what the application card sent: a status, amounts from 0 to ten billion (written as people write them), a note of at most 500 characters. */
export function readApplicationInputs(target: { projectId: string; callId: string }, data: CardData): ApplicationInputs {
  const values = Object.fromEntries(APPLICATION_INPUTS.map((i) => [i, typeof data[i] === 'string' || typeof data[i] === 'number' ? String(data[i]).trim() : ''])) as Record<ApplicationInput, string>;
  const errors: Partial<Record<ApplicationInput, ApplicationErrorCode>> = {};
  if (!values.status) errors.status = 'required';
  else if (!(APPLICATION_STATUSES as readonly string[]).includes(values.status)) errors.status = 'invalidChoice';
  const amount = (input: 'appliedAmount' | 'approvedAmount'): number | undefined => {
    if (values[input] === '') return undefined;
    const value = parseNumber(values[input]);
    if (value === undefined) errors[input] = 'invalidNumber';
    else if (value < 0 || value > MAX_AMOUNT) errors[input] = 'outOfRange';
    return value;
  };
  const appliedAmount = amount('appliedAmount');
  const approvedAmount = amount('approvedAmount');
  if (values.note.length > LIMITS.note) errors.note = 'tooLong';
  if (Object.keys(errors).length > 0) return { kind: 'invalid', values, errors };
  return { kind: 'valid', request: { ...target, status: values.status as ApplicationStatus, appliedAmount, approvedAmount, note: values.note } };
}

/** An owner's projects on a call's card, each with what became of it. */
export interface OfferedProject {
  readonly match: ProjectMatch;
  readonly application: Application | undefined;
  readonly dismissed: boolean;
}

export type OfferAnswer =
  | { readonly kind: 'offer'; readonly call: FundingCall; readonly projects: readonly OfferedProject[]; readonly done: 'interest' | 'dismissed'; readonly project: Project }
  | { readonly kind: 'invalid' | 'unknownCall' | 'unknownProject' }
  | { readonly kind: 'notAllowed' | 'notMatching'; readonly project: Project };

/**
 * „Interesse“ (`funding.interest`) or „Passt nicht“ (`funding.dismiss`) on a call's card, for one project: an
 * application with status „Interesse“, or a note that the call does not fit (no further offers or reminders for
 * the project). Card data is checked: the project must fit the call and be the person's (owner, deputy or a
 * coordinator). Answers with the card's projects as they now stand (`projectIds`: the projects the card showed).
 */
export async function answerOffer(ctx: FundingContext, actor: Person | undefined, data: CardData, answer: 'interest' | 'dismissed'): Promise<OfferAnswer> {
  const target = cardTarget(data);
  if (!target) return { kind: 'invalid' };
  const directory = await ctx.directory.current();
  const project = directory.project(target.projectId);
  if (!project) return { kind: 'unknownProject' };
  const call = await ctx.repos.fundingCalls.get(target.callId);
  if (!call) return { kind: 'unknownCall' };
  if (!mayChangeApplications(actor, project)) return { kind: 'notAllowed', project };
  if (!matchProject(call, project)) return { kind: 'notMatching', project };
  if (answer === 'interest') {
    const stored = await ctx.repos.applications.get(project.id, call.id);
    if (!stored) {
      const result = await changeApplication(ctx, actor, { projectId: project.id, callId: call.id, status: 'interest' });
      if (result.kind !== 'saved' && result.kind !== 'conflict') return { kind: 'notAllowed', project };
    }
  } else {
    await ctx.repos.fundingCalls.dismiss({ callId: call.id, projectId: project.id, by: actor.email, at: ctx.now() });
  }
  const listed = typeof data.projectIds === 'string' ? data.projectIds.split(',').map(projectKey).filter((id) => PROJECT_ID.test(id)) : [];
  const ids = [...new Set([project.id, ...listed])].slice(0, 20);
  const dismissed = await ctx.repos.fundingCalls.dismissed(call.id);
  const projects: OfferedProject[] = [];
  for (const id of ids) {
    const p = directory.project(id);
    const match = p && matchProject(call, p);
    if (!p || !match) continue;
    projects.push({ match, application: (await ctx.repos.applications.get(p.id, call.id))?.application, dismissed: dismissed.has(p.id) });
  }
  projects.sort((a, b) => ids.indexOf(a.match.project.id) - ids.indexOf(b.match.project.id));
  return { kind: 'offer', call, projects, done: answer, project };
}

/** The application card of one project and call (`funding.open`, and after „Interesse“). */
export async function applicationOf(ctx: FundingContext, data: CardData): Promise<(ApplicationView & { readonly history: readonly ApplicationChange[] }) | undefined> {
  const target = cardTarget(data);
  if (!target) return undefined;
  const project = (await ctx.directory.current()).project(target.projectId);
  const call = await ctx.repos.fundingCalls.get(target.callId);
  const stored = project && call && (await ctx.repos.applications.get(project.id, call.id));
  if (!project || !call || !stored) return undefined;
  return { application: stored.application, project, call, history: await ctx.repos.applications.history(project.id, call.id, 5) };
}

// ---- one line ----

/** `Förderung E-Akte: eingereicht 120000 Bescheid folgt`, read: what names the application, the status, an amount, a note. */
export interface StatusLine {
  /** What names the application: a project, or a project and a call after a slash (`E-Akte / digitalpakt-2027`). */
  readonly target: string;
  readonly status: ApplicationStatus | undefined;
  /** What was written for the status, to quote it back when it is none. */
  readonly statusText: string;
  readonly amount: number | undefined;
  readonly note: string;
}

/** The first words of a status line that name the status (`in Vorbereitung`, `eingereicht`), and how many there are. */
function leadingStatus(parts: readonly string[]): { status: ApplicationStatus; length: number } | undefined {
  for (const length of [2, 1]) {
    const folded = words(parts.slice(0, length).join(' '));
    const last = folded[folded.length - 1];
    const status = last ? statusOfWord(last) : undefined;
    if (status && (length === 1 || ['in', 'im'].includes(folded[0]!))) return { status, length };
  }
  return undefined;
}

/** Reads what follows `Förderung`: the target before the colon, the status, an amount (with `€` or `EUR`) and a note after it. */
export function parseStatusLine(target: string, rest: string): StatusLine {
  const parts = rest.trim().split(/\s+/).filter(Boolean);
  const leading = leadingStatus(parts);
  let index = leading?.length ?? 1;
  let amount: number | undefined;
  const amountText = parts[index]?.replace(/(€|eur|euro)$/i, '');
  if (amountText && /\d/.test(amountText)) {
    amount = parseNumber(amountText);
    if (amount !== undefined) {
      index++;
      if (/^(€|eur|euro)$/i.test(parts[index] ?? '')) index++;
    }
  }
  return { target: target.trim(), status: leading?.status, statusText: parts.slice(0, leading?.length ?? 1).join(' '), amount, note: parts.slice(index).join(' ').replace(/^[-–:,]\s*/, '') };
}

export type LineResult =
  | ChangeResult
  | { readonly kind: 'unknownStatus'; readonly text: string }
  /** No application yet, and not exactly one open call the project fits: those it fits, to name one. */
  | { readonly kind: 'noApplicationYet'; readonly project: Project; readonly calls: readonly FundingCall[] }
  | { readonly kind: 'whichCall'; readonly project: Project; readonly calls: readonly FundingCall[] }
  | { readonly kind: 'projectNotFound'; readonly query: string };

/**
 * `Förderung E-Akte: eingereicht 120000`: the application of the project named (as Ask finds names), to the call
 * named after a slash (`Förderung E-Akte / digitalpakt-2027: Interesse`), or — without one — its only application
 * (or its only one still open). The amount is the
 * amount applied for, or approved with `bewilligt`; the rest of the line is the note.
 */
export async function changeByLine(ctx: FundingContext, actor: Person | undefined, line: StatusLine): Promise<LineResult> {
  if (!line.status) return { kind: 'unknownStatus', text: line.statusText };
  // A call after the last slash, if what follows it names one; otherwise the slash is part of the project's name.
  const slash = line.target.lastIndexOf('/');
  let call = slash > 0 ? await findCall(ctx, line.target.slice(slash + 1)) : undefined;
  const projectName = call ? line.target.slice(0, slash).trim() : line.target;
  const match = await ctx.lookup.find(projectName);
  if (match.kind !== 'found') return { kind: 'projectNotFound', query: projectName };
  const project = match.project;
  if (!call) {
    const applications = await ctx.repos.applications.forProject(project.id);
    const open = applications.filter((a) => !['approved', 'rejected', 'withdrawn'].includes(a.status));
    const only = applications.length === 1 ? applications[0] : open.length === 1 ? open[0] : undefined;
    if (applications.length === 0) {
      // The first line for a project: the one open call it fits is the one meant.
      const now = ctx.now().getTime();
      const fitting = (await ctx.repos.fundingCalls.list()).filter((c) => {
        const deadline = deadlineInstant(c.deadline, ctx.timing.timezone);
        return c.status === 'open' && (!deadline || deadline.getTime() > now) && matchProject(c, project);
      });
      if (fitting.length !== 1) return { kind: 'noApplicationYet', project, calls: fitting };
      call = fitting[0]!;
    } else if (!only) {
      const calls = await Promise.all(applications.map((a) => ctx.repos.fundingCalls.get(a.callId)));
      return { kind: 'whichCall', project, calls: calls.filter((c): c is FundingCall => c !== undefined) };
    } else {
      call = await ctx.repos.fundingCalls.get(only.callId);
      if (!call) return { kind: 'unknownCall' };
    }
  }
  const amount = line.amount === undefined ? {} : line.status === 'approved' ? { approvedAmount: line.amount } : { appliedAmount: line.amount };
  return changeApplication(ctx, actor, { projectId: project.id, callId: call.id, status: line.status, ...amount, ...(line.note ? { note: line.note } : {}) });
}
