import type { TableClient, TableEntity } from '@azure/data-tables';
import { createEntity, decodeKey, encodeKey, getEntity, listPartition, type TableStore } from '../../../platform/storage/table-store';
import type { AckRepository } from '../domain/repositories';
import { BROADCAST_TABLES } from './names';

/**
 * Table `broadcastacks`: PartitionKey = the broadcast's id, RowKey = the recipient's e-mail (escaped). A
 * broadcast's confirmations are one partition query (its report); a confirmation is created once, so a
 * second click (or two at once) keeps the first time.
 */
interface AckEntity {
  ackedAt: string;
}

export class TableAckRepository implements AckRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(BROADCAST_TABLES.acks);
  }

  async add(broadcastId: string, email: string, at: Date): Promise<Date> {
    const entity: TableEntity<AckEntity> = { partitionKey: broadcastId, rowKey: encodeKey(email), ackedAt: at.toISOString() };
    if ((await createEntity(this.table, entity)) !== undefined) return at;
    return (await this.get(broadcastId, email)) ?? at;
  }

  async get(broadcastId: string, email: string): Promise<Date | undefined> {
    const entity = await getEntity<AckEntity>(this.table, broadcastId, encodeKey(email));
    return entity && new Date(entity.ackedAt);
  }

  async list(broadcastId: string): Promise<ReadonlyMap<string, Date>> {
    const entities = await listPartition<AckEntity>(this.table, broadcastId);
    return new Map(entities.map((e) => [decodeKey(e.rowKey!), new Date(e.ackedAt)]));
  }
}
