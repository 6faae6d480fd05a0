import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { JobDefinition, JobRepository, JobRun, JobSchedule, RunStatus } from './jobs';
import type { Versioned } from '../delivery/outbox';
import {
  createEntity,
  deleteEntity,
  deletePartitioned,
  encodeKey,
  getEntity,
  listPartition,
  listPartitionRange,
  oncePerTable,
  partitionFilter,
  replaceEntity,
  TABLES,
  type TableStore,
} from '../storage/table-store';

/**
 * Table `jobs`:
 * - PartitionKey `job`, RowKey = the job id: the job definitions. Few; every tick of every instance lists them.
 * - PartitionKey `run|{job id}`, RowKey = the occurrence as inverted milliseconds (13 digits): one run record per
 *   occurrence, newest first, so "latest runs" is the start of a partition and the runs before a time are its
 *   end. Creating the record is taking the lease: a second instance's create fails (409), and a takeover
 *   replaces it with the ETag it read.
 * - PartitionKey `~runday|yyyy-MM-dd` (the UTC day of the occurrence), RowKey = `{job id}|{run RowKey}`: which
 *   jobs have runs on a day, so that retention finds old runs in a range of partitions, jobs deleted since
 *   included, instead of the whole table. Written before the run record.
 * - PartitionKey `~meta`, RowKey `indexes-1`: the day partitions were built for runs stored before they existed.
 */
const JOBS = 'job';
const RUNS = 'run|';
/** The first PartitionKey after every `run|…` one (`}` follows `|`). */
const AFTER_RUNS = 'run}';
const RUN_DAY = '~runday|';
const INDEXES = 'indexes-1';
const MAX_TIME = 9_999_999_999_999;

interface RunDayEntity {
  jobId: string;
}

interface JobEntity {
  id: string;
  handler: string;
  schedule: string;
  payload: string;
  createdAt: string;
  cursor: string;
  completedAt: string;
}

interface RunEntity {
  jobId: string;
  occurrence: string;
  status: string;
  instance: string;
  attempt: number;
  leaseUntil: string;
  startedAt: string;
  finishedAt: string;
  error: string;
}

export class TableJobRepository implements JobRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(TABLES.jobs);
  }

  async listJobs(): Promise<Versioned<JobDefinition>[]> {
    const entities = await listPartition<JobEntity>(this.table, JOBS);
    return entities.map((e) => ({ value: toJob(e), etag: e.etag })).sort((a, b) => a.value.id.localeCompare(b.value.id));
  }

  async getJob(id: string): Promise<Versioned<JobDefinition> | undefined> {
    const entity = await getEntity<JobEntity>(this.table, JOBS, encodeKey(id));
    return entity && { value: toJob(entity), etag: entity.etag };
  }

  async createJob(job: JobDefinition): Promise<boolean> {
    return (await createEntity(this.table, jobEntity(job))) !== undefined;
  }

  async replaceJob(job: JobDefinition, etag: string): Promise<string | undefined> {
    return replaceEntity(this.table, jobEntity(job), etag);
  }

  async deleteJob(id: string): Promise<void> {
    await deleteEntity(this.table, JOBS, encodeKey(id));
  }

  async getRun(jobId: string, occurrence: string): Promise<Versioned<JobRun> | undefined> {
    const entity = await getEntity<RunEntity>(this.table, runPartition(jobId), runRow(occurrence));
    return entity && { value: toRun(entity), etag: entity.etag };
  }

  async createRun(run: JobRun): Promise<string | undefined> {
    await this.table.upsertEntity(runDayEntity(run.jobId, run.occurrence), 'Replace');
    return createEntity(this.table, runEntity(run));
  }

  replaceRun(run: JobRun, etag: string): Promise<string | undefined> {
    return replaceEntity(this.table, runEntity(run), etag);
  }

  async listRuns(jobId: string, limit: number): Promise<JobRun[]> {
    const runs: JobRun[] = [];
    for await (const page of this.table.listEntities<RunEntity>({ queryOptions: { filter: partitionFilter(runPartition(jobId)) } }).byPage({ maxPageSize: limit })) {
      runs.push(...page.map((e) => toRun(e as TableEntityResult<RunEntity>)));
      break;
    }
    return runs.slice(0, limit);
  }

  /**
   * Deletes the runs of occurrences before `cutoff` that are not running, job by job in transactions per
   * partition; the jobs are found in the day partitions before the cutoff's day. Returns how many were deleted.
   */
  async deleteRunsBefore(cutoff: Date): Promise<number> {
    await this.ensureIndexes();
    const days = await listPartitionRange<RunDayEntity>(this.table, RUN_DAY, `${RUN_DAY}${cutoff.toISOString().slice(0, 10)}`);
    let deleted = 0;
    for (const jobId of new Set(days.map((d) => d.jobId))) {
      // Inverted times: the runs before the cutoff are the RowKeys after its own.
      const filter = `${partitionFilter(runPartition(jobId))} and RowKey gt '${runRow(cutoff.toISOString())}'`;
      const old: { partitionKey: string; rowKey: string }[] = [];
      for await (const entity of this.table.listEntities<RunEntity>({ queryOptions: { filter, select: ['PartitionKey', 'RowKey', 'status'] } })) {
        if (entity.status !== 'running') old.push({ partitionKey: entity.partitionKey!, rowKey: entity.rowKey! });
      }
      deleted += await deletePartitioned(this.table, old);
    }
    await deletePartitioned(this.table, days.map((d) => ({ partitionKey: d.partitionKey!, rowKey: d.rowKey! })));
    return deleted;
  }

  /** Builds the indexes for runs stored before they existed (day partitions): one scan of the run partitions, once per table. */
  private readonly ensureIndexes = oncePerTable(() => this.table, INDEXES, () => this.buildIndexes());

  private async buildIndexes(): Promise<void> {
    const days = new Map<string, ReturnType<typeof runDayEntity>>();
    for (const run of await listPartitionRange<RunEntity>(this.table, RUNS, AFTER_RUNS)) {
      const day = runDayEntity(run.jobId, run.occurrence);
      days.set(`${day.partitionKey}/${day.rowKey}`, day);
    }
    await Promise.all([...days.values()].map((day) => this.table.upsertEntity(day, 'Replace')));
  }
}

function runPartition(jobId: string): string {
  return `${RUNS}${encodeKey(jobId)}`;
}

function runDayEntity(jobId: string, occurrence: string) {
  return { partitionKey: `${RUN_DAY}${occurrence.slice(0, 10)}`, rowKey: `${encodeKey(jobId)}|${runRow(occurrence)}`, jobId };
}

function runRow(occurrence: string): string {
  return String(MAX_TIME - Date.parse(occurrence)).padStart(13, '0');
}

function jobEntity(job: JobDefinition) {
  return {
    partitionKey: JOBS,
    rowKey: encodeKey(job.id),
    id: job.id,
    handler: job.handler,
    schedule: JSON.stringify(job.schedule),
    payload: JSON.stringify(job.payload),
    createdAt: job.createdAt,
    cursor: job.cursor,
    completedAt: job.completedAt,
  };
}

function toJob(entity: JobEntity): JobDefinition {
  return {
    id: entity.id,
    handler: entity.handler,
    schedule: JSON.parse(entity.schedule) as JobSchedule,
    payload: JSON.parse(entity.payload) as Record<string, unknown>,
    createdAt: entity.createdAt,
    cursor: entity.cursor,
    completedAt: entity.completedAt ?? '',
  };
}

function runEntity(run: JobRun) {
  return { partitionKey: runPartition(run.jobId), rowKey: runRow(run.occurrence), ...run, error: run.error.slice(0, 1000) };
}

function toRun(entity: RunEntity): JobRun {
  return {
    jobId: entity.jobId,
    occurrence: entity.occurrence,
    status: entity.status as RunStatus,
    instance: entity.instance ?? '',
    attempt: entity.attempt ?? 1,
    leaseUntil: entity.leaseUntil ?? '',
    startedAt: entity.startedAt ?? '',
    finishedAt: entity.finishedAt ?? '',
    error: entity.error ?? '',
  };
}
