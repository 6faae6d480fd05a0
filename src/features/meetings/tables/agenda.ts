import type { TableClient, TableEntityResult } from '@azure/data-tables';
import type { AgendaItem, AgendaItemStatus } from '../domain/model';
import type { AgendaRepository, Versioned } from '../domain/repositories';
import { createEntity, decodeKey, encodeKey, getEntity, listPartition, statusOf, type TableStore } from '../../../platform/storage/table-store';
import { MEETING_TABLES } from './names';

/**
 * Table `agendaitems`: PartitionKey = meeting id, RowKey = item id (creation time first, so a partition reads in
 * the order items were proposed). A meeting's agenda is one partition query; accepting, ordering and removing
 * items write the items concerned in one transaction, guarded by their ETags, so two coordinators clicking at
 * once cannot leave two items at one position.
 */
interface AgendaEntity {
  title: string;
  description: string;
  minutes: number;
  projectId: string;
  proposerEmail: string;
  proposedAt: string;
  status: string;
  position: number;
  carriedFrom: string;
}

export class TableAgendaRepository implements AgendaRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(MEETING_TABLES.agenda);
  }

  async items(meetingId: string): Promise<Versioned<AgendaItem>[]> {
    const rows = await listPartition<AgendaEntity>(this.table, encodeKey(meetingId));
    return rows.map((r) => ({ value: toItem(meetingId, r), etag: r.etag }));
  }

  async item(meetingId: string, itemId: string): Promise<Versioned<AgendaItem> | undefined> {
    const entity = await getEntity<AgendaEntity>(this.table, encodeKey(meetingId), encodeKey(itemId));
    return entity && { value: toItem(meetingId, entity), etag: entity.etag };
  }

  async create(item: AgendaItem): Promise<boolean> {
    return (await createEntity(this.table, { partitionKey: encodeKey(item.meetingId), rowKey: encodeKey(item.id), ...fromItem(item) })) !== undefined;
  }

  async save(items: readonly Versioned<AgendaItem>[]): Promise<'saved' | 'conflict'> {
    if (items.length === 0) return 'saved';
    try {
      await this.table.submitTransaction(
        items.map(({ value, etag }) => ['update', { partitionKey: encodeKey(value.meetingId), rowKey: encodeKey(value.id), ...fromItem(value) }, 'Replace', { etag }] as const),
      );
      return 'saved';
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return 'conflict';
      throw error;
    }
  }
}

function fromItem(item: AgendaItem): AgendaEntity {
  return {
    title: item.title,
    description: item.description,
    minutes: item.minutes,
    projectId: item.projectId,
    proposerEmail: item.proposerEmail,
    proposedAt: item.proposedAt.toISOString(),
    status: item.status,
    position: item.position,
    carriedFrom: item.carriedFrom,
  };
}

function toItem(meetingId: string, entity: TableEntityResult<AgendaEntity>): AgendaItem {
  return {
    id: decodeKey(entity.rowKey!),
    meetingId,
    title: entity.title,
    description: entity.description ?? '',
    minutes: entity.minutes,
    projectId: entity.projectId ?? '',
    proposerEmail: entity.proposerEmail,
    proposedAt: new Date(entity.proposedAt),
    status: entity.status as AgendaItemStatus,
    position: entity.position ?? 0,
    carriedFrom: entity.carriedFrom ?? '',
  };
}
