import type { Versioned } from '../delivery/outbox';

/**
 * Scheduled work: recurring jobs (check-in rounds, reminders, digests) and one-off jobs at a time. A job names
 * its handler, which the process registers by name; the scheduler (`scheduler.ts`) runs each occurrence once
 * across all bot instances and records a run per occurrence.
 */

/** When a job runs: a cron expression in a time zone, or once at a time. */
export type JobSchedule =
  /**
   * Minute hour day-of-month month day-of-week (five fields, or six with seconds first), evaluated in `timezone`
   * (IANA name; the configured one when absent). On the day clocks spring forward a time inside the gap runs at
   * the first time after it; on the day they fall back a time inside the repeated hour runs once.
   */
  | { readonly kind: 'cron'; readonly cron: string; readonly timezone?: string }
  | { readonly kind: 'once'; readonly at: string };

/** A stored job. */
export interface JobDefinition {
  /** Letters, digits and `._:-`, at most 100 characters (`checkin.round`, `reminder:round-12:anna`). */
  readonly id: string;
  /** The name of the handler registered with the scheduler (`checkin.round`). */
  readonly handler: string;
  readonly schedule: JobSchedule;
  /** Handed to the handler; plain JSON. */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  /** Every occurrence up to and including this time (ISO) has been run or skipped. */
  readonly cursor: string;
  /** A one-off job that ran (or was skipped); empty otherwise. */
  readonly completedAt: string;
}

/** What became of one occurrence. */
export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The record of one occurrence of a job: also its lease while it runs. */
export interface JobRun {
  readonly jobId: string;
  /** The occurrence (ISO): when the job was due. */
  readonly occurrence: string;
  readonly status: RunStatus;
  /** The instance that ran (or skipped) it. */
  readonly instance: string;
  /** 1, +1 each time another instance took over from one that died. */
  readonly attempt: number;
  /** While running: the lease ends here unless renewed; another instance may take over after it. */
  readonly leaseUntil: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Why it failed or was skipped. */
  readonly error: string;
}

/** What a use case asks to schedule. */
export interface RecurringJob {
  readonly id: string;
  readonly handler: string;
  readonly cron: string;
  readonly timezone?: string;
  readonly payload?: Readonly<Record<string, unknown>>;
}

export interface OneOffJob {
  readonly id: string;
  readonly handler: string;
  readonly at: Date;
  readonly payload?: Readonly<Record<string, unknown>>;
}

/** The domain's port to the scheduler. */
export interface Jobs {
  /**
   * Creates a recurring job, or changes the schedule, handler or payload of the one with this id; occurrences
   * already run or skipped stay so (a new job starts with the occurrences after now).
   */
  scheduleRecurring(job: RecurringJob): Promise<JobDefinition>;
  /** Creates a one-off job, or moves one that has not run yet; one that ran is returned unchanged. */
  scheduleOnce(job: OneOffJob): Promise<JobDefinition>;
  /** Removes a job; its run records stay. */
  cancel(id: string): Promise<void>;
  list(): Promise<JobDefinition[]>;
}

/** Storage of jobs and their runs, implemented in `job-repository.ts`. */
export interface JobRepository {
  listJobs(): Promise<Versioned<JobDefinition>[]>;
  getJob(id: string): Promise<Versioned<JobDefinition> | undefined>;
  /** Creates a job; false when one with this id exists. */
  createJob(job: JobDefinition): Promise<boolean>;
  /** Replaces a job read with `etag`; the new ETag, or undefined when it changed (or went) meanwhile. */
  replaceJob(job: JobDefinition, etag: string): Promise<string | undefined>;
  deleteJob(id: string): Promise<void>;
  getRun(jobId: string, occurrence: string): Promise<Versioned<JobRun> | undefined>;
  /** Creates a run record (takes the lease); its ETag, or undefined when the occurrence has a record already. */
  createRun(run: JobRun): Promise<string | undefined>;
  /** Replaces a run read with `etag`; the new ETag, or undefined when someone else changed it. */
  replaceRun(run: JobRun, etag: string): Promise<string | undefined>;
  /** The latest runs of a job, newest first. */
  listRuns(jobId: string, limit: number): Promise<JobRun[]>;
  /** Deletes the records of runs due before `cutoff` that are not running (of every job, deleted ones too); returns how many. */
  deleteRunsBefore(cutoff: Date): Promise<number>;
}

/** A job that cannot be scheduled: a programming error in the use case. */
export class InvalidJobError extends Error {
  readonly code = 'JOB_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidJobError';
  }
}

const JOB_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Checks a job id and handler name. */
export function validateJobNames(id: string, handler: string): void {
  if (!JOB_ID.test(id)) throw new InvalidJobError(`job id "${id}" must be 1–100 letters, digits or ._:-`);
  if (!JOB_ID.test(handler)) throw new InvalidJobError(`handler "${handler}" of job ${id} must be 1–100 letters, digits or ._:-`);
}
