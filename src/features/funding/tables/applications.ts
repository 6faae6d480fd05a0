import type { TableClient, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { projectKey } from '../../../platform/directory/model';
import { encodeKey, getEntity, partitionFilter, statusOf, type TableStore } from '../../../platform/storage/table-store';
import { APPLICATION_STATUSES, callKey, type Application, type ApplicationChange, type ApplicationStatus } from '../domain/model';
import type { ApplicationRepository, VersionedApplication } from '../domain/repositories';
import { FUNDING_TABLES } from './names';

/**
 * Table `fundingapps`, PartitionKey = project id: a project's applications and their histories are one partition,
 * so "the project's applications" is one partition query and a change is stored in one transaction. Rows:
 * - `a~{call id}`: the application as it stands. Its ETag guards a change: two people changing it at once cannot
 *   both win.
 * - `h~{call id}~{inverted revision}`: the history of that application. The inverted revision (10^10 − revision,
 *   10 digits) sorts the newest first, so "the last 5" is the first page of a range query; a revision, unlike a
 *   time, tells two changes in the same millisecond apart. `~` cannot occur in an id, so one call's rows never fall
 *   into another call's range.
 * All applications (the questions across projects) are a query on the RowKey alone: a scan of the table, fine at
 * a working group's size. A missing amount is stored as -1 (Table Storage has no null).
 */
const CURRENT = 'a~';
const HISTORY = 'h~';
const MAX_REVISION = 10_000_000_000;

interface ApplicationEntity {
  projectId: string;
  callId: string;
  status: string;
  appliedAmount: number;
  approvedAmount: number;
  note: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

interface ChangeEntity {
  id: string;
  revision: number;
  projectId: string;
  callId: string;
  at: string;
  by: string;
  from: string;
  to: string;
  appliedAmount: number;
  approvedAmount: number;
  note: string;
}

export class TableApplicationRepository implements ApplicationRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(FUNDING_TABLES.applications);
  }

  async list(): Promise<Application[]> {
    return this.query(`RowKey ge '${CURRENT}' and RowKey lt '${CURRENT}~'`);
  }

  async forProject(projectId: string): Promise<Application[]> {
    return this.query(`${partitionFilter(partitionOf(projectId))} and RowKey ge '${CURRENT}' and RowKey lt '${CURRENT}~'`);
  }

  private async query(filter: string): Promise<Application[]> {
    const result: Application[] = [];
    for await (const entity of this.table.listEntities<ApplicationEntity>({ queryOptions: { filter } })) result.push(toApplication(entity));
    return result.sort((a, b) => a.projectId.localeCompare(b.projectId) || a.callId.localeCompare(b.callId));
  }

  async get(projectId: string, callId: string): Promise<VersionedApplication | undefined> {
    const entity = await getEntity<ApplicationEntity>(this.table, partitionOf(projectId), currentRow(callId));
    return entity && { application: toApplication(entity), version: entity.etag };
  }

  async save(application: Application, change: ApplicationChange, expectedVersion: string | undefined): Promise<'saved' | 'conflict'> {
    const partitionKey = partitionOf(application.projectId);
    const current = { partitionKey, rowKey: currentRow(application.callId), ...fromApplication(application) };
    const actions: TransactionAction[] = [
      expectedVersion === undefined ? ['create', current] : ['update', current, 'Replace', { etag: expectedVersion }],
      ['create', { partitionKey, rowKey: historyRow(change), ...fromChange(change) }],
    ];
    try {
      await this.table.submitTransaction(actions);
      return 'saved';
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412 || status === 404) return 'conflict';
      throw error;
    }
  }

  async history(projectId: string, callId: string, limit: number): Promise<ApplicationChange[]> {
    const prefix = `${HISTORY}${encodeKey(callKey(callId))}~`;
    const filter = `${partitionFilter(partitionOf(projectId))} and RowKey ge '${prefix}' and RowKey lt '${prefix}~'`;
    const pages = this.table.listEntities<ChangeEntity>({ queryOptions: { filter } }).byPage({ maxPageSize: limit });
    const first = await pages.next();
    return first.done ? [] : first.value.slice(0, limit).map(toChange);
  }
}

function partitionOf(projectId: string): string {
  return encodeKey(projectKey(projectId));
}

function currentRow(callId: string): string {
  return `${CURRENT}${encodeKey(callKey(callId))}`;
}

function historyRow(change: ApplicationChange): string {
  return `${HISTORY}${encodeKey(callKey(change.callId))}~${String(MAX_REVISION - change.revision).padStart(10, '0')}`;
}

const amountOut = (value: number | undefined) => value ?? -1;
const amountIn = (value: unknown) => (typeof value === 'number' && value >= 0 ? value : undefined);
const statusIn = (value: string): ApplicationStatus => ((APPLICATION_STATUSES as readonly string[]).includes(value) ? (value as ApplicationStatus) : 'interest');

function fromApplication(a: Application): ApplicationEntity {
  return {
    projectId: a.projectId,
    callId: a.callId,
    status: a.status,
    appliedAmount: amountOut(a.appliedAmount),
    approvedAmount: amountOut(a.approvedAmount),
    note: a.note,
    revision: a.revision,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    updatedBy: a.updatedBy,
  };
}

function toApplication(e: TableEntityResult<ApplicationEntity> | ApplicationEntity): Application {
  return {
    projectId: e.projectId,
    callId: e.callId,
    status: statusIn(e.status),
    appliedAmount: amountIn(e.appliedAmount),
    approvedAmount: amountIn(e.approvedAmount),
    note: e.note ?? '',
    revision: e.revision ?? 1,
    createdAt: new Date(e.createdAt),
    updatedAt: new Date(e.updatedAt),
    updatedBy: e.updatedBy ?? '',
  };
}

function fromChange(c: ApplicationChange): ChangeEntity {
  return {
    id: c.id,
    revision: c.revision,
    projectId: c.projectId,
    callId: c.callId,
    at: c.at.toISOString(),
    by: c.by,
    from: c.from,
    to: c.to,
    appliedAmount: amountOut(c.appliedAmount),
    approvedAmount: amountOut(c.approvedAmount),
    note: c.note,
  };
}

function toChange(e: ChangeEntity): ApplicationChange {
  return {
    id: e.id,
    revision: e.revision ?? 1,
    projectId: e.projectId,
    callId: e.callId,
    at: new Date(e.at),
    by: e.by,
    from: e.from ? statusIn(e.from) : '',
    to: statusIn(e.to),
    appliedAmount: amountIn(e.appliedAmount),
    approvedAmount: amountIn(e.approvedAmount),
    note: e.note ?? '',
  };
}
