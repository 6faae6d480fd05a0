import { isCoordinator } from '../../../platform/directory/model';
import { agendaEntries } from './agenda';
import type { MeetingContext } from './context';
import { ID_PATTERN, isUpcoming, type Meeting, type ReminderOffset } from './model';
import { offsetReach, reminderAt } from './time';

/**
 * Reminders before meetings, on the scheduler: one one-off job per meeting and offset, named after the start it
 * reminds of, so a meeting that moves gets new jobs (and its old ones are removed), and a job that ran once is
 * never run again for the same start. Jobs are made only for the meetings of the next days (see
 * {@link planningHorizon}); a daily job plans the days after, so a long series does not fill the job table.
 * Each reminder's message has an idempotency key of meeting, offset and start: one post, whoever runs the job.
 */

/** The handler of the reminder jobs (payload: `meetingId`, `offset`, `startAt`). */
export const REMINDER_JOB = 'meeting.reminder';
/** The daily job (and its handler) that plans the reminders entering the horizon and tidies up. */
export const PLAN_JOB = 'meeting.plan';
/** When the daily planning runs (cron, in the group's time zone). */
export const PLAN_CRON = '15 3 * * *';

/** The id of a reminder job: meeting, offset and the start it reminds of (base 36). */
export function reminderJobId(meetingId: string, offset: ReminderOffset, startAt: Date): string {
  return `${REMINDER_JOB}:${meetingId}:${offset.label}:${startAt.getTime().toString(36)}`;
}

/** How far ahead reminder jobs are made: the longest offset and two days, so the daily planning never misses one. */
export function planningHorizon(offsets: readonly ReminderOffset[]): number {
  return Math.max(0, ...offsets.map(offsetReach)) + 2 * 86_400_000;
}

/**
 * Makes the reminder jobs of these meetings that are due within the horizon and not yet past (a reminder whose
 * time has passed when the meeting is planned is not sent). Jobs that exist are left as they are.
 */
export async function planReminders(ctx: MeetingContext, meetings: readonly Meeting[], existing?: ReadonlySet<string>): Promise<number> {
  const now = ctx.now().getTime();
  const horizon = now + planningHorizon(ctx.rules.reminders);
  const known = existing ?? new Set((await ctx.jobs.list()).map((j) => j.id));
  let planned = 0;
  for (const meeting of meetings) {
    if (!isUpcoming(meeting, ctx.now())) continue;
    for (const offset of ctx.rules.reminders) {
      const at = reminderAt(meeting.startAt, offset, ctx.rules.timezone);
      const id = reminderJobId(meeting.id, offset, meeting.startAt);
      if (at.getTime() <= now || at.getTime() > horizon || known.has(id)) continue;
      await ctx.jobs.scheduleOnce({ id, handler: REMINDER_JOB, at, payload: { meetingId: meeting.id, offset: offset.label, startAt: meeting.startAt.toISOString() } });
      planned++;
    }
  }
  return planned;
}

/** Removes the reminder jobs of a meeting at the start it had (moved or cancelled). */
export async function dropReminders(ctx: MeetingContext, meeting: Meeting): Promise<void> {
  for (const offset of ctx.rules.reminders) await ctx.jobs.cancel(reminderJobId(meeting.id, offset, meeting.startAt));
}

/**
 * The daily planning (and the bot's start): reminder jobs for the meetings entering the horizon, and the
 * reminder jobs that have run removed. Returns how many were planned.
 */
export async function planUpcomingReminders(ctx: MeetingContext): Promise<{ planned: number; removed: number }> {
  const jobs = await ctx.jobs.list();
  let removed = 0;
  for (const job of jobs) {
    if (job.handler === REMINDER_JOB && job.completedAt) {
      await ctx.jobs.cancel(job.id);
      removed++;
    }
  }
  const meetings = await ctx.repos.meetings.endingAfter(ctx.now());
  const planned = await planReminders(ctx, meetings, new Set(jobs.filter((j) => !j.completedAt).map((j) => j.id)));
  return { planned, removed };
}

/** What a reminder job did. */
export type ReminderOutcome =
  | { readonly kind: 'posted' }
  | { readonly kind: 'notPosted' }
  | { readonly kind: 'skipped'; readonly reason: 'unknownMeeting' | 'cancelled' | 'moved' | 'started' | 'unknownOffset' };

/**
 * Runs a reminder: the reminder (with the meeting's agenda as it is now) in the meeting's thread, or, while the
 * group has no home channel, a note to the coordinators that it could not be posted. A meeting that was
 * cancelled, moved (the job is about another start) or has begun gets none. Throws on a payload that is not a
 * reminder's: it comes from storage, and a wrong one is a bug to see in the job's run record.
 */
export async function runReminder(ctx: MeetingContext, payload: Readonly<Record<string, unknown>>): Promise<ReminderOutcome> {
  const { meetingId, offset: label, startAt } = payload;
  if (typeof meetingId !== 'string' || !ID_PATTERN.test(meetingId) || typeof label !== 'string' || typeof startAt !== 'string' || Number.isNaN(Date.parse(startAt))) {
    throw new Error(`not a reminder's payload: ${JSON.stringify(payload)}`);
  }
  const offset = ctx.rules.reminders.find((o) => o.label === label);
  if (!offset) return { kind: 'skipped', reason: 'unknownOffset' };
  const stored = await ctx.repos.meetings.meeting(meetingId);
  const series = stored && (await ctx.repos.meetings.series(stored.value.seriesId));
  if (!stored || !series) return { kind: 'skipped', reason: 'unknownMeeting' };
  const meeting = stored.value;
  if (meeting.status === 'cancelled' || series.value.status === 'cancelled') return { kind: 'skipped', reason: 'cancelled' };
  if (meeting.startAt.getTime() !== Date.parse(startAt)) return { kind: 'skipped', reason: 'moved' };
  if (meeting.startAt.getTime() <= ctx.now().getTime()) return { kind: 'skipped', reason: 'started' };
  const notifier = ctx.notifier;
  if (!notifier) throw new Error('this process has no meeting notifier: only the bot posts reminders');
  if (!series.value.announced) {
    const people = await ctx.repos.people.list();
    await notifier.reminderNotPosted(series.value, meeting, offset, people.filter(isCoordinator));
    return { kind: 'notPosted' };
  }
  const agenda = await agendaEntries(ctx, meeting);
  await notifier.reminder(series.value, meeting, offset, agenda);
  return { kind: 'posted' };
}
