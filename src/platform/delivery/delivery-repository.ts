import type { TableClient, TableEntityResult } from '@azure/data-tables';
import { deliveryId, parseDeliveryId, type Delivery, type DeliveryOutcome, type DeliveryRepository, type DeliveryStatus, type Recipient, type Versioned } from './outbox';
import { createEntity, decodeKey, encodeKey, getEntity, listPartition, partitionFilter, readJsonChunks, replaceEntity, statusOf, TABLES, writeJsonChunks, type TableStore } from '../storage/table-store';

/**
 * Table `deliveries`, the outbox:
 * - PartitionKey = the batch (a check-in round, a broadcast), RowKey = the delivery's key within it, escaped.
 *   A batch's progress is one partition query; creating a batch is a few entity group transactions; a
 *   delivery is point-read and replaced with its ETag, which is what makes a claim safe between instances.
 * - PartitionKey `~open` (no batch can be named so), RowKey = a batch with deliveries that may still need
 *   work. Pending deliveries are found by reading these few batches instead of scanning the table. A batch
 *   is marked open before its deliveries are written and dropped when none is pending or sending and it
 *   was not touched for {@link OPEN_BATCH_QUIET_MS}, so an enqueue in progress never loses its mark.
 */
const OPEN = '~open';
const OPEN_BATCH_QUIET_MS = 10 * 60_000;
const PAYLOAD = { count: 'payloadChunks', prefix: 'payload' } as const;

/** The properties of a delivery but its message, for {@link TableDeliveryRepository.listOutcomes}. */
const OUTCOME_PROPERTIES = ['batch', 'key', 'recipient', 'status', 'attempts', 'nextAttemptAt', 'lastError', 'errorCode', 'activityId', 'conversationId', 'claimedBy', 'claimUntil', 'revision', 'sentRevision', 'createdAt', 'sentAt', 'updatedAt'] as const;

interface DeliveryEntity {
  batch: string;
  key: string;
  recipient: string;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string;
  errorCode: string;
  activityId: string;
  conversationId: string;
  claimedBy: string;
  claimUntil: string;
  revision: number;
  sentRevision: number;
  createdAt: string;
  sentAt: string;
  updatedAt: string;
}

interface OpenBatchEntity {
  batch: string;
  touchedAt: string;
}

export class TableDeliveryRepository implements DeliveryRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(TABLES.deliveries);
  }

  async createMany(deliveries: readonly Delivery[], now: Date): Promise<Versioned<Delivery>[]> {
    const batches = [...new Set(deliveries.map((d) => d.batch))];
    await Promise.all(batches.map((batch) => this.table.upsertEntity({ partitionKey: OPEN, rowKey: encodeKey(batch), batch, touchedAt: now.toISOString() }, 'Replace')));
    const stored = new Map<string, Versioned<Delivery>>();
    for (const batch of batches) {
      const items = deliveries.filter((d) => d.batch === batch);
      for (let i = 0; i < items.length; i += 100) {
        const chunk = items.slice(i, i + 100);
        try {
          const response = await this.table.submitTransaction(chunk.map((d) => ['create', toEntity(d)] as const));
          for (const d of chunk) stored.set(d.id, { value: d, etag: response.getResponseForEntity(encodeKey(d.key))?.etag ?? '' });
        } catch {
          // Some exist already (an enqueue repeated): create one by one and read back the ones that exist.
          await Promise.all(chunk.map(async (d) => stored.set(d.id, await this.createOne(d))));
        }
      }
    }
    return deliveries.map((d) => stored.get(d.id)!);
  }

  private async createOne(delivery: Delivery): Promise<Versioned<Delivery>> {
    const etag = await createEntity(this.table, toEntity(delivery));
    if (etag !== undefined) return { value: delivery, etag };
    const existing = await this.get(delivery.id);
    if (!existing) throw new Error(`Delivery ${delivery.id} exists (409) but cannot be read`);
    return existing;
  }

  async get(id: string): Promise<Versioned<Delivery> | undefined> {
    const parsed = parseDeliveryId(id);
    if (!parsed) return undefined;
    const entity = await getEntity<DeliveryEntity>(this.table, parsed.batch, encodeKey(parsed.key));
    return entity && { value: toDelivery(entity), etag: entity.etag };
  }

  replace(delivery: Delivery, etag: string): Promise<string | undefined> {
    return replaceEntity(this.table, toEntity(delivery), etag);
  }

  async listBatch(batch: string): Promise<Delivery[]> {
    const entities = await listPartition<DeliveryEntity>(this.table, batch);
    return entities.map(toDelivery).sort(byCreation);
  }

  async listOutcomes(batch: string): Promise<DeliveryOutcome[]> {
    const result: DeliveryOutcome[] = [];
    const queryOptions = { filter: partitionFilter(batch), select: [...OUTCOME_PROPERTIES] };
    for await (const entity of this.table.listEntities<DeliveryEntity>({ queryOptions })) result.push(toOutcome(entity as TableEntityResult<DeliveryEntity>));
    return result.sort(byCreation);
  }

  async listUnfinished(now: Date): Promise<Versioned<Delivery>[]> {
    const open = await listPartition<OpenBatchEntity>(this.table, OPEN);
    const result: Versioned<Delivery>[] = [];
    for (const marker of open) {
      const filter = `${partitionFilter(marker.batch)} and (status eq 'pending' or status eq 'sending')`;
      const before = result.length;
      for await (const entity of this.table.listEntities<DeliveryEntity>({ queryOptions: { filter } })) {
        result.push({ value: toDelivery(entity as TableEntityResult<DeliveryEntity>), etag: entity.etag });
      }
      const quiet = now.getTime() - Date.parse(marker.touchedAt) > OPEN_BATCH_QUIET_MS;
      if (result.length === before && quiet) {
        try {
          await this.table.deleteEntity(OPEN, marker.rowKey!, { etag: marker.etag });
        } catch (error) {
          // Touched (412) or dropped (404) by someone else meanwhile: both are fine.
          if (statusOf(error) !== 412 && statusOf(error) !== 404) throw error;
        }
      }
    }
    return result.sort((a, b) => byCreation(a.value, b.value));
  }

  async listForReport(limit: number): Promise<Delivery[]> {
    const statuses: DeliveryStatus[] = ['pending', 'sending', 'failed', 'unreachable'];
    const filter = `PartitionKey ne '${OPEN}' and (${statuses.map((s) => `status eq '${s}'`).join(' or ')})`;
    const result: Delivery[] = [];
    for await (const entity of this.table.listEntities<DeliveryEntity>({ queryOptions: { filter } })) {
      result.push(toDelivery(entity as TableEntityResult<DeliveryEntity>));
    }
    return result.sort(byCreation).slice(0, limit);
  }
}

function byCreation(a: DeliveryOutcome, b: DeliveryOutcome): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

function toEntity(delivery: Delivery): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = {
    partitionKey: delivery.batch,
    rowKey: encodeKey(delivery.key),
    batch: delivery.batch,
    key: delivery.key,
    recipient: JSON.stringify(delivery.recipient),
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt,
    lastError: delivery.lastError.slice(0, 1000),
    errorCode: delivery.errorCode,
    activityId: delivery.activityId,
    conversationId: delivery.conversationId,
    claimedBy: delivery.claimedBy,
    claimUntil: delivery.claimUntil,
    revision: delivery.revision,
    sentRevision: delivery.sentRevision,
    createdAt: delivery.createdAt,
    sentAt: delivery.sentAt,
    updatedAt: delivery.updatedAt,
  };
  writeJsonChunks(entity, PAYLOAD, delivery.payload);
  return entity;
}

function toDelivery(entity: TableEntityResult<DeliveryEntity>): Delivery {
  return { ...toOutcome(entity), payload: readJsonChunks(entity as unknown as Record<string, unknown>, PAYLOAD) as Record<string, unknown> };
}

function toOutcome(entity: TableEntityResult<DeliveryEntity>): DeliveryOutcome {
  const key = entity.key ?? decodeKey(entity.rowKey ?? '');
  return {
    id: deliveryId(entity.batch, key),
    batch: entity.batch,
    key,
    recipient: JSON.parse(entity.recipient) as Recipient,
    status: entity.status as DeliveryStatus,
    attempts: entity.attempts ?? 0,
    nextAttemptAt: entity.nextAttemptAt ?? '',
    lastError: entity.lastError ?? '',
    errorCode: entity.errorCode ?? '',
    activityId: entity.activityId ?? '',
    conversationId: entity.conversationId ?? '',
    claimedBy: entity.claimedBy ?? '',
    claimUntil: entity.claimUntil ?? '',
    revision: entity.revision ?? 1,
    sentRevision: entity.sentRevision ?? 0,
    createdAt: entity.createdAt,
    sentAt: entity.sentAt ?? '',
    updatedAt: entity.updatedAt ?? '',
  };
}
