import type { RetentionConfig } from './config';
import type { DeliveryRepository } from './delivery/outbox';
import type { JobRegistration } from './feature';
import type { JobRepository, Jobs } from './scheduler/jobs';

/** The platform's daily job: its id and handler name. */
export const RETENTION_JOB = 'platform.retention';
/** Every day at 03:30 in `TIMEZONE`, when nobody works and nothing is sent. */
const RETENTION_CRON = '30 3 * * *';
const DAY_MS = 86_400_000;

export interface RetentionDependencies {
  readonly deliveries: DeliveryRepository;
  readonly jobs: JobRepository;
  readonly now: () => Date;
  readonly config: RetentionConfig;
}

/**
 * Keeps the outbox and the job runs from growing forever: a daily scheduled job deletes the finished deliveries
 * last changed more than `DELIVERY_RETENTION_DAYS` ago and the runs of jobs due more than
 * `SCHEDULER_RETENTION_DAYS` ago. Both are found and deleted partition by partition, in transactions; the
 * scheduler runs each day's occurrence on one instance.
 */
export class Retention {
  constructor(private readonly deps: RetentionDependencies) {}

  /** The handler to register with the scheduler. */
  get job(): JobRegistration {
    return {
      handler: RETENTION_JOB,
      run: async ({ log }) => {
        const now = this.deps.now().getTime();
        const deliveries = await this.deps.deliveries.deleteFinishedBefore(new Date(now - this.deps.config.deliveryDays * DAY_MS));
        const runs = await this.deps.jobs.deleteRunsBefore(new Date(now - this.deps.config.jobRunDays * DAY_MS));
        log.info({ deliveries, runs, deliveryDays: this.deps.config.deliveryDays, jobRunDays: this.deps.config.jobRunDays }, 'old deliveries and job runs deleted');
      },
    };
  }

  /** Plans the daily job (again at every start: the schedule follows the code). */
  async plan(jobs: Jobs): Promise<void> {
    await jobs.scheduleRecurring({ id: RETENTION_JOB, handler: RETENTION_JOB, cron: RETENTION_CRON });
  }
}
