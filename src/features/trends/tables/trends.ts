import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { createEntity, encodeKey, getEntity, listPartition, type TableStore } from '../../../platform/storage/table-store';
import type { ConcernedProject, Trend, TrendSource } from '../domain/model';
import type { TrendRepository } from '../domain/repositories';
import { TREND_TABLES } from './names';

/**
 * Table `trends`:
 * - PartitionKey `trend`, RowKey = note id: the notes. One partition, so the whole list (for the in-memory index,
 *   rebuilt only when the version moved) is one query; a working group posts a few notes a week.
 * - PartitionKey `post`, RowKey = the channel post's Teams id: which note a reaction is about, with one point read.
 * - PartitionKey `meta`, RowKey `version`: rewritten with every new note, its delivery and its post recorded; instances
 *   compare it before they use their index (see `TrendIndexCache`).
 */
const TREND = 'trend';
const POST = 'post';
const META = 'meta';
const VERSION = 'version';

interface TrendEntity {
  title: string;
  link: string;
  summary: string;
  tags: string;
  field: string;
  scoutEmail: string;
  createdAt: string;
  source: string;
  projects: string;
  deliveryId: string;
  postId: string;
  postConversationId: string;
}

export class TableTrendRepository implements TrendRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(TREND_TABLES.trends);
  }

  async create(trend: Trend): Promise<'created' | 'exists'> {
    const created = await createEntity(this.table, { partitionKey: TREND, rowKey: trend.id, ...toEntity(trend) });
    if (created === undefined) return 'exists';
    await this.moveVersion();
    return 'created';
  }

  private async moveVersion(): Promise<void> {
    await this.table.upsertEntity({ partitionKey: META, rowKey: VERSION, version: randomUUID() }, 'Replace');
  }

  async get(id: string): Promise<Trend | undefined> {
    const entity = await getEntity<TrendEntity>(this.table, TREND, id);
    return entity && toTrend(entity.rowKey!, entity);
  }

  async list(): Promise<Trend[]> {
    return (await listPartition<TrendEntity>(this.table, TREND)).map((e) => toTrend(e.rowKey!, e));
  }

  async setDelivery(id: string, deliveryId: string): Promise<void> {
    await this.table.updateEntity({ partitionKey: TREND, rowKey: id, deliveryId }, 'Merge');
    await this.moveVersion();
  }

  async setPost(id: string, postId: string, conversationId: string): Promise<void> {
    await this.table.upsertEntity({ partitionKey: POST, rowKey: encodeKey(postId), trendId: id }, 'Replace');
    await this.table.updateEntity({ partitionKey: TREND, rowKey: id, postId, postConversationId: conversationId }, 'Merge');
    // The indexes learn the post's id, so a reaction naming it in another form is matched from memory.
    await this.moveVersion();
  }

  async byPost(postId: string): Promise<string | undefined> {
    if (postId.length > 512) return undefined;
    return (await getEntity<{ trendId: string }>(this.table, POST, encodeKey(postId)))?.trendId;
  }

  async version(): Promise<string> {
    return (await getEntity<{ version: string }>(this.table, META, VERSION))?.version ?? '';
  }
}

function toEntity(trend: Trend): TrendEntity {
  return {
    title: trend.title,
    link: trend.link,
    summary: trend.summary,
    tags: JSON.stringify(trend.tags),
    field: trend.field,
    scoutEmail: trend.scoutEmail,
    createdAt: trend.createdAt.toISOString(),
    source: trend.source,
    projects: JSON.stringify(trend.projects),
    deliveryId: trend.deliveryId,
    postId: trend.postId,
    postConversationId: trend.postConversationId,
  };
}

function toTrend(id: string, e: TrendEntity): Trend {
  return {
    id,
    title: e.title,
    link: e.link ?? '',
    summary: e.summary ?? '',
    tags: JSON.parse(e.tags || '[]') as string[],
    field: e.field ?? '',
    scoutEmail: e.scoutEmail,
    createdAt: new Date(e.createdAt),
    source: (e.source ?? 'line') as TrendSource,
    projects: JSON.parse(e.projects || '[]') as ConcernedProject[],
    deliveryId: e.deliveryId ?? '',
    postId: e.postId ?? '',
    postConversationId: e.postConversationId ?? '',
  };
}
