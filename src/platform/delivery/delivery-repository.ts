import type { TableClient, TableEntityResult } from '@azure/data-tables';
import { deliveryId, parseDeliveryId, type Delivery, type DeliveryOutcome, type DeliveryRepository, type DeliveryStatus, type Recipient, type Versioned } from './outbox';
import {
  createEntity,
  decodeKey,
  deleteEntity,
  deletePartitioned,
  encodeKey,
  getEntity,
  listPartition,
  listPartitionRange,
  oncePerTable,
  partitionFilter,
  readJsonChunks,
  replaceEntity,
  statusOf,
  TABLES,
  writeJsonChunks,
  type EntityKeys,
  type TableStore,
} from '../storage/table-store';

/**
 * Table `deliveries`, the outbox:
 * - PartitionKey = the batch (a check-in round, a broadcast), RowKey = the delivery's key within it, escaped.
 *   A batch's progress is one partition query; creating a batch is a few entity group transactions; a
 *   delivery is point-read and replaced with its ETag, which is what makes a claim safe between instances.
 * - PartitionKey `~open` (no batch can be named so: batch names have no `~`), RowKey = a batch with deliveries
 *   that may still need work. Pending deliveries are found by reading these few batches instead of scanning the
 *   table. A batch is marked open before its deliveries are written and dropped when none is pending or sending
 *   and it was not touched for {@link OPEN_BATCH_QUIET_MS}, so an enqueue in progress never loses its mark.
 * - PartitionKey `~day|yyyy-MM-dd` (the UTC day deliveries were enqueued into a batch), RowKey = the batch: what
 *   retention reads to find old batches, a range of partitions before a day instead of the whole table.
 * - PartitionKey `~flag|failed`, `~flag|unreachable`, `~flag|uncertain`, RowKey = `batch|key`: the deliveries an
 *   operator must see (`npm run cli -- deliveries`), one partition per reason. A flag is written before the
 *   delivery it points to, so that it is never missing; a reader checks the delivery itself.
 * - PartitionKey `~meta`, RowKey `indexes-1`: the day and flag partitions were built for deliveries stored
 *   before they existed (one scan of the table, once).
 */
const OPEN = '~open';
const OPEN_BATCH_QUIET_MS = 10 * 60_000;
const DAY = '~day|';
const FLAG = '~flag|';
const INDEXES = 'indexes-1';
const FLAGS = ['failed', 'unreachable', 'uncertain'] as const;
type Flag = (typeof FLAGS)[number];
const FINISHED: readonly string[] = ['sent', 'failed', 'unreachable'] satisfies DeliveryStatus[];
const PAYLOAD = { count: 'payloadChunks', prefix: 'payload' } as const;

/** The flag partitions a delivery belongs in. */
function flagsOf(delivery: { status: string; uncertain?: boolean }): Flag[] {
  return FLAGS.filter((flag) => (flag === 'uncertain' ? delivery.uncertain === true : delivery.status === flag));
}

/** The UTC day of an ISO time, as day partitions name it. */
function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

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
  uncertain?: boolean;
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

interface DayEntity {
  batch: string;
}

interface FlagEntity {
  batch: string;
  key: string;
  createdAt: string;
}

export class TableDeliveryRepository implements DeliveryRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(TABLES.deliveries);
  }

  async createMany(deliveries: readonly Delivery[], now: Date): Promise<Versioned<Delivery>[]> {
    const batches = [...new Set(deliveries.map((d) => d.batch))];
    await Promise.all([
      ...batches.flatMap((batch) => [
        this.table.upsertEntity({ partitionKey: OPEN, rowKey: encodeKey(batch), batch, touchedAt: now.toISOString() }, 'Replace'),
        this.table.upsertEntity({ partitionKey: `${DAY}${dayOf(now.toISOString())}`, rowKey: encodeKey(batch), batch }, 'Replace'),
      ]),
      ...deliveries.map((d) => this.flag(d)),
    ]);
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

  async replace(delivery: Delivery, etag: string, samePayload = false): Promise<string | undefined> {
    await this.flag(delivery);
    if (!samePayload) return replaceEntity(this.table, toEntity(delivery), etag);
    // A merge of the state alone, guarded by the same ETag: the payload (a card of many kilobytes) stays as stored.
    const { partitionKey, rowKey, ...state } = toEntity(delivery, false);
    return replaceEntity(this.table, { partitionKey, rowKey, ...state }, etag, 'Merge');
  }

  /** Writes the flags a delivery needs (before the delivery itself: a flag may be stale, never missing). */
  private async flag(delivery: Delivery): Promise<void> {
    const flags = flagsOf(delivery);
    if (flags.length === 0) return;
    const rowKey = `${delivery.batch}|${encodeKey(delivery.key)}`;
    await Promise.all(flags.map((flag) => this.table.upsertEntity({ partitionKey: `${FLAG}${flag}`, rowKey, batch: delivery.batch, key: delivery.key, createdAt: delivery.createdAt }, 'Replace')));
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
      const unfinished = await this.unfinishedIn(marker.batch);
      result.push(...unfinished);
      const quiet = now.getTime() - Date.parse(marker.touchedAt) > OPEN_BATCH_QUIET_MS;
      if (unfinished.length === 0 && quiet) {
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

  /** The pending and sending deliveries of one batch: a query of its partition. */
  private async unfinishedIn(batch: string): Promise<Versioned<Delivery>[]> {
    const filter = `${partitionFilter(batch)} and (status eq 'pending' or status eq 'sending')`;
    const result: Versioned<Delivery>[] = [];
    for await (const entity of this.table.listEntities<DeliveryEntity>({ queryOptions: { filter } })) {
      result.push({ value: toDelivery(entity as TableEntityResult<DeliveryEntity>), etag: entity.etag });
    }
    return result;
  }

  /**
   * Reads partitions only: the open batches' pending and sending deliveries, and the flag partitions (failed,
   * unreachable, uncertain), whose deliveries are point-read oldest first until `limit` are found.
   */
  async listForReport(limit: number): Promise<Delivery[]> {
    await this.ensureIndexes();
    const open = await listPartition<OpenBatchEntity>(this.table, OPEN);
    const result = new Map<string, Delivery>();
    for (const marker of open) for (const { value } of await this.unfinishedIn(marker.batch)) result.set(value.id, value);
    const flagged = (await Promise.all(FLAGS.map((flag) => listPartition<FlagEntity>(this.table, `${FLAG}${flag}`)))).flat();
    const candidates = [...new Map(flagged.map((f) => [deliveryId(f.batch, f.key), f])).values()]
      .filter((f) => !result.has(deliveryId(f.batch, f.key)))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.rowKey!.localeCompare(b.rowKey!));
    let found = 0;
    for (let i = 0; i < candidates.length && found < limit; i += 20) {
      const read = await Promise.all(candidates.slice(i, i + 20).map((f) => this.get(deliveryId(f.batch, f.key))));
      for (const stored of read) {
        // A flag written for a change that did not happen (the write after it lost a race) points nowhere.
        if (!stored || flagsOf(stored.value).length === 0) continue;
        result.set(stored.value.id, stored.value);
        found++;
      }
    }
    return [...result.values()].sort(byCreation).slice(0, limit);
  }

  /**
   * Deletes the finished deliveries (sent, failed, unreachable) last changed before `cutoff`, batch by batch,
   * in transactions per partition; the batches are found in the day partitions before the cutoff's day. A batch
   * is forgotten (its day and open marks) once nothing of it is left. Returns how many deliveries were deleted.
   */
  async deleteFinishedBefore(cutoff: Date): Promise<number> {
    await this.ensureIndexes();
    const before = cutoff.toISOString();
    const days = await listPartitionRange<DayEntity>(this.table, DAY, `${DAY}${dayOf(before)}`);
    const byBatch = new Map<string, EntityKeys[]>();
    for (const day of days) byBatch.set(day.batch, [...(byBatch.get(day.batch) ?? []), { partitionKey: day.partitionKey!, rowKey: day.rowKey! }]);
    let deleted = 0;
    for (const [batch, marks] of byBatch) {
      const entities = await listPartition<DeliveryEntity>(this.table, batch);
      const old = entities.filter((e) => FINISHED.includes(e.status) && (e.updatedAt || e.createdAt) < before);
      // Flags first: a flag without its delivery is skipped by readers, a delivery without its flag would be lost to them.
      await deletePartitioned(
        this.table,
        old.flatMap((e) => flagsOf(e).map((flag) => ({ partitionKey: `${FLAG}${flag}`, rowKey: `${batch}|${e.rowKey!}` }))),
      );
      deleted += await deletePartitioned(this.table, old.map((e) => ({ partitionKey: e.partitionKey!, rowKey: e.rowKey! })));
      if (old.length === entities.length) {
        await deletePartitioned(this.table, marks);
        await deleteEntity(this.table, OPEN, encodeKey(batch));
      }
    }
    return deleted;
  }

  /** Builds the indexes for deliveries stored before they existed (day and flag partitions): one scan of the batches' partitions, once per table. */
  private readonly ensureIndexes = oncePerTable(() => this.table, INDEXES, () => this.buildIndexes());

  private async buildIndexes(): Promise<void> {
    const firstDay = new Map<string, string>();
    const flags: Promise<unknown>[] = [];
    const select = ['PartitionKey', 'RowKey', 'batch', 'key', 'status', 'uncertain', 'createdAt'];
    for await (const entity of this.table.listEntities<DeliveryEntity>({ queryOptions: { filter: "PartitionKey lt '~'", select } })) {
      const day = dayOf(entity.createdAt ?? '');
      if (day && (firstDay.get(entity.batch) ?? '9999') > day) firstDay.set(entity.batch, day);
      for (const flag of flagsOf(entity)) {
        flags.push(this.table.upsertEntity({ partitionKey: `${FLAG}${flag}`, rowKey: `${entity.batch}|${entity.rowKey!}`, batch: entity.batch, key: entity.key, createdAt: entity.createdAt }, 'Replace'));
      }
    }
    await Promise.all(flags);
    await Promise.all([...firstDay].map(([batch, day]) => this.table.upsertEntity({ partitionKey: `${DAY}${day}`, rowKey: encodeKey(batch), batch }, 'Replace')));
  }
}

function byCreation(a: DeliveryOutcome, b: DeliveryOutcome): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** The entity of a delivery; without `payload`, its state only (for a merge). */
function toEntity(delivery: Delivery, payload = true): Record<string, unknown> & { partitionKey: string; rowKey: string } {
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
    uncertain: delivery.uncertain,
    revision: delivery.revision,
    sentRevision: delivery.sentRevision,
    createdAt: delivery.createdAt,
    sentAt: delivery.sentAt,
    updatedAt: delivery.updatedAt,
  };
  if (payload) writeJsonChunks(entity, PAYLOAD, delivery.payload);
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
    uncertain: entity.uncertain ?? false,
    revision: entity.revision ?? 1,
    sentRevision: entity.sentRevision ?? 0,
    createdAt: entity.createdAt,
    sentAt: entity.sentAt ?? '',
    updatedAt: entity.updatedAt ?? '',
  };
}
