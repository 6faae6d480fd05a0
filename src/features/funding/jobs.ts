import type { JobRegistration } from '../../platform/feature';
import type { Jobs } from '../../platform/scheduler/jobs';
import { CALL_ID } from './domain/model';
import { CALL_JOB, REMINDER_JOB } from './domain/radar';
import type { FundingService } from './domain/service';
import { fetchEuTopics } from './eu';
import type { FundingSettings } from './settings';

/** The recurring EU fetch (`FUNDING_FETCH_SCHEDULE`). */
export const FETCH_JOB = 'funding.fetch';

/** A string of a job's payload matching `pattern`; a payload that is not ours fails the job instead of touching storage keys. */
function payloadText(payload: Readonly<Record<string, unknown>>, key: string, pattern: RegExp): string {
  const value = payload[key];
  if (typeof value !== 'string' || !pattern.test(value)) throw new Error(`job payload ${key} is not valid: ${JSON.stringify(value)}`);
  return value;
}

/** The funding radar on the scheduler: a call worked through after a change, the reminders, the EU fetch. */
export function fundingJobs(funding: FundingService, settings: FundingSettings): JobRegistration[] {
  return [
    {
      handler: CALL_JOB,
      run: async ({ payload, log }) => {
        const callId = payloadText(payload, 'callId', CALL_ID);
        const done = await funding.processCall(callId);
        log.info({ callId, ...done }, 'funding call processed');
      },
    },
    {
      handler: REMINDER_JOB,
      run: async ({ payload, log }) => {
        const job = { callId: payloadText(payload, 'callId', CALL_ID), deadline: payloadText(payload, 'deadline', /^\d{8}T\d{4}Z$/), offset: payloadText(payload, 'offset', /^\d{1,4}[dhm]$/) };
        const outcome = await funding.remind(job);
        log.info({ ...job, ...outcome }, 'funding reminder');
      },
    },
    {
      handler: FETCH_JOB,
      run: async ({ log }) => {
        const topics = await fetchEuTopics({ baseUrl: settings.euApiUrl, keywords: settings.euKeywords });
        const counts = await funding.storeEuTopics(topics, { dryRun: false });
        log.info({ topics: topics.length, ...counts }, 'EU funding calls fetched');
      },
    },
  ];
}

/** At every start: the recurring EU fetch planned from the configuration, or removed when it is off. */
export async function planFetch(jobs: Jobs, settings: FundingSettings): Promise<void> {
  if (settings.fetchSchedule) await jobs.scheduleRecurring({ id: FETCH_JOB, handler: FETCH_JOB, cron: settings.fetchSchedule });
  else await jobs.cancel(FETCH_JOB);
}
