import type { TableClient } from '@azure/data-tables';
import { createEntity, deleteEntity, getEntity, listPartition, upsertPartition, type TableStore } from '../../../platform/storage/table-store';
import type { Digest, EntryMatch, EntryStatus, Feed, FeedEntry, FeedRepository, FeedStatus } from '../domain/feeds';
import { TREND_TABLES } from './names';

/**
 * Table `trendfeeds`: PartitionKey `feed`, RowKey = feed id: the feeds (a handful; the check lists them all);
 * PartitionKey `digest`, RowKey = check id: which entries a check's digest offered, in order, for redrawing a
 * digest card after a click.
 *
 * Table `trendfeedentries`, PartitionKey = feed id, RowKey = entry key: every entry ever seen, so each is offered
 * once. A check reads the keys of the entries a fetch returned with one point read each (a feed lists tens), never
 * the whole partition, which grows with the feed's history.
 */
const FEED = 'feed';
const DIGEST = 'digest';

interface FeedEntity {
  url: string;
  title: string;
  keywords: string;
  tags: string;
  addedBy: string;
  addedAt: string;
  /** The feed's HTTP ETag (not `etag`, which the Table SDK uses for the entity's own). */
  httpEtag: string;
  lastModified: string;
  lastFetchAt: string;
  status: string;
  lastError: string;
  entriesSeen: number;
}

interface EntryEntity {
  source: string;
  title: string;
  link: string;
  summary: string;
  publishedAt: string;
  seenAt: string;
  matches: string;
  status: string;
  check: string;
  trendId: string;
  sharedBy: string;
  ignoredBy: string;
}

export class TableFeedRepository implements FeedRepository {
  constructor(private readonly store: TableStore) {}

  private get feeds(): TableClient {
    return this.store.table(TREND_TABLES.feeds);
  }

  private get entryTable(): TableClient {
    return this.store.table(TREND_TABLES.entries);
  }

  async list(): Promise<Feed[]> {
    return (await listPartition<FeedEntity>(this.feeds, FEED)).map((e) => toFeed(e.rowKey!, e));
  }

  async get(id: string): Promise<Feed | undefined> {
    const entity = await getEntity<FeedEntity>(this.feeds, FEED, id);
    return entity && toFeed(id, entity);
  }

  async create(feed: Feed): Promise<boolean> {
    return (await createEntity(this.feeds, { partitionKey: FEED, rowKey: feed.id, ...fromFeed(feed) })) !== undefined;
  }

  async recordFetch(feed: Feed): Promise<void> {
    // Merge: a feed removed meanwhile is not brought back (the update fails with 404 and is dropped).
    try {
      await this.feeds.updateEntity({ partitionKey: FEED, rowKey: feed.id, ...fromFeed(feed) }, 'Merge');
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
  }

  remove(id: string): Promise<boolean> {
    return deleteEntity(this.feeds, FEED, id);
  }

  async entries(feedId: string, keys: readonly string[]): Promise<Map<string, FeedEntry>> {
    const found = await Promise.all(keys.map((key) => this.entry(feedId, key)));
    return new Map(found.flatMap((e) => (e ? [[e.key, e] as const] : [])));
  }

  async entry(feedId: string, key: string): Promise<FeedEntry | undefined> {
    const entity = await getEntity<EntryEntity>(this.entryTable, feedId, key);
    return entity && toEntry(feedId, key, entity);
  }

  async saveEntries(entries: readonly FeedEntry[]): Promise<void> {
    const byFeed = new Map<string, FeedEntry[]>();
    for (const entry of entries) byFeed.set(entry.feedId, [...(byFeed.get(entry.feedId) ?? []), entry]);
    for (const [feedId, list] of byFeed) await upsertPartition(this.entryTable, list.map((e) => ({ partitionKey: feedId, rowKey: e.key, ...fromEntry(e) })));
  }

  async saveDigest(digest: Digest): Promise<void> {
    await this.feeds.upsertEntity({ partitionKey: DIGEST, rowKey: digest.check, entries: JSON.stringify(digest.entries), skipped: digest.skipped }, 'Replace');
  }

  async digest(check: string): Promise<Digest | undefined> {
    const entity = await getEntity<{ entries: string; skipped: number }>(this.feeds, DIGEST, check);
    return entity && { check, entries: JSON.parse(entity.entries) as Digest['entries'], skipped: Number(entity.skipped ?? 0) };
  }
}

function fromFeed(feed: Feed): FeedEntity {
  return {
    url: feed.url,
    title: feed.title,
    keywords: JSON.stringify(feed.keywords),
    tags: JSON.stringify(feed.tags),
    addedBy: feed.addedBy,
    addedAt: feed.addedAt.toISOString(),
    httpEtag: feed.etag,
    lastModified: feed.lastModified,
    lastFetchAt: feed.lastFetchAt?.toISOString() ?? '',
    status: feed.status,
    lastError: feed.lastError.slice(0, 1000),
    entriesSeen: feed.entriesSeen,
  };
}

function toFeed(id: string, e: FeedEntity): Feed {
  return {
    id,
    url: e.url,
    title: e.title ?? '',
    keywords: JSON.parse(e.keywords || '[]') as string[],
    tags: JSON.parse(e.tags || '[]') as string[],
    addedBy: e.addedBy ?? '',
    addedAt: new Date(e.addedAt),
    etag: e.httpEtag ?? '',
    lastModified: e.lastModified ?? '',
    lastFetchAt: e.lastFetchAt ? new Date(e.lastFetchAt) : undefined,
    status: (e.status ?? 'new') as FeedStatus,
    lastError: e.lastError ?? '',
    entriesSeen: Number(e.entriesSeen ?? 0),
  };
}

function fromEntry(e: FeedEntry): EntryEntity {
  return {
    source: e.source,
    title: e.title,
    link: e.link,
    summary: e.summary,
    publishedAt: e.publishedAt?.toISOString() ?? '',
    seenAt: e.seenAt.toISOString(),
    matches: JSON.stringify(e.matches),
    status: e.status,
    check: e.check,
    trendId: e.trendId,
    sharedBy: e.sharedBy,
    ignoredBy: JSON.stringify(e.ignoredBy),
  };
}

function toEntry(feedId: string, key: string, e: EntryEntity): FeedEntry {
  return {
    feedId,
    key,
    source: e.source ?? '',
    title: e.title ?? '',
    link: e.link ?? '',
    summary: e.summary ?? '',
    publishedAt: e.publishedAt ? new Date(e.publishedAt) : undefined,
    seenAt: new Date(e.seenAt),
    matches: JSON.parse(e.matches || '[]') as EntryMatch[],
    status: (e.status ?? 'unmatched') as EntryStatus,
    check: e.check ?? '',
    trendId: e.trendId ?? '',
    sharedBy: e.sharedBy ?? '',
    ignoredBy: JSON.parse(e.ignoredBy || '[]') as string[],
  };
}
