import type { Person, Project } from '../directory';
import { freshForm, type CheckinForm } from './answers';
import { isCoordinator, peopleIndex, type CheckinContext } from './context';
import { buildDigest, type RoundDigest } from './digest';
import { answerSlot, isRoundOpen, type Absence, type CheckinPrompt, type CheckinRound, type PromptDelivery, type RoundStarter } from './model';
import { workingCalendar } from './holidays';
import { addWorkingDays, localDate } from './working-days';

/** True when the person is away on the local date `day` (absences are inclusive). */
export function isAway(absences: ReadonlyMap<string, Absence>, email: string, day: string): boolean {
  const absence = absences.get(email);
  return absence !== undefined && day <= absence.until;
}

/**
 * The prompts of a round starting at `startedAt`: one per active project (phase not `done`), asking the
 * owner, or the deputy when the owner is away on the start date (or unknown); a project whose owner and
 * deputy are both away or missing is recorded as "nobody to ask".
 */
export function planPrompts(
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
        delivery: { status: 'pending', deliveryId: '', activityId: '', conversationId: '' },
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
  const current = await ctx.repos.checkinRounds.current();
  if (current.round && isRoundOpen(current.round, now)) return { kind: 'alreadyOpen', round: current.round };

  const [projects, people, absences] = await Promise.all([ctx.repos.projects.list(), peopleIndex(ctx), ctx.repos.absences.list()]);
  const calendar = workingCalendar(ctx.timing.timezone, ctx.timing.holidayRegion);
  const round: CheckinRound = {
    id: `${now.toISOString().replace(/[-:]|\.\d+/g, '')}-${ctx.newId().replace(/-/g, '').slice(0, 6)}`,
    startedAt: now,
    startedBy: by,
    reminderDueAt: addWorkingDays(now, ctx.timing.reminderWorkingDays, calendar),
    closesAt: addWorkingDays(now, ctx.timing.closeWorkingDays, calendar),
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
    summary: { round, prompts, projects: prompts.length, people: asked.size, nobody: prompts.filter((p) => p.reason === 'nobody').length },
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

/**
 * Closes a round and returns its digest; closing a closed round returns the digest again without
 * changing anything. The scheduled close (phase B) calls this and posts the digest.
 */
export async function closeRound(ctx: CheckinContext, roundId: string): Promise<RoundDigest | undefined> {
  let round = await ctx.repos.checkinRounds.get(roundId);
  if (!round) return undefined;
  if (round.state !== 'closed') {
    const closedAt = ctx.now();
    await ctx.repos.checkinRounds.close(roundId, closedAt);
    round = { ...round, state: 'closed', closedAt };
  }
  return digestOf(ctx, round);
}

async function digestOf(ctx: CheckinContext, round: CheckinRound): Promise<RoundDigest> {
  const prompts = await ctx.repos.checkinRounds.prompts(round.id);
  const [answers, people] = await Promise.all([ctx.repos.checkinAnswers.forRound(round.id, prompts.map((p) => p.projectId)), peopleIndex(ctx)]);
  return buildDigest(round, prompts, answers, people.ref, ctx.now());
}

/** A prompt with the form to send for it. */
export interface PromptToSend {
  readonly prompt: CheckinPrompt;
  readonly form: CheckinForm;
}

async function withForms(ctx: CheckinContext, round: CheckinRound, prompts: readonly CheckinPrompt[]): Promise<PromptToSend[]> {
  const result: PromptToSend[] = [];
  for (const prompt of prompts) {
    const project = await ctx.repos.projects.get(prompt.projectId);
    // A project deleted since the round started is not asked about any more.
    if (project) result.push({ prompt, form: await freshForm(ctx, project, round) });
  }
  return result;
}

/**
 * The prompts of a round still to send — pending, with somebody to ask — each with its form. The sending
 * side (phase B) hands each to `CheckinNotifier.sendPrompt` and records the outcome with `recordDelivery`.
 */
export async function promptsToSend(ctx: CheckinContext, roundId: string): Promise<PromptToSend[]> {
  const round = await ctx.repos.checkinRounds.get(roundId);
  if (!round || !isRoundOpen(round, ctx.now())) return [];
  const prompts = await ctx.repos.checkinRounds.prompts(roundId);
  return withForms(ctx, round, prompts.filter((p) => p.askedEmail !== '' && p.delivery.status === 'pending'));
}

/**
 * Prompts due for their one reminder: the current round is open and past its reminder time, the person
 * asked has not answered and has not been reminded yet.
 */
export async function remindersDue(ctx: CheckinContext): Promise<PromptToSend[]> {
  const { round } = await ctx.repos.checkinRounds.current();
  const now = ctx.now();
  if (!round || !isRoundOpen(round, now) || now.getTime() < round.reminderDueAt.getTime()) return [];
  const prompts = (await ctx.repos.checkinRounds.prompts(round.id)).filter((p) => p.askedEmail !== '' && p.delivery.remindedAt === undefined);
  const answered = await Promise.all(prompts.map((p) => ctx.repos.checkinAnswers.inSlot(p.projectId, answerSlot(round.id, ''))));
  return withForms(ctx, round, prompts.filter((_, i) => answered[i] === undefined));
}

/** Records what the sending side did with a prompt (its delivery, the card's activity id, the reminder). */
export async function recordDelivery(ctx: CheckinContext, prompt: CheckinPrompt, delivery: PromptDelivery): Promise<CheckinPrompt> {
  const updated = { ...prompt, delivery };
  await ctx.repos.checkinRounds.updatePrompt(updated);
  return updated;
}
