import type { TableClient } from '@azure/data-tables';
import { projectKey } from '../../../platform/directory/model';
import { encodeKey, getEntity, listPartition, upsertPartition, type TableStore } from '../../../platform/storage/table-store';
import { deadlineText, parseDeadline } from '../domain/deadline';
import { CALL_SOURCES, callKey, LEVELS, type CallSource, type FundingCall, type Level } from '../domain/model';
import { EMPTY_STATE, type CallState, type Dismissal, type FundingCallRepository } from '../domain/repositories';
import { FUNDING_TABLES } from './names';

/**
 * Table `fundingcalls`:
 * - PartitionKey `call`, RowKey = the call's id: the calls. Questions and the matching read them all with one
 *   partition query; an import writes 100 per transaction; a card or a job reads one with a point read.
 * - PartitionKey `state`, RowKey = the call's id: what the bot did about the call (planned reminder jobs, the thread
 *   in the home channel). Apart from the call, so an import replacing the call leaves it alone; jobs merge the parts
 *   they change.
 * - PartitionKey `dismissed-{call id}`, RowKey = project id: the projects whose owner said the call does not fit.
 * Lists are stored as JSON arrays, the deadline as the text a file holds (`2027-01-15 12:00`, `laufend`); a missing
 * rate or amount as -1 (Table Storage has no null).
 */
const CALLS = 'call';
const STATE = 'state';
const DISMISSED_PREFIX = 'dismissed-';

interface CallEntity {
  id: string;
  title: string;
  programme: string;
  funder: string;
  level: string;
  deadline: string;
  link: string;
  fields: string;
  eligible: string;
  rate: number;
  maxAmount: number;
  summary: string;
  keywords: string;
  source: string;
  status: string;
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

interface StateEntity {
  reminderJobs?: string;
  threadDeliveryId?: string;
  threadDeadline?: string;
  withdrawnAnnounced?: boolean;
}

export class TableFundingCallRepository implements FundingCallRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(FUNDING_TABLES.calls);
  }

  async list(): Promise<FundingCall[]> {
    return (await listPartition<CallEntity>(this.table, CALLS)).map(toCall).sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<FundingCall | undefined> {
    const entity = await getEntity<CallEntity>(this.table, CALLS, encodeKey(callKey(id)));
    return entity && toCall(entity);
  }

  async upsert(calls: readonly FundingCall[]): Promise<void> {
    await upsertPartition(this.table, calls.map((call) => ({ partitionKey: CALLS, rowKey: encodeKey(callKey(call.id)), ...fromCall(call) })));
  }

  async state(id: string): Promise<CallState> {
    const entity = await getEntity<StateEntity>(this.table, STATE, encodeKey(callKey(id)));
    if (!entity) return EMPTY_STATE;
    return {
      reminderJobs: entity.reminderJobs ? (JSON.parse(entity.reminderJobs) as string[]) : [],
      threadDeliveryId: entity.threadDeliveryId ?? '',
      threadDeadline: entity.threadDeadline ?? '',
      withdrawnAnnounced: entity.withdrawnAnnounced === true,
    };
  }

  async updateState(id: string, change: Partial<CallState>): Promise<void> {
    const fields: StateEntity = {};
    if (change.reminderJobs) fields.reminderJobs = JSON.stringify(change.reminderJobs);
    if (change.threadDeliveryId !== undefined) fields.threadDeliveryId = change.threadDeliveryId;
    if (change.threadDeadline !== undefined) fields.threadDeadline = change.threadDeadline;
    if (change.withdrawnAnnounced !== undefined) fields.withdrawnAnnounced = change.withdrawnAnnounced;
    // Merge: the parts not given stay as stored (a reminder recording its thread while the call is processed).
    await this.table.upsertEntity({ partitionKey: STATE, rowKey: encodeKey(callKey(id)), ...fields }, 'Merge');
  }

  async dismiss(dismissal: Dismissal): Promise<void> {
    await this.table.upsertEntity(
      { partitionKey: dismissedPartition(dismissal.callId), rowKey: encodeKey(projectKey(dismissal.projectId)), projectId: projectKey(dismissal.projectId), by: dismissal.by, at: dismissal.at.toISOString() },
      'Replace',
    );
  }

  async dismissed(callId: string): Promise<Set<string>> {
    return new Set((await listPartition<{ projectId: string }>(this.table, dismissedPartition(callId))).map((e) => e.projectId));
  }
}

function dismissedPartition(callId: string): string {
  return `${DISMISSED_PREFIX}${encodeKey(callKey(callId))}`;
}

function fromCall(call: FundingCall): CallEntity {
  return {
    id: call.id,
    title: call.title,
    programme: call.programme,
    funder: call.funder,
    level: call.level,
    deadline: deadlineText(call.deadline),
    link: call.link,
    fields: JSON.stringify(call.fields),
    eligible: call.eligible,
    rate: call.rate ?? -1,
    maxAmount: call.maxAmount ?? -1,
    summary: call.summary,
    keywords: JSON.stringify(call.keywords),
    source: call.source,
    status: call.status,
    revision: call.revision,
    updatedAt: call.updatedAt.toISOString(),
    updatedBy: call.updatedBy,
  };
}

function toCall(entity: CallEntity): FundingCall {
  const number = (value: unknown) => (typeof value === 'number' && value >= 0 ? value : undefined);
  return {
    id: entity.id,
    title: entity.title,
    programme: entity.programme ?? '',
    funder: entity.funder ?? '',
    level: (LEVELS as readonly string[]).includes(entity.level) ? (entity.level as Level) : 'other',
    deadline: parseDeadline(entity.deadline) ?? { kind: 'rolling' },
    link: entity.link ?? '',
    fields: JSON.parse(entity.fields || '[]') as string[],
    eligible: entity.eligible ?? '',
    rate: number(entity.rate),
    maxAmount: number(entity.maxAmount),
    summary: entity.summary ?? '',
    keywords: JSON.parse(entity.keywords || '[]') as string[],
    source: (CALL_SOURCES as readonly string[]).includes(entity.source) ? (entity.source as CallSource) : 'import',
    status: entity.status === 'withdrawn' ? 'withdrawn' : 'open',
    revision: entity.revision ?? 1,
    updatedAt: new Date(entity.updatedAt),
    updatedBy: entity.updatedBy ?? '',
  };
}
