import type { Clock, Timer } from '../clock';
import type { PlatformConfig } from '../config';
import {
  InvalidJobError,
  validateJobNames,
  type JobDefinition,
  type JobRepository,
  type JobRun,
  type Jobs,
  type JobSchedule,
  type OneOffJob,
  type RecurringJob,
} from './jobs';
import type { Logger } from '../logger';
import { WorkTracker } from '../work-tracker';
import { cronProblem, nextDue, nextOccurrence } from './schedule';

/** What a handler gets for one occurrence. */
export interface JobContext {
  readonly jobId: string;
  /** When the occurrence was due (not when it started: a late run after downtime knows it is late). */
  readonly occurrence: Date;
  readonly payload: Readonly<Record<string, unknown>>;
  /** 1, or more when this instance took over from one that died while running it. */
  readonly attempt: number;
  /** Aborted when the lease is lost (another instance took over) or the scheduler stops. */
  readonly signal: AbortSignal;
  /** Logs with the job id and occurrence on every line. */
  readonly log: Logger;
}

/** Runs one occurrence of a job; throwing records the run as failed (it is not retried). */
export type JobHandler = (context: JobContext) => Promise<void>;

export interface SchedulerOptions {
  /** Time zone of cron expressions that name none (the configured `TIMEZONE`). */
  readonly timezone: string;
  /** Occurrences missed while no instance ran are run late within this period, else recorded as skipped. */
  readonly graceMs: number;
  /** A run's lease; renewed every third of it while the handler runs. */
  readonly leaseMs: number;
  /** How often each instance looks for due jobs (it also wakes at the next known occurrence). */
  readonly tickMs: number;
}

/** The options from the configuration (`TIMEZONE`, `SCHEDULER_*`). */
export function schedulerOptions(config: Pick<PlatformConfig, 'timezone' | 'scheduler'>): SchedulerOptions {
  return {
    timezone: config.timezone,
    graceMs: config.scheduler.graceMinutes * 60_000,
    leaseMs: config.scheduler.leaseSeconds * 1000,
    tickMs: config.scheduler.tickSeconds * 1000,
  };
}

export interface SchedulerDependencies {
  readonly jobs: JobRepository;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly instanceId: string;
  readonly options: SchedulerOptions;
}

/** How long a stop waits for running handlers (wall time: this bounds a shutdown, it decides no outcome). */
const STOP_WAIT_MS = 10_000;

/** Occurrences one tick works through per job at most (a long downtime is caught up over several ticks). */
const MAX_OCCURRENCES_PER_TICK = 100;

/**
 * The scheduler of one bot process. Every instance ticks; for each job it walks the occurrences after the
 * job's cursor up to now. An occurrence is run by the instance that creates its run record (the lease: a
 * create with ETag semantics, so of several instances exactly one succeeds); the lease is renewed while the
 * handler runs and expires if its holder dies, after which another instance takes the occurrence over. A job's
 * occurrences run one after the other. Occurrences older than the grace period (missed while every instance
 * was down) are recorded as skipped instead of run.
 *
 * Time comes from the injected clock; {@link whenIdle} tells tests when a tick and the runs it started are done.
 */
export class Scheduler implements Jobs {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Map<string, AbortController>();
  /** Ticks, runs and lease renewals in progress; a handler executing counts as waiting. */
  private readonly work = new WorkTracker();
  private tickTimer: { at: number; timer: Timer } | undefined;
  private ticking: Promise<void> | undefined;
  private tickAgain = false;
  private state: 'new' | 'running' | 'stopped' = 'new';

  constructor(private readonly deps: SchedulerDependencies) {}

  /** Registers the handler jobs name as `handler`. Jobs whose handler this process lacks are left to others. */
  register(name: string, handler: JobHandler): void {
    validateJobNames(name, name);
    this.handlers.set(name, handler);
    this.requestTickAt(this.deps.clock.now().getTime());
  }

  /** Starts ticking: occurrences missed while down are run (within the grace period) or skipped now. */
  async start(): Promise<void> {
    if (this.state !== 'new') return;
    this.state = 'running';
    await this.tick();
  }

  /**
   * Stops ticking. Runs in progress are told to stop (their signal aborts) and awaited for at most
   * {@link STOP_WAIT_MS} of wall time; a handler that ignores its signal is left behind, and its occurrence is
   * taken over by another instance (or this one after a restart) once the lease expires.
   */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.tickTimer?.timer.cancel();
    this.tickTimer = undefined;
    for (const controller of this.running.values()) controller.abort(new Error('scheduler stopping'));
    let timeout: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timeout = setTimeout(resolve, STOP_WAIT_MS).unref()));
    await Promise.race([this.work.settle(), waited]);
    clearTimeout(timeout);
  }

  /** Resolves when no tick and no run is in progress. */
  whenIdle(): Promise<void> {
    return this.work.whenIdle(false);
  }

  /** Resolves when nothing but handlers still executing is in progress (ticks, lease renewals, records done). */
  whenQuiet(): Promise<void> {
    return this.work.whenIdle(true);
  }

  // ---- Jobs ----

  async scheduleRecurring(job: RecurringJob): Promise<JobDefinition> {
    validateJobNames(job.id, job.handler);
    const timezone = job.timezone ?? this.deps.options.timezone;
    const problem = cronProblem(job.cron, timezone);
    if (problem) throw new InvalidJobError(`cron "${job.cron}" of job ${job.id}: ${problem}`);
    const schedule: JobSchedule = { kind: 'cron', cron: job.cron, ...(job.timezone ? { timezone: job.timezone } : {}) };
    return this.save(job.id, job.handler, schedule, job.payload ?? {}, false);
  }

  async scheduleOnce(job: OneOffJob): Promise<JobDefinition> {
    validateJobNames(job.id, job.handler);
    if (Number.isNaN(job.at.getTime())) throw new InvalidJobError(`job ${job.id} has no valid time`);
    return this.save(job.id, job.handler, { kind: 'once', at: job.at.toISOString() }, job.payload ?? {}, true);
  }

  async cancel(id: string): Promise<void> {
    await this.deps.jobs.deleteJob(id);
  }

  async list(): Promise<JobDefinition[]> {
    return (await this.deps.jobs.listJobs()).map((j) => j.value);
  }

  /** The next occurrence of a job still to be run or skipped, if any. */
  nextDue(job: JobDefinition): Date | undefined {
    return nextDue(job, this.deps.options.timezone);
  }

  private async save(id: string, handler: string, schedule: JobSchedule, payload: Readonly<Record<string, unknown>>, once: boolean): Promise<JobDefinition> {
    const now = this.deps.clock.now().toISOString();
    // A new job's cursor: a recurring job starts after now; a one-off job's only occurrence must stay ahead of it.
    const cursor = once ? new Date(0).toISOString() : now;
    for (;;) {
      const existing = await this.deps.jobs.getJob(id);
      if (!existing) {
        const job: JobDefinition = { id, handler, schedule, payload, createdAt: now, cursor, completedAt: '' };
        if (await this.deps.jobs.createJob(job)) return this.saved(job);
        continue;
      }
      if (once && existing.value.completedAt) return existing.value;
      const job: JobDefinition = { ...existing.value, handler, schedule, payload };
      if ((await this.deps.jobs.replaceJob(job, existing.etag)) !== undefined) return this.saved(job);
    }
  }

  private saved(job: JobDefinition): JobDefinition {
    this.deps.logger.info({ jobId: job.id, handler: job.handler, schedule: job.schedule }, 'job scheduled');
    this.requestTickAt(this.deps.clock.now().getTime());
    return job;
  }

  // ---- ticking ----

  /** Ticks at `at` (epoch ms; now or earlier: at once), unless a tick is due before. */
  private requestTickAt(at: number): void {
    if (this.state !== 'running') return;
    if (this.tickTimer && this.tickTimer.at <= at) return;
    this.tickTimer?.timer.cancel();
    this.tickTimer = {
      at,
      timer: this.deps.clock.setTimer(at - this.deps.clock.now().getTime(), () => {
        this.tickTimer = undefined;
        void this.tick();
      }),
    };
  }

  /** Looks at every job once; a tick requested meanwhile runs right after. */
  private tick(): Promise<void> {
    if (this.ticking) {
      this.tickAgain = true;
      return this.ticking;
    }
    this.ticking = this.work.track(this.tickOnce()).finally(() => {
      this.ticking = undefined;
      if (this.tickAgain) {
        this.tickAgain = false;
        void this.tick();
      }
    });
    return this.ticking;
  }

  private async tickOnce(): Promise<void> {
    if (this.state !== 'running') return;
    const now = this.deps.clock.now();
    let wake = now.getTime() + this.deps.options.tickMs;
    try {
      for (const { value: job, etag } of await this.deps.jobs.listJobs()) {
        if (job.completedAt || !this.handlers.has(job.handler)) continue;
        const next = await this.processJob(job, etag, now);
        if (next !== undefined) wake = Math.min(wake, Math.max(next.getTime(), now.getTime() + 1));
      }
    } catch (error) {
      this.deps.logger.error({ err: error }, 'scheduler tick failed; trying again at the next tick');
    }
    this.requestTickAt(wake);
  }

  /** Works through a job's due occurrences; returns when to look at it again (its next occurrence, a lease's end). */
  private async processJob(job: JobDefinition, etag: string, now: Date): Promise<Date | undefined> {
    const { graceMs } = this.deps.options;
    let current = { job, etag };
    for (let step = 0; step < MAX_OCCURRENCES_PER_TICK; step++) {
      const occurrence = nextOccurrence(current.job.schedule, new Date(current.job.cursor), this.deps.options.timezone);
      if (!occurrence || occurrence > now) return occurrence;
      const key = runKey(job.id, occurrence);
      if (this.running.has(key)) return undefined;
      const late = now.getTime() - occurrence.getTime() > graceMs;
      const stored = await this.deps.jobs.getRun(job.id, occurrence.toISOString());
      if (stored && stored.value.status !== 'running') {
        current = await this.advance(current, occurrence);
        continue;
      }
      // Another instance runs it: look again when its lease ends, in case that instance died.
      if (stored && Date.parse(stored.value.leaseUntil) > now.getTime()) return new Date(stored.value.leaseUntil);
      const log = this.deps.logger.child({ jobId: job.id, occurrence: occurrence.toISOString() });
      if (late) {
        // Missed while every instance was down, longer ago than the grace period (or its runner died back then).
        const skipped: JobRun = {
          ...(stored?.value ?? emptyRun(job.id, occurrence)),
          status: stored ? 'failed' : 'skipped',
          instance: this.deps.instanceId,
          leaseUntil: '',
          finishedAt: now.toISOString(),
          error: stored ? 'abandoned: the instance running it stopped, and the grace period is over' : 'missed while no instance was running; older than the grace period',
        };
        const written = stored ? await this.deps.jobs.replaceRun(skipped, stored.etag) : await this.deps.jobs.createRun(skipped);
        if (written === undefined) continue; // someone else recorded it meanwhile: look again
        log.warn({ status: skipped.status }, stored ? 'job run abandoned by a stopped instance recorded as failed' : 'missed job occurrence skipped');
        current = await this.advance(current, occurrence);
        continue;
      }
      const run: JobRun = {
        ...(stored?.value ?? emptyRun(job.id, occurrence)),
        status: 'running',
        instance: this.deps.instanceId,
        attempt: stored ? stored.value.attempt + 1 : 1,
        leaseUntil: new Date(now.getTime() + this.deps.options.leaseMs).toISOString(),
        startedAt: now.toISOString(),
      };
      const runEtag = stored ? await this.deps.jobs.replaceRun(run, stored.etag) : await this.deps.jobs.createRun(run);
      if (runEtag === undefined) return undefined; // another instance took it first
      if (stored) log.warn({ previous: stored.value.instance, attempt: run.attempt }, 'job run taken over from an instance whose lease expired');
      this.execute(current.job, occurrence, run, runEtag, log);
      return undefined;
    }
    return undefined;
  }

  /** Runs the handler in the background under a renewed lease and records the outcome. */
  private execute(job: JobDefinition, occurrence: Date, run: JobRun, etag: string, log: Logger): void {
    const key = runKey(job.id, occurrence);
    const controller = new AbortController();
    this.running.set(key, controller);
    let current = { run, etag };
    let lost = false;
    let renewal: Timer | undefined;
    const renew = () => {
      renewal = this.deps.clock.setTimer(this.deps.options.leaseMs / 3, () => {
        void this.work.track(
          (async () => {
            if (!this.running.has(key) || lost) return;
            const renewed = { ...current.run, leaseUntil: new Date(this.deps.clock.now().getTime() + this.deps.options.leaseMs).toISOString() };
            const newEtag = await this.deps.jobs.replaceRun(renewed, current.etag);
            if (newEtag === undefined) {
              lost = true;
              controller.abort(new Error('lease lost'));
              log.warn('job lease lost to another instance; its outcome will not be recorded here');
              return;
            }
            current = { run: renewed, etag: newEtag };
            renew();
          })().catch((error: unknown) => log.error({ err: error }, 'job lease renewal failed')),
        );
      });
    };
    renew();
    log.info({ attempt: run.attempt }, 'job run started');
    const handler = this.handlers.get(job.handler)!;
    void this.work.track(
      (async () => {
        let error: unknown;
        this.work.beginWait();
        try {
          await handler({ jobId: job.id, occurrence, payload: job.payload, attempt: run.attempt, signal: controller.signal, log });
        } catch (caught) {
          error = caught ?? new Error('job failed');
        } finally {
          this.work.endWait();
        }
        renewal?.cancel();
        if (lost) return;
        const finished: JobRun = {
          ...current.run,
          status: error === undefined ? 'succeeded' : 'failed',
          leaseUntil: '',
          finishedAt: this.deps.clock.now().toISOString(),
          error: error === undefined ? '' : String((error as Error).message ?? error),
        };
        if ((await this.deps.jobs.replaceRun(finished, current.etag)) === undefined) {
          log.warn('job lease lost before the outcome was recorded');
          return;
        }
        if (error === undefined) log.info('job run succeeded');
        else log.error({ err: error }, 'job run failed');
        const stored = await this.deps.jobs.getJob(job.id);
        if (stored) await this.advance({ job: stored.value, etag: stored.etag }, occurrence);
      })()
        .catch((error: unknown) => log.error({ err: error }, 'recording the job run failed'))
        .finally(() => {
          this.running.delete(key);
          this.requestTickAt(this.deps.clock.now().getTime());
        }),
    );
  }

  /** Moves a job's cursor to `occurrence` (never back), retrying on concurrent changes; completes a one-off job. */
  private async advance(current: { job: JobDefinition; etag: string }, occurrence: Date): Promise<{ job: JobDefinition; etag: string }> {
    let { job, etag } = current;
    for (let tries = 0; tries < 5; tries++) {
      if (Date.parse(job.cursor) >= occurrence.getTime()) return { job, etag };
      const done = job.schedule.kind === 'once' && Date.parse(job.schedule.at) <= occurrence.getTime();
      const moved: JobDefinition = { ...job, cursor: occurrence.toISOString(), completedAt: done ? this.deps.clock.now().toISOString() : job.completedAt };
      const newEtag = await this.deps.jobs.replaceJob(moved, etag);
      if (newEtag !== undefined) return { job: moved, etag: newEtag };
      const reread = await this.deps.jobs.getJob(job.id);
      if (!reread) return { job, etag };
      ({ value: job, etag } = reread);
    }
    return { job, etag };
  }
}

function runKey(jobId: string, occurrence: Date): string {
  return `${jobId}@${occurrence.toISOString()}`;
}

function emptyRun(jobId: string, occurrence: Date): JobRun {
  return { jobId, occurrence: occurrence.toISOString(), status: 'running', instance: '', attempt: 1, leaseUntil: '', startedAt: '', finishedAt: '', error: '' };
}
