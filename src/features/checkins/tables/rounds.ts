import type { TableClient } from '@azure/data-tables';
import type { CheckinPrompt, CheckinRound, PromptReason, RoundStarter } from '../domain/model';
import { roundIdTime } from '../domain/model';
import type { CheckinRoundRepository, CurrentRound, PromptChange, RoundWithPrompts } from '../domain/repositories';
import { decodeKey, encodeKey, getEntity, listPartition, statusOf, upsertPartition, type TableStore } from '../../../platform/storage/table-store';
import { CHECKIN_TABLES } from './names';

/**
 * Table `checkinrounds`:
 * - PartitionKey = round id: RowKey `round` holds the round, RowKey `p-{project id}` one prompt each. A
 *   round with its prompts is one partition, so creating it is a few transactions and reading its prompts
 *   (digest, reminders) is one partition query; a delivery, reminder or answer updates its prompt by a point write.
 *   Round ids begin with their start time, so the rounds started since a time are one range query (reports).
 * - PartitionKey `current` / RowKey `current`: the id of the latest round. Its ETag is the lock that keeps
 *   at most one round open when two starts race (create/update with If-Match, 409/412 = someone else won).
 */
const CURRENT = 'current';
const ROUND_ROW = 'round';
const PROMPT_PREFIX = 'p-';

interface RoundEntity {
  startedAt: string;
  startedBy: string;
  reminderDueAt: string;
  closesAt: string;
  state: string;
  closedAt: string;
}

interface PromptEntity {
  projectId: string;
  projectTitle: string;
  ownerEmail: string;
  askedEmail: string;
  reason: string;
  deliveryStatus: string;
  deliveryId: string;
  remindedAt: string;
  answeredAt: string;
}

export class TableCheckinRoundRepository implements CheckinRoundRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(CHECKIN_TABLES.rounds);
  }

  async current(): Promise<CurrentRound> {
    const pointer = await getEntity<{ roundId: string }>(this.table, CURRENT, CURRENT);
    if (!pointer) return { round: undefined, version: undefined };
    return { round: await this.get(pointer.roundId), version: pointer.etag };
  }

  async get(roundId: string): Promise<CheckinRound | undefined> {
    const entity = await getEntity<RoundEntity>(this.table, encodeKey(roundId), ROUND_ROW);
    return entity && toRound(roundId, entity);
  }

  async create(round: CheckinRound, prompts: readonly CheckinPrompt[], expectedVersion: string | undefined): Promise<'created' | 'conflict'> {
    const partitionKey = encodeKey(round.id);
    const rows = [{ partitionKey, rowKey: ROUND_ROW, ...fromRound(round) }, ...prompts.map((p) => ({ partitionKey, rowKey: promptRow(p.projectId), ...fromPrompt(p) }))];
    // The transactions of 100 at once: distinct rows of one partition, and nothing reads them before the pointer moves.
    await Promise.all(Array.from({ length: Math.ceil(rows.length / 100) }, (_, i) => upsertPartition<object>(this.table, rows.slice(i * 100, (i + 1) * 100))));
    try {
      const pointer = { partitionKey: CURRENT, rowKey: CURRENT, roundId: round.id };
      if (expectedVersion === undefined) await this.table.createEntity(pointer);
      else await this.table.updateEntity(pointer, 'Replace', { etag: expectedVersion });
      return 'created';
    } catch (error) {
      const status = statusOf(error);
      if (status !== 409 && status !== 412) throw error;
      const rows = await listPartition<object>(this.table, partitionKey);
      for (let i = 0; i < rows.length; i += 100) {
        await this.table.submitTransaction(rows.slice(i, i + 100).map((r) => ['delete', { partitionKey, rowKey: r.rowKey! }] as const));
      }
      return 'conflict';
    }
  }

  async prompts(roundId: string): Promise<CheckinPrompt[]> {
    const rows = await listPartition<PromptEntity>(this.table, encodeKey(roundId));
    return rows.filter((r) => r.rowKey!.startsWith(PROMPT_PREFIX)).map((r) => toPrompt(roundId, r));
  }

  async prompt(roundId: string, projectId: string): Promise<CheckinPrompt | undefined> {
    const entity = await getEntity<PromptEntity>(this.table, encodeKey(roundId), promptRow(projectId));
    return entity && toPrompt(roundId, entity);
  }

  async updatePrompt(roundId: string, projectId: string, change: PromptChange): Promise<void> {
    // Merge: the fields not given stay as stored (an answer and a delivery may be recorded at the same time).
    await this.table.updateEntity(promptChange(roundId, projectId, change), 'Merge');
  }

  async updatePrompts(roundId: string, changes: readonly { readonly projectId: string; readonly change: PromptChange }[]): Promise<void> {
    for (let i = 0; i < changes.length; i += 100) {
      await this.table.submitTransaction(changes.slice(i, i + 100).map(({ projectId, change }) => ['update', promptChange(roundId, projectId, change), 'Merge'] as const));
    }
  }

  async close(roundId: string, closedAt: Date): Promise<void> {
    await this.table.updateEntity({ partitionKey: encodeKey(roundId), rowKey: ROUND_ROW, state: 'closed', closedAt: closedAt.toISOString() }, 'Merge');
  }

  async startedSince(since: Date): Promise<RoundWithPrompts[]> {
    // Round ids start with a digit: `:` (after `9`) ends their range before the `current` pointer.
    const filter = `PartitionKey ge '${roundIdTime(since)}' and PartitionKey lt ':'`;
    const rounds = new Map<string, { entity?: RoundEntity; prompts: CheckinPrompt[] }>();
    for await (const entity of this.table.listEntities<RoundEntity & PromptEntity>({ queryOptions: { filter } })) {
      const roundId = decodeKey(entity.partitionKey!);
      const found = rounds.get(roundId) ?? { prompts: [] };
      rounds.set(roundId, found);
      if (entity.rowKey === ROUND_ROW) found.entity = entity;
      else if (entity.rowKey!.startsWith(PROMPT_PREFIX)) found.prompts.push(toPrompt(roundId, entity));
    }
    return [...rounds]
      .flatMap(([id, { entity, prompts }]) => (entity ? [{ round: toRound(id, entity), prompts }] : []))
      .filter(({ round }) => round.startedAt.getTime() >= since.getTime())
      .sort((a, b) => a.round.startedAt.getTime() - b.round.startedAt.getTime() || a.round.id.localeCompare(b.round.id));
  }
}

/** The prompt's fields a change sets, to merge into its row. */
function promptChange(roundId: string, projectId: string, change: PromptChange): Partial<PromptEntity> & { partitionKey: string; rowKey: string } {
  const fields: Partial<PromptEntity> = {};
  if (change.delivery) {
    fields.deliveryStatus = change.delivery.status;
    fields.deliveryId = change.delivery.deliveryId;
    fields.remindedAt = change.delivery.remindedAt?.toISOString() ?? '';
  }
  if (change.answeredAt) fields.answeredAt = change.answeredAt.toISOString();
  return { partitionKey: encodeKey(roundId), rowKey: promptRow(projectId), ...fields };
}

function promptRow(projectId: string): string {
  return `${PROMPT_PREFIX}${encodeKey(projectId.toLowerCase())}`;
}

function fromRound(round: CheckinRound): RoundEntity {
  return {
    startedAt: round.startedAt.toISOString(),
    startedBy: JSON.stringify(round.startedBy),
    reminderDueAt: round.reminderDueAt.toISOString(),
    closesAt: round.closesAt.toISOString(),
    state: round.state,
    closedAt: round.closedAt?.toISOString() ?? '',
  };
}

function toRound(id: string, entity: RoundEntity): CheckinRound {
  return {
    id,
    startedAt: new Date(entity.startedAt),
    startedBy: JSON.parse(entity.startedBy) as RoundStarter,
    reminderDueAt: new Date(entity.reminderDueAt),
    closesAt: new Date(entity.closesAt),
    state: entity.state === 'closed' ? 'closed' : 'open',
    ...(entity.closedAt ? { closedAt: new Date(entity.closedAt) } : {}),
  };
}

function fromPrompt(prompt: CheckinPrompt): PromptEntity {
  return {
    projectId: prompt.projectId,
    projectTitle: prompt.projectTitle,
    ownerEmail: prompt.ownerEmail,
    askedEmail: prompt.askedEmail,
    reason: prompt.reason,
    deliveryStatus: prompt.delivery.status,
    deliveryId: prompt.delivery.deliveryId,
    remindedAt: prompt.delivery.remindedAt?.toISOString() ?? '',
    answeredAt: prompt.answeredAt?.toISOString() ?? '',
  };
}

function toPrompt(roundId: string, entity: PromptEntity): CheckinPrompt {
  return {
    roundId,
    projectId: entity.projectId,
    projectTitle: entity.projectTitle,
    ownerEmail: entity.ownerEmail ?? '',
    askedEmail: entity.askedEmail ?? '',
    reason: entity.reason as PromptReason,
    delivery: {
      status: entity.deliveryStatus === 'sent' ? 'sent' : 'pending',
      deliveryId: entity.deliveryId ?? '',
      ...(entity.remindedAt ? { remindedAt: new Date(entity.remindedAt) } : {}),
    },
    ...(entity.answeredAt ? { answeredAt: new Date(entity.answeredAt) } : {}),
  };
}
