import type { TableClient } from '@azure/data-tables';
import { LOCALES, type Locale } from '../../../platform/config';
import type { Versioned } from '../../../platform/delivery/outbox';
import { createEntity, getEntity, readJsonChunks, replaceEntity, statusOf, writeJsonChunks, type TableStore } from '../../../platform/storage/table-store';
import { AUDIENCES, BROADCAST_STATES, type Audience, type Broadcast, type BroadcastContent, type BroadcastState } from '../domain/model';
import type { BroadcastRepository } from '../domain/repositories';
import { BROADCAST_TABLES } from './names';

/**
 * Table `broadcasts`: PartitionKey `broadcast`, RowKey = the broadcast's id, which sorts newest first (the
 * time inverted). The few broadcasts a working group sends live in one partition: the latest five are the
 * first rows of a partition query, a broadcast is one point read, and its state changes are ETag-guarded
 * replaces (two clicks on Send, a scheduled send and a cancel meet there). The content (up to 20,000
 * characters) is stored as JSON over numbered properties.
 */
const PARTITION = 'broadcast';
const CONTENT = { count: 'contentChunks', prefix: 'content' } as const;

interface BroadcastEntity {
  authorEmail: string;
  locale: string;
  state: string;
  audience: string;
  municipalities: string;
  ack: boolean;
  sendAt: string;
  createdAt: string;
  updatedAt: string;
  startedAt: string;
  finishedAt: string;
  recipientCount: number;
  cardDeliveryId: string;
  progressAt: string;
  revision: number;
  correctedAt: string;
  remindedAt: string;
  remindedCount: number;
}

export class TableBroadcastRepository implements BroadcastRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(BROADCAST_TABLES.broadcasts);
  }

  async get(id: string): Promise<Versioned<Broadcast> | undefined> {
    const entity = await getEntity<BroadcastEntity>(this.table, PARTITION, id);
    return entity && { value: toBroadcast(id, entity), etag: entity.etag };
  }

  async create(broadcast: Broadcast): Promise<boolean> {
    return (await createEntity(this.table, toEntity(broadcast))) !== undefined;
  }

  replace(broadcast: Broadcast, etag: string): Promise<string | undefined> {
    return replaceEntity(this.table, toEntity(broadcast), etag);
  }

  async delete(id: string, etag: string): Promise<boolean> {
    try {
      await this.table.deleteEntity(PARTITION, id, { etag });
      return true;
    } catch (error) {
      if (statusOf(error) === 412 || statusOf(error) === 404) return false;
      throw error;
    }
  }

  async list(query: { readonly states?: readonly BroadcastState[]; readonly authorEmail?: string; readonly limit?: number } = {}): Promise<Broadcast[]> {
    const conditions = [`PartitionKey eq '${PARTITION}'`];
    if (query.states) conditions.push(`(${query.states.map((s) => `state eq '${s}'`).join(' or ')})`);
    if (query.authorEmail !== undefined) conditions.push(`authorEmail eq '${query.authorEmail.replace(/'/g, "''")}'`);
    const result: Broadcast[] = [];
    // Rows come in RowKey order, which is newest first.
    for await (const entity of this.table.listEntities<BroadcastEntity>({ queryOptions: { filter: conditions.join(' and ') } })) {
      result.push(toBroadcast(entity.rowKey!, entity));
      if (query.limit !== undefined && result.length >= query.limit) break;
    }
    return result;
  }
}

const iso = (at: Date | undefined) => at?.toISOString() ?? '';
const date = (value: string | undefined) => (value ? new Date(value) : undefined);

function toEntity(b: Broadcast): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = {
    partitionKey: PARTITION,
    rowKey: b.id,
    authorEmail: b.authorEmail,
    locale: b.locale,
    state: b.state,
    audience: b.audience,
    municipalities: JSON.stringify(b.municipalities),
    ack: b.ack,
    sendAt: iso(b.sendAt),
    createdAt: iso(b.createdAt),
    updatedAt: iso(b.updatedAt),
    startedAt: iso(b.startedAt),
    finishedAt: iso(b.finishedAt),
    recipientCount: b.recipientCount,
    cardDeliveryId: b.cardDeliveryId,
    progressAt: iso(b.progressAt),
    revision: b.revision,
    correctedAt: iso(b.correctedAt),
    remindedAt: iso(b.remindedAt),
    remindedCount: b.remindedCount,
  };
  writeJsonChunks(entity, CONTENT, b.content);
  return entity;
}

function toBroadcast(id: string, e: BroadcastEntity): Broadcast {
  const optional = { sendAt: date(e.sendAt), startedAt: date(e.startedAt), finishedAt: date(e.finishedAt), progressAt: date(e.progressAt), correctedAt: date(e.correctedAt), remindedAt: date(e.remindedAt) };
  return {
    id,
    authorEmail: e.authorEmail,
    locale: LOCALES.find((l) => l === e.locale) ?? ('de' satisfies Locale),
    state: BROADCAST_STATES.find((s) => s === e.state) ?? 'draft',
    content: readJsonChunks(e as unknown as Record<string, unknown>, CONTENT) as BroadcastContent,
    audience: AUDIENCES.find((a) => a === e.audience) ?? ('cdos' satisfies Audience),
    municipalities: JSON.parse(e.municipalities || '[]') as string[],
    ack: e.ack === true,
    createdAt: new Date(e.createdAt),
    updatedAt: new Date(e.updatedAt),
    recipientCount: Number(e.recipientCount ?? 0),
    cardDeliveryId: e.cardDeliveryId ?? '',
    revision: Number(e.revision ?? 0),
    remindedCount: Number(e.remindedCount ?? 0),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}
