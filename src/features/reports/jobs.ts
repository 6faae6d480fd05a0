import type { JobRegistration } from '../../platform/feature';
import type { Jobs } from '../../platform/scheduler/jobs';
import { purgeLinks, type ReportContext } from './domain/service';

/** The daily removal of expired download links (job id and handler name). */
export const PURGE_JOB = 'report.purge';

export function reportJobs(reports: ReportContext): JobRegistration[] {
  return [
    {
      handler: PURGE_JOB,
      run: async ({ log }) => {
        const removed = await purgeLinks(reports);
        log.info({ removed }, 'expired report links removed');
      },
    },
  ];
}

/** At every start: the daily purge at 03:40 (idempotent). An expired link never opens, purged or not. */
export async function planPurge(jobs: Jobs): Promise<void> {
  await jobs.scheduleRecurring({ id: PURGE_JOB, handler: PURGE_JOB, cron: '40 3 * * *' });
}
