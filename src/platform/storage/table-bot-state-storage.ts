import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import type { Storage, StoreItems } from 'botbuilder';
import { deleteEntity, encodeKey, getEntity, readJsonChunks, replaceEntity, TABLES, writeJsonChunks, type ChunkLayout, type TableStore } from './table-store';

/**
 * botbuilder's `Storage` on table `botstate`, so conversation and user state survive restarts and are shared
 * by every instance. PartitionKey = the state key (escaped, hashed when longer than a key may be), RowKey
 * empty: every read is a point read and unrelated keys never contend. The JSON is split over properties of
 * at most 30,000 characters (a string property holds 64 KiB of UTF-16).
 *
 * Concurrency follows botbuilder's contract: an item written with the `eTag` it was read with fails if
 * someone else wrote in between; `*` or no `eTag` overwrites.
 */
const MAX_CHARS = 900_000;
const LAYOUT: ChunkLayout = { count: 'chunks', prefix: 'd' };

/** Two writers met on one state key; the later one must re-read and try again. */
export class StateConflictError extends Error {
  readonly code = 'STATE_CONFLICT';
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'StateConflictError';
  }
}

export class TableBotStateStorage implements Storage {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(TABLES.botState);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const entity = await getEntity<Record<string, unknown>>(this.table, partitionOf(key), '');
        if (!entity) return;
        items[key] = { ...(readJsonChunks(entity, LAYOUT) as object), eTag: entity.etag };
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const { eTag, ...data } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
        const length = JSON.stringify(data).length;
        if (length > MAX_CHARS) throw new Error(`Storage: state "${key}" is too large (${length} characters)`);
        const entity: Record<string, unknown> & { partitionKey: string; rowKey: string } = { partitionKey: partitionOf(key), rowKey: '' };
        writeJsonChunks(entity, LAYOUT, data);
        if (!eTag || eTag === '*') {
          await this.table.upsertEntity(entity, 'Replace');
          return;
        }
        if ((await replaceEntity(this.table, entity, eTag)) === undefined) throw new StateConflictError(key);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => deleteEntity(this.table, partitionOf(key), '')));
  }
}

function partitionOf(key: string): string {
  const encoded = encodeKey(key);
  return encoded.length <= 512 ? encoded : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}
