import type { Project } from '../../../platform/directory/model';
import type { FundingContext } from './context';
import { deadlineInstant, deadlineStamp, parseReminderOffsets, reminderTime, type ReminderOffset } from './deadline';
import { matchProjects } from './matching';
import { ACTIVE_STATUSES, type Application, type FundingCall } from './model';
import type { CallOffer, FundingNotifier, Reminder, ReminderProject } from './notifier';

/** The job that works a call through after it was created or changed: offers, reminders, notices. */
export const CALL_JOB = 'funding.call';
/** The one-off jobs of a call's reminders. */
export const REMINDER_JOB = 'funding.remind';

/**
 * Hands a created or changed call to the bot's scheduler: a one-off job due now, one per revision (a job id that
 * ran is never run again, so the next revision needs its own).
 */
export async function scheduleProcessing(ctx: Pick<FundingContext, 'jobs' | 'now'>, call: FundingCall): Promise<void> {
  await ctx.jobs.scheduleOnce({ id: `${CALL_JOB}:${call.id}:r${call.revision}`, handler: CALL_JOB, at: ctx.now(), payload: { callId: call.id } });
}

/** A reminder job as planned: its id and time, and the offset it reminds at. */
interface PlannedReminder {
  readonly id: string;
  /** The deadline reminded of (see `deadlineStamp`). */
  readonly stamp: string;
  readonly at: Date;
  readonly offset: ReminderOffset;
}

/**
 * The reminders a call's deadline should have from now on: one per offset whose time is still ahead and before
 * the deadline. None for a rolling or withdrawn call. The job id names the deadline, so a moved deadline gets
 * new jobs and the old ones are cancelled.
 */
function plannedReminders(ctx: FundingContext, call: FundingCall, now: Date): PlannedReminder[] {
  if (call.status !== 'open' || call.deadline.kind === 'rolling') return [];
  const { timezone, reminders, reminderTimeOfDay } = ctx.timing;
  const deadline = deadlineInstant(call.deadline, timezone)!;
  const stamp = deadlineStamp(deadline);
  return reminders
    .map((offset) => ({ id: `${REMINDER_JOB}:${call.id}:${stamp}:${offset.label}`, stamp, at: reminderTime(call.deadline as Extract<FundingCall['deadline'], { kind: 'date' }>, offset, timezone, reminderTimeOfDay), offset }))
    .filter((r) => r.at.getTime() > now.getTime() && r.at.getTime() < deadline.getTime());
}

/** What {@link processCall} did, for the log. */
export interface CallProcessed {
  readonly offered: number;
  readonly reminders: number;
  readonly notice: 'none' | 'deadlineMoved' | 'withdrawn';
}

/**
 * The `funding.call` job: brings the bot's work for a call in line with what the call now says.
 * - A withdrawn call: its reminders are cancelled and its thread in the home channel says it was withdrawn.
 * - Before the deadline, the owners of the projects that fit it (and have no application to it, and did not say
 *   it does not fit) get one card each — once per call and owner, however often the call changes.
 * - Its reminders are planned for the current deadline; those of an earlier deadline are cancelled, and the
 *   thread says the deadline moved.
 */
export async function processCall(ctx: FundingContext, notifier: FundingNotifier, callId: string): Promise<CallProcessed> {
  const { fundingCalls, applications, groupSettings } = ctx.repos;
  const call = await fundingCalls.get(callId);
  if (!call) return { offered: 0, reminders: 0, notice: 'none' };
  const [state, home] = await Promise.all([fundingCalls.state(call.id), groupSettings.homeChannel()]);
  const now = ctx.now();
  const planned = plannedReminders(ctx, call, now);
  for (const id of state.reminderJobs) if (!planned.some((p) => p.id === id)) await ctx.jobs.cancel(id);
  for (const reminder of planned) {
    await ctx.jobs.scheduleOnce({ id: reminder.id, handler: REMINDER_JOB, at: reminder.at, payload: { callId: call.id, deadline: reminder.stamp, offset: reminder.offset.label } });
  }

  if (call.status === 'withdrawn') {
    let announced = state.withdrawnAnnounced;
    if (!announced && home && state.threadDeliveryId) announced = await notifier.announce(call, { kind: 'withdrawn' }, home, state.threadDeliveryId);
    await fundingCalls.updateState(call.id, { reminderJobs: [], withdrawnAnnounced: announced });
    return { offered: 0, reminders: 0, notice: announced && !state.withdrawnAnnounced ? 'withdrawn' : 'none' };
  }

  const deadline = deadlineInstant(call.deadline, ctx.timing.timezone);
  let offered = 0;
  if (!deadline || deadline.getTime() > now.getTime()) {
    const [directory, dismissed, all] = await Promise.all([ctx.directory.current(), fundingCalls.dismissed(call.id), applications.list()]);
    const applied = new Set(all.filter((a) => a.callId === call.id).map((a) => a.projectId));
    const byOwner = new Map<string, CallOffer['matches'][number][]>();
    for (const match of matchProjects(call, directory.projects, dismissed)) {
      if (!match.project.owner || applied.has(match.project.id)) continue;
      byOwner.set(match.project.owner, [...(byOwner.get(match.project.owner) ?? []), match]);
    }
    const offers = [...byOwner].map(([email, matches]) => ({ email, matches }));
    if (offers.length > 0) await notifier.offer(call, offers);
    offered = offers.length;
  }

  // The thread spoke of another deadline: say that it moved.
  const stamp = deadline ? deadlineStamp(deadline) : 'rolling';
  let threadDeadline = state.threadDeadline;
  let notice: CallProcessed['notice'] = 'none';
  if (home && state.threadDeliveryId && threadDeadline && threadDeadline !== stamp && (await notifier.announce(call, { kind: 'deadlineMoved' }, home, state.threadDeliveryId))) {
    threadDeadline = stamp;
    notice = 'deadlineMoved';
  }
  await fundingCalls.updateState(call.id, { reminderJobs: planned.map((p) => p.id), threadDeadline });
  return { offered, reminders: planned.length, notice };
}

/** What a reminder job carries: the call, the deadline it was planned for, the offset. */
export interface ReminderJob {
  readonly callId: string;
  readonly deadline: string;
  readonly offset: string;
}

export type ReminderOutcome = { readonly kind: 'sent'; readonly owners: number; readonly channel: boolean } | { readonly kind: 'skipped'; readonly reason: 'stale' | 'afterDeadline' };

/**
 * The `funding.remind` job of one offset: 1:1 to the owners whose applications to the call are still at „Interesse“
 * or „in Vorbereitung“ (one message per owner, naming their projects), and to the home channel when some project
 * fits the call or has applied to it — the call's first post there, later reminders in its thread. Nothing after
 * the deadline, nothing for a call withdrawn or whose deadline moved since the job was planned.
 */
export async function runReminder(ctx: FundingContext, notifier: FundingNotifier, job: ReminderJob): Promise<ReminderOutcome> {
  const { fundingCalls, applications, groupSettings } = ctx.repos;
  const call = await fundingCalls.get(job.callId);
  const deadline = call && deadlineInstant(call.deadline, ctx.timing.timezone);
  const [offset] = parseReminderOffsets(job.offset) ?? [];
  if (!call || call.status !== 'open' || !deadline || !offset || deadlineStamp(deadline) !== job.deadline) return { kind: 'skipped', reason: 'stale' };
  if (ctx.now().getTime() >= deadline.getTime()) return { kind: 'skipped', reason: 'afterDeadline' };
  const reminder: Reminder = { call, deadline, offset };
  const [directory, dismissed, all, state] = await Promise.all([ctx.directory.current(), fundingCalls.dismissed(call.id), applications.list(), fundingCalls.state(call.id)]);
  const ofCall = all.filter((a) => a.callId === call.id);
  const projectOf = (a: Application): Project | undefined => directory.project(a.projectId);

  const owners = new Map<string, ReminderProject[]>();
  for (const application of ofCall.filter((a) => ACTIVE_STATUSES.includes(a.status))) {
    const project = projectOf(application);
    if (!project?.owner) continue;
    owners.set(project.owner, [...(owners.get(project.owner) ?? []), { title: project.title, status: application.status }]);
  }
  for (const [email, projects] of owners) await notifier.remindOwner(reminder, email, projects);

  const projects = new Map<string, ReminderProject>();
  for (const application of ofCall) {
    const project = projectOf(application);
    if (project) projects.set(project.id, { title: project.title, status: application.status });
  }
  for (const match of matchProjects(call, directory.projects, dismissed)) if (!projects.has(match.project.id)) projects.set(match.project.id, { title: match.project.title, status: undefined });
  const home = projects.size > 0 ? await groupSettings.homeChannel() : undefined;
  if (home) {
    const thread = await notifier.remindChannel(reminder, [...projects.values()], home, state.threadDeliveryId);
    if (thread !== state.threadDeliveryId) await fundingCalls.updateState(call.id, { threadDeliveryId: thread, threadDeadline: deadlineStamp(deadline) });
  }
  return { kind: 'sent', owners: owners.size, channel: home !== undefined };
}
