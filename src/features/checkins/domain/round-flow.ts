import type { Person } from '../../../platform/directory/model';
import type { Jobs } from '../../../platform/scheduler/jobs';
import { isCoordinator } from '../../../platform/directory/model';
import type { CheckinContext } from './context';
import type { RoundDigest } from './digest';
import type { CheckinPrompt, CheckinRound, RoundStarter } from './model';
import type { CheckinNotifier } from './notifier';
import { inBatchChunks } from '../../../platform/delivery/outbox';
import { digestOf, promptsPending, recordDeliveries, remindersDue, startRound, withForms, type StartRoundResult } from './rounds';
import { localDate } from './working-days';

/**
 * The life of a round after its start, driven by the scheduler: a round's cards are sent at once, its
 * reminders at the reminder time and its digest at the close, each by a one-off job of the round. All three
 * jobs run the same idempotent step, {@link advanceRound}, which does whatever is due — so a job that ran late,
 * was skipped while the bot was down longer than the scheduler's grace period, or ran twice, leaves the round
 * as if everything had run on time; the bot's start and the next round's start catch up the same way.
 */

/** The handler of a round's one-off jobs (payload: `roundId`, and `previousRoundId` for the start). */
export const ROUND_JOB_HANDLER = 'checkin.round';
/** The recurring job (and its handler) that starts rounds on the schedule. */
export const SCHEDULE_JOB = 'checkin.schedule';

/** When scheduled rounds start. */
export interface RoundCadence {
  /** Cron expression (five fields) in `timezone`; '' when rounds are started by hand only. */
  readonly cron: string;
  readonly timezone: string;
  /** Rounds start on every Nth week the cron expression matches … */
  readonly everyWeeks: number;
  /** … counted from the week of this local date (`yyyy-MM-dd`): its week is a round week. */
  readonly anchorDate: string;
}

/** Weeks since Monday 5 January 1970 of a local date `yyyy-MM-dd` (Monday to Sunday share a number). */
function weekNumber(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const days = Date.UTC(year, month - 1, date) / 86_400_000;
  // 1 January 1970 was a Thursday: three days later the first full week begins.
  return Math.floor((days + 3) / 7);
}

/**
 * True when `at` falls in a round week: the week of the anchor date and every `everyWeeks` weeks before and
 * after it, in local weeks (Monday to Sunday) of the time zone. Counting from an anchor rather than by ISO
 * week numbers keeps the rhythm across years with 53 weeks; counting local dates keeps it across clock changes.
 */
export function isRoundWeek(at: Date, cadence: Pick<RoundCadence, 'timezone' | 'everyWeeks' | 'anchorDate'>): boolean {
  const distance = weekNumber(localDate(at, cadence.timezone)) - weekNumber(cadence.anchorDate);
  return ((distance % cadence.everyWeeks) + cadence.everyWeeks) % cadence.everyWeeks === 0;
}

/**
 * Puts the schedule into the job store: the recurring job when rounds are scheduled, none when not. Every
 * bot instance does this at its start; it is idempotent, and a changed schedule takes effect from now on.
 */
export async function planSchedule(jobs: Jobs, cadence: RoundCadence): Promise<void> {
  if (cadence.cron === '') await jobs.cancel(SCHEDULE_JOB);
  else await jobs.scheduleRecurring({ id: SCHEDULE_JOB, handler: SCHEDULE_JOB, cron: cadence.cron, timezone: cadence.timezone });
}

/** The one-off jobs of a round, by what they are for. */
function roundJobId(roundId: string, step: 'send' | 'remind' | 'close'): string {
  return `${ROUND_JOB_HANDLER}:${roundId}:${step}`;
}

/**
 * Starts a round (see {@link startRound}) and schedules its work: the cards now, the reminder and the close
 * at their times. The jobs are run by the bot's scheduler — also when the start came from the command line,
 * which cannot send itself. One-off jobs of earlier rounds that have run are removed.
 */
export async function beginRound(ctx: CheckinContext, jobs: Jobs, by: RoundStarter, actor?: Person): Promise<StartRoundResult> {
  const result = await startRound(ctx, by, actor);
  if (result.kind !== 'started') return result;
  const { round, previousRoundId } = result.summary;
  const payload = { roundId: round.id };
  // The three at once: the send job is due now, and the scheduler starts it as soon as it is stored.
  await Promise.all([
    jobs.scheduleOnce({ id: roundJobId(round.id, 'send'), handler: ROUND_JOB_HANDLER, at: round.startedAt, payload: { ...payload, ...(previousRoundId ? { previousRoundId } : {}) } }),
    jobs.scheduleOnce({ id: roundJobId(round.id, 'remind'), handler: ROUND_JOB_HANDLER, at: round.reminderDueAt, payload }),
    jobs.scheduleOnce({ id: roundJobId(round.id, 'close'), handler: ROUND_JOB_HANDLER, at: round.closesAt, payload }),
  ]);
  for (const job of await jobs.list()) {
    if (job.handler === ROUND_JOB_HANDLER && job.completedAt && job.payload.roundId !== round.id) await jobs.cancel(job.id);
  }
  return result;
}

export type ScheduledRoundResult = StartRoundResult | { readonly kind: 'offWeek' };

/** The schedule's occurrence: starts a round in a round week unless one is open. */
export async function scheduledRound(ctx: CheckinContext, jobs: Jobs, occurrence: Date, cadence: RoundCadence): Promise<ScheduledRoundResult> {
  if (!isRoundWeek(occurrence, cadence)) return { kind: 'offWeek' };
  return beginRound(ctx, jobs, { kind: 'schedule' });
}

/** What one step of a round did. */
export interface RoundProgress {
  /** Cards handed to the outbox. */
  readonly sent: number;
  /** People reminded. */
  readonly reminded: number;
  /** The digest, when this step closed the round. */
  readonly closed: RoundDigest | undefined;
}

const NOTHING: RoundProgress = { sent: 0, reminded: 0, closed: undefined };

/**
 * Does what is due in a round: past its close time it posts the digest and closes the round; before that it
 * sends the cards not sent yet and, past the reminder time, the one reminder to each person who has not
 * answered. Safe to repeat: the notifier's messages are idempotent and each step is recorded on the prompts.
 * The round is marked closed only after the digest is handed over, so a failure leaves it to be closed again.
 * `known`: the round, when the caller has read it already.
 */
export async function advanceRound(ctx: CheckinContext, notifier: CheckinNotifier, roundId: string, known?: CheckinRound): Promise<RoundProgress> {
  const round = known ?? (await ctx.repos.checkinRounds.get(roundId));
  if (!round || round.state === 'closed') return NOTHING;
  const now = ctx.now();
  if (now.getTime() >= round.closesAt.getTime()) return { ...NOTHING, closed: await closeAndPost(ctx, notifier, round) };
  const sent = await sendPrompts(ctx, notifier, round);
  const reminded = now.getTime() >= round.reminderDueAt.getTime() ? await sendReminders(ctx, notifier, round) : 0;
  return { sent, reminded, closed: undefined };
}

/** Catches up the current round (at the bot's start): whatever was due while no instance ran. */
export async function catchUp(ctx: CheckinContext, notifier: CheckinNotifier): Promise<RoundProgress> {
  const { round } = await ctx.repos.checkinRounds.current();
  return round ? advanceRound(ctx, notifier, round.id, round) : NOTHING;
}

/**
 * Sends the round's pending cards as a batch: chunk by chunk (see `inBatchChunks`), each chunk's forms read and
 * its cards rendered and handed to the outbox, then its prompts marked in one transaction; the outbox sends the
 * first cards while the later ones are still being prepared.
 */
async function sendPrompts(ctx: CheckinContext, notifier: CheckinNotifier, round: CheckinRound): Promise<number> {
  const found = await promptsPending(ctx, round.id, round);
  if (!found || found.pending.length === 0) return 0;
  // Each chunk's prompts are marked while the next chunk is prepared, one transaction after the other. A mark
  // that fails is reported at the end; its prompts stay pending, and the round's next step hands them to the
  // outbox again, which sends nothing twice.
  let marking = Promise.resolve();
  let failure: unknown;
  await inBatchChunks(found.pending, async (chunk) => {
    const toSend = await withForms(ctx, found.round, chunk, found.directory);
    const deliveries = await notifier.sendPrompts(toSend);
    const records = toSend.map(({ prompt }, i) => ({ prompt, delivery: deliveries[i]! }));
    marking = marking.then(() => recordDeliveries(ctx, round.id, records)).catch((error: unknown) => void (failure ??= error));
  });
  await marking;
  if (failure !== undefined) throw failure;
  return found.pending.length;
}

/** The round's one reminder to each person who has not answered, as a batch in chunks like the cards. */
async function sendReminders(ctx: CheckinContext, notifier: CheckinNotifier, round: CheckinRound): Promise<number> {
  const byPerson = new Map<string, CheckinPrompt[]>();
  for (const prompt of await remindersDue(ctx, round.id, round)) byPerson.set(prompt.askedEmail, [...(byPerson.get(prompt.askedEmail) ?? []), prompt]);
  const remindedAt = ctx.now();
  await inBatchChunks([...byPerson].map(([email, prompts]) => ({ email, prompts })), async (chunk) => {
    await notifier.sendReminders(round, chunk);
    await recordDeliveries(ctx, round.id, chunk.flatMap(({ prompts }) => prompts.map((prompt) => ({ prompt, delivery: { ...prompt.delivery, remindedAt } }))));
  });
  return byPerson.size;
}

async function closeAndPost(ctx: CheckinContext, notifier: CheckinNotifier, round: CheckinRound): Promise<RoundDigest> {
  const closedAt = ctx.now();
  const [homeChannel, directory] = await Promise.all([ctx.repos.groupSettings.homeChannel(), ctx.directory.current({ latest: true })]);
  const { people } = directory;
  const digest = await digestOf(ctx, { ...round, state: 'closed', closedAt }, people);
  await notifier.postDigest(digest, homeChannel, people.filter(isCoordinator));
  await ctx.repos.checkinRounds.close(round.id, closedAt);
  return digest;
}
