import type { Person, Project } from '../../../platform/directory/model';
import { promptForms } from './answers';
import type { Directory } from '../../../platform/directory/directory-cache';
import type { PromptToSend } from './notifier';
import { isCoordinator } from '../../../platform/directory/model';
import { peopleIndex, type CheckinContext } from './context';
import { buildDigest, type RoundDigest } from './digest';
import { answerSlot, awaitsAnswer, isRoundOpen, roundIdTime, type Absence, type CheckinPrompt, type CheckinRound, type PromptDelivery, type RoundStarter } from './model';
import { workingCalendar } from './holidays';
import { addWorkingDays, atLocalTime, localDate } from './working-days';

/** True when the person is away on the local date `day` (absences are inclusive). */
function isAway(absences: ReadonlyMap<string, Absence>, email: string, day: string): boolean {
  const absence = absences.get(email);
  return absence !== undefined && day <= absence.until;
}

/**
 * The prompts of a round starting at `startedAt`: one per active project (phase not `done`), asking the
 * owner, or the deputy when the owner is away on the start date (or unknown); a project whose owner and
 * deputy are both away or missing is recorded as "nobody to ask".
 */
function planPrompts(
  roundId: string,
  projects: readonly Project[],
  people: ReadonlyMap<string, Person>,
  absences: ReadonlyMap<string, Absence>,
  startDay: string,
): CheckinPrompt[] {
  const available = (email: string) => email !== '' && people.has(email) && !isAway(absences, email, startDay);
  return projects
    .filter((p) => p.phase !== 'done')
    .map((project) => {
      let askedEmail = '';
      let reason: CheckinPrompt['reason'] = 'nobody';
      if (available(project.owner)) [askedEmail, reason] = [project.owner, 'owner'];
      else if (available(project.deputy)) [askedEmail, reason] = [project.deputy, 'deputy'];
      return {
        roundId,
        projectId: project.id,
        projectTitle: project.title,
        ownerEmail: project.owner,
        askedEmail,
        reason,
        delivery: { status: 'pending', deliveryId: '' },
      };
    });
}

/** What a start says: how many projects and people the new round asks. */
export interface RoundSummary {
  readonly round: CheckinRound;
  readonly prompts: readonly CheckinPrompt[];
  /** Projects in the round (active projects). */
  readonly projects: number;
  /** Distinct people asked. */
  readonly people: number;
  /** Projects with nobody to ask. */
  readonly nobody: number;
  /** The round that was the current one before (its work may still be due: a late close). */
  readonly previousRoundId: string | undefined;
}

export type StartRoundResult =
  | { readonly kind: 'started'; readonly summary: RoundSummary }
  | { readonly kind: 'alreadyOpen'; readonly round: CheckinRound }
  | { readonly kind: 'notAllowed' }
  | { readonly kind: 'noActiveProjects' };

/**
 * Starts a check-in round: creates it with its prompts, pending for the sending side. A coordinator may
 * start one (`actor` is checked when `by` is a person); the schedule and the command line may always.
 * At most one round is open: a start while one is open says so, also when two starts race.
 */
export async function startRound(ctx: CheckinContext, by: RoundStarter, actor?: Person): Promise<StartRoundResult> {
  if (by.kind === 'person' && !isCoordinator(actor)) return { kind: 'notAllowed' };
  const now = ctx.now();
  // The directory from memory, checked against storage now: an import a moment ago counts, no table is listed.
  const [current, directory, absences] = await Promise.all([ctx.repos.checkinRounds.current(), ctx.directory.current({ latest: true }), ctx.repos.absences.list()]);
  if (current.round && isRoundOpen(current.round, now)) return { kind: 'alreadyOpen', round: current.round };

  const { projects } = directory;
  const people = await peopleIndex(ctx, directory.people);
  const calendar = workingCalendar(ctx.timing.timezone, ctx.timing.holidayRegion);
  const round: CheckinRound = {
    id: `${roundIdTime(now)}-${ctx.newId().replace(/-/g, '').slice(0, 6)}`,
    startedAt: now,
    startedBy: by,
    // A working-hours reminder and a close at the end of a working day, whenever the round was started.
    reminderDueAt: atLocalTime(addWorkingDays(now, ctx.timing.reminderWorkingDays, calendar), ctx.timing.reminderTime, ctx.timing.timezone),
    closesAt: atLocalTime(addWorkingDays(now, ctx.timing.closeWorkingDays, calendar), ctx.timing.dueTime, ctx.timing.timezone),
    state: 'open',
  };
  const prompts = planPrompts(round.id, projects, people.byEmail, new Map(absences.map((a) => [a.email, a])), localDate(now, ctx.timing.timezone));
  if (prompts.length === 0) return { kind: 'noActiveProjects' };

  if ((await ctx.repos.checkinRounds.create(round, prompts, current.version)) === 'conflict') {
    const winner = (await ctx.repos.checkinRounds.current()).round;
    if (winner && isRoundOpen(winner, now)) return { kind: 'alreadyOpen', round: winner };
    // The pointer moved without an open round (a close raced this start): the caller may simply retry.
    throw new Error('check-in round start lost a race against a close; try again');
  }
  const asked = new Set(prompts.map((p) => p.askedEmail).filter(Boolean));
  return {
    kind: 'started',
    summary: { round, prompts, projects: prompts.length, people: asked.size, nobody: prompts.filter((p) => p.reason === 'nobody').length, previousRoundId: current.round?.id },
  };
}

export type RoundStatusResult = { readonly kind: 'status'; readonly digest: RoundDigest } | { readonly kind: 'noRound' } | { readonly kind: 'notAllowed' };

/** The live digest of the latest round (open or closed), for a coordinator. */
export async function roundStatus(ctx: CheckinContext, actor: Person | undefined): Promise<RoundStatusResult> {
  if (!isCoordinator(actor)) return { kind: 'notAllowed' };
  const { round } = await ctx.repos.checkinRounds.current();
  if (!round) return { kind: 'noRound' };
  return { kind: 'status', digest: await digestOf(ctx, round) };
}

/** The digest of a round as it stands; `people` when the caller has listed them already. */
export async function digestOf(ctx: CheckinContext, round: CheckinRound, people?: readonly Person[]): Promise<RoundDigest> {
  const prompts = await ctx.repos.checkinRounds.prompts(round.id);
  const [answers, index, undelivered] = await Promise.all([
    ctx.repos.checkinAnswers.forRound(round.id, prompts.map((p) => p.projectId)),
    peopleIndex(ctx, people),
    ctx.notifier?.undelivered(round.id),
  ]);
  return buildDigest(round, prompts, answers, index.ref, ctx.now(), undelivered);
}

/**
 * The prompts of an open round still to send — pending, with somebody to ask, not answered meanwhile (say with
 * `Status melden`) — with their projects from the directory; a project deleted since the round started is not
 * asked about any more. `known`: the round, when the caller has read it already.
 */
export async function promptsPending(ctx: CheckinContext, roundId: string, known?: CheckinRound): Promise<{ round: CheckinRound; pending: PendingPrompt[]; directory: Directory } | undefined> {
  const round = known ?? (await ctx.repos.checkinRounds.get(roundId));
  if (!round || !isRoundOpen(round, ctx.now())) return undefined;
  const [prompts, directory] = await Promise.all([ctx.repos.checkinRounds.prompts(roundId), ctx.directory.current({ latest: true })]);
  const pending = prompts
    .filter((p) => awaitsAnswer(p) && p.delivery.status === 'pending')
    .map((prompt) => ({ prompt, project: directory.project(prompt.projectId) }))
    .filter((p): p is PendingPrompt => p.project !== undefined);
  return { round, pending, directory };
}

/** A prompt to send, with its project. */
export interface PendingPrompt {
  readonly prompt: CheckinPrompt;
  readonly project: Project;
}

/** Some of the pending prompts with their forms (see {@link promptForms}). */
export async function withForms(ctx: CheckinContext, round: CheckinRound, pending: readonly PendingPrompt[], directory: Directory): Promise<PromptToSend[]> {
  const forms = await promptForms(ctx, round, pending.map((p) => p.project), directory);
  return pending.map(({ prompt }, i) => ({ prompt, form: forms[i]! }));
}

/**
 * The prompts of an open round still to send, each with its form (see {@link promptsPending}). `known`: the round,
 * when the caller has read it already.
 */
export async function promptsToSend(ctx: CheckinContext, roundId: string, known?: CheckinRound): Promise<PromptToSend[]> {
  const found = await promptsPending(ctx, roundId, known);
  return found ? withForms(ctx, found.round, found.pending, found.directory) : [];
}

/**
 * Prompts of a round due for their one reminder: the round is open and past its reminder time, the person
 * asked has not answered and has not been reminded yet. An answer is seen on the prompt; a prompt not marked
 * (its mark failed after the answer was stored) is checked against the stored answers. `known`: the round,
 * when the caller has read it already.
 */
export async function remindersDue(ctx: CheckinContext, roundId: string, known?: CheckinRound): Promise<CheckinPrompt[]> {
  const round = known ?? (await ctx.repos.checkinRounds.get(roundId));
  const now = ctx.now();
  if (!round || !isRoundOpen(round, now) || now.getTime() < round.reminderDueAt.getTime()) return [];
  const prompts = (await ctx.repos.checkinRounds.prompts(round.id)).filter((p) => awaitsAnswer(p) && p.delivery.remindedAt === undefined);
  const answered = await Promise.all(prompts.map((p) => ctx.repos.checkinAnswers.inSlot(p.projectId, answerSlot(round.id, ''))));
  return prompts.filter((_, i) => answered[i] === undefined);
}

/** Records what the sending side did with a prompt (its delivery, the reminder). */
export async function recordDelivery(ctx: CheckinContext, prompt: CheckinPrompt, delivery: PromptDelivery): Promise<CheckinPrompt> {
  await ctx.repos.checkinRounds.updatePrompt(prompt.roundId, prompt.projectId, { delivery });
  return { ...prompt, delivery };
}

/** {@link recordDelivery} for prompts of one round at once, written in transactions. */
export async function recordDeliveries(ctx: CheckinContext, roundId: string, records: readonly { readonly prompt: CheckinPrompt; readonly delivery: PromptDelivery }[]): Promise<void> {
  await ctx.repos.checkinRounds.updatePrompts(
    roundId,
    records.map(({ prompt, delivery }) => ({ projectId: prompt.projectId, change: { delivery } })),
  );
}
