import type { TableClient, TransactionAction } from '@azure/data-tables';
import { projectKey, type Phase } from '../../../platform/directory/model';
import { answerSlot, type StatusAnswer, type TrafficLight } from '../domain/model';
import type { CheckinAnswerRepository, SlotAnswer } from '../domain/repositories';
import { encodeKey, getEntity, statusOf, type TableStore } from '../../../platform/storage/table-store';
import { CHECKIN_TABLES } from './names';

/**
 * Table `checkinanswers`, PartitionKey = project id: everything about one project's status is one
 * partition, so an answer is stored in one transaction. Rows:
 * - `h{inverted time}-{answer id}`: the history. The inverted time (8.64e15 − ms, 16 digits) sorts the
 *   newest first, so "the last 5" is the first page of a range query.
 * - `latest`: a copy of the newest answer, read with one point read (project details, the form's context);
 *   all projects' `latest` rows together answer "which projects are red?" (a query filtered on the RowKey
 *   alone: the service scans the whole table, history and slots included, and returns the `latest` rows).
 * - `s-{slot}`: the answer of a slot (`round:{id}` or `token:{submission token}`), a copy with the key of its
 *   history row. Creating it fails when it exists, replacing it needs its ETag: a double submit or two
 *   concurrent edits cannot leave two answers for one round.
 */
const LATEST = 'latest';
const HISTORY_PREFIX = 'h';
const SLOT_PREFIX = 's-';
const MAX_TIME = 8_640_000_000_000_000;

interface AnswerEntity {
  id: string;
  projectId: string;
  roundId: string;
  token: string;
  authorEmail: string;
  at: string;
  phase: string;
  light: string;
  /** -1 when not given (Table Storage has no null). */
  progress: number;
  happened: string;
  next: string;
  blockers: string;
  funding: string;
  previousLight: string;
  unchanged: boolean;
}

export class TableCheckinAnswerRepository implements CheckinAnswerRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(CHECKIN_TABLES.answers);
  }

  async latest(projectId: string): Promise<StatusAnswer | undefined> {
    const entity = await getEntity<AnswerEntity>(this.table, partitionOf(projectId), LATEST);
    return entity && toAnswer(entity);
  }

  /** A filtered scan of the whole table (no PartitionKey in the filter): fine at a working group's size. */
  async latestOfAll(): Promise<StatusAnswer[]> {
    const result: StatusAnswer[] = [];
    for await (const entity of this.table.listEntities<AnswerEntity>({ queryOptions: { filter: `RowKey eq '${LATEST}'` } })) result.push(toAnswer(entity));
    return result.sort((a, b) => a.projectId.localeCompare(b.projectId));
  }

  async history(projectId: string, limit: number): Promise<StatusAnswer[]> {
    const filter = `PartitionKey eq '${partitionOf(projectId).replace(/'/g, "''")}' and RowKey ge '${HISTORY_PREFIX}' and RowKey lt 'i'`;
    const pages = this.table.listEntities<AnswerEntity>({ queryOptions: { filter } }).byPage({ maxPageSize: limit });
    const first = await pages.next();
    return first.done ? [] : first.value.slice(0, limit).map(toAnswer);
  }

  async inSlot(projectId: string, slot: string): Promise<SlotAnswer | undefined> {
    const entity = await getEntity<AnswerEntity>(this.table, partitionOf(projectId), slotRow(slot));
    return entity && { answer: toAnswer(entity), version: entity.etag };
  }

  async save(answer: StatusAnswer, replacing: SlotAnswer | undefined): Promise<'saved' | 'conflict'> {
    const partitionKey = partitionOf(answer.projectId);
    const entity = fromAnswer(answer);
    const slot = { partitionKey, rowKey: slotRow(answerSlot(answer.roundId, answer.token)), ...entity };
    const actions: TransactionAction[] = [
      replacing ? ['update', slot, 'Replace', { etag: replacing.version }] : ['create', slot],
      ['create', { partitionKey, rowKey: historyRow(answer), ...entity }],
      ['upsert', { partitionKey, rowKey: LATEST, ...entity }, 'Replace'],
    ];
    if (replacing) actions.push(['delete', { partitionKey, rowKey: historyRow(replacing.answer) }]);
    try {
      await this.table.submitTransaction(actions);
      return 'saved';
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412 || status === 404) return 'conflict';
      throw error;
    }
  }

  /** A filtered scan of the whole table for the history rows: the one read a report makes of the answers. */
  async everyAnswer(): Promise<StatusAnswer[]> {
    const result: StatusAnswer[] = [];
    const filter = `RowKey ge '${HISTORY_PREFIX}' and RowKey lt 'i'`;
    for await (const entity of this.table.listEntities<AnswerEntity>({ queryOptions: { filter } })) result.push(toAnswer(entity));
    return result.sort((a, b) => a.at.getTime() - b.at.getTime() || a.projectId.localeCompare(b.projectId));
  }

  async forRound(roundId: string, projectIds: readonly string[]): Promise<StatusAnswer[]> {
    const slot = answerSlot(roundId, '');
    const found = await Promise.all(projectIds.map((id) => this.inSlot(id, slot)));
    return found.flatMap((s) => (s ? [s.answer] : []));
  }
}

function partitionOf(projectId: string): string {
  return encodeKey(projectKey(projectId));
}

function slotRow(slot: string): string {
  return `${SLOT_PREFIX}${encodeKey(slot)}`;
}

function historyRow(answer: StatusAnswer): string {
  return `${HISTORY_PREFIX}${String(MAX_TIME - answer.at.getTime()).padStart(16, '0')}-${encodeKey(answer.id)}`;
}

function fromAnswer(answer: StatusAnswer): AnswerEntity {
  return {
    id: answer.id,
    projectId: answer.projectId,
    roundId: answer.roundId,
    token: answer.token,
    authorEmail: answer.authorEmail,
    at: answer.at.toISOString(),
    phase: answer.phase,
    light: answer.light,
    progress: answer.progress ?? -1,
    happened: answer.happened,
    next: answer.next,
    blockers: answer.blockers,
    funding: answer.funding,
    previousLight: answer.previousLight,
    unchanged: answer.unchanged,
  };
}

function toAnswer(entity: AnswerEntity): StatusAnswer {
  return {
    id: entity.id,
    projectId: entity.projectId,
    roundId: entity.roundId ?? '',
    token: entity.token ?? '',
    authorEmail: entity.authorEmail,
    at: new Date(entity.at),
    phase: entity.phase as Phase,
    light: entity.light as TrafficLight,
    ...(typeof entity.progress === 'number' && entity.progress >= 0 ? { progress: entity.progress } : {}),
    happened: entity.happened ?? '',
    next: entity.next ?? '',
    blockers: entity.blockers ?? '',
    funding: entity.funding ?? '',
    previousLight: (entity.previousLight ?? '') as TrafficLight | '',
    unchanged: entity.unchanged === true,
  };
}
