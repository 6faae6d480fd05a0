import { randomUUID } from 'node:crypto';
import type { DirectoryVersionRepository } from './repositories';
import { getEntity, TABLES, type TableStore } from '../storage/table-store';

/**
 * Table `meta`: small named values shared by all instances. PartitionKey `meta`, RowKey = the value's name.
 * Row `directoryVersion` holds a random marker replaced on every directory write; instances compare it with
 * one point read to know whether their search index is stale. A random value (not a counter) needs no
 * read-modify-write, so concurrent writers cannot conflict: any change of the value means "changed".
 */
const PARTITION = 'meta';
const DIRECTORY_VERSION = 'directoryVersion';

interface MetaEntity {
  value: string;
}

export class TableDirectoryVersionRepository implements DirectoryVersionRepository {
  constructor(private readonly store: TableStore) {}

  private get table() {
    return this.store.table(TABLES.meta);
  }

  async current(): Promise<string> {
    return (await getEntity<MetaEntity>(this.table, PARTITION, DIRECTORY_VERSION))?.value ?? '';
  }

  async bump(): Promise<void> {
    await this.table.upsertEntity({ partitionKey: PARTITION, rowKey: DIRECTORY_VERSION, value: randomUUID() }, 'Replace');
  }
}
