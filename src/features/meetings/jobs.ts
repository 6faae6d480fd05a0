import type { JobRegistration } from '../../platform/feature';
import type { Jobs } from '../../platform/scheduler/jobs';
import type { Logger } from '../../platform/logger';
import { PLAN_CRON, PLAN_JOB, REMINDER_JOB } from './domain/reminders';
import type { MeetingService } from './domain/service';

/** Meetings on the scheduler: the reminders (one-off jobs) and their daily planning. */
export function meetingJobs(meetings: MeetingService): JobRegistration[] {
  return [
    {
      handler: REMINDER_JOB,
      run: async ({ payload, log, occurrence }) => {
        const outcome = await meetings.runReminder(payload);
        if (outcome.kind === 'skipped') log.info({ reason: outcome.reason, due: occurrence.toISOString() }, 'meeting reminder not sent');
        else log.info({ outcome: outcome.kind }, outcome.kind === 'posted' ? 'meeting reminder queued for the thread' : 'meeting reminder could not be posted; coordinators told');
      },
    },
    {
      handler: PLAN_JOB,
      run: async ({ log }) => {
        const { planned, removed } = await meetings.planReminders();
        const announced = await meetings.announceWaiting();
        log.info({ planned, removed, announced }, 'meeting reminders planned');
      },
    },
  ];
}

/**
 * At every start: the daily planning job in place, the reminders of the next days planned, and announced what
 * was saved but not announced (the process stopped in between).
 */
export async function startMeetings(meetings: MeetingService, jobs: Jobs, timezone: string, logger: Logger): Promise<void> {
  await jobs.scheduleRecurring({ id: PLAN_JOB, handler: PLAN_JOB, cron: PLAN_CRON, timezone });
  const { planned, removed } = await meetings.planReminders();
  const announced = await meetings.announceWaiting();
  if (planned + removed + announced > 0) logger.info({ planned, removed, announced }, 'meetings caught up at the start');
}
