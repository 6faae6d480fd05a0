import type { Person } from '../../../platform/directory/model';
import type { ProjectConcerns, ProjectConcernsSource } from './concerns';
import { isHttpUrl } from './drafts';
import { checkId, feedId, FEED_ID, ENTRY_KEY, CHECK_ID, type Digest, type EntryMatch, type Feed, type FeedEntry, type FeedFailure, type FeedItem, type FeedReader, type FeedRepository } from './feeds';
import { mayPost, TREND_LIMITS } from './model';
import { PhraseMatcher } from './phrases';
import type { PostResult, TrendService } from './service';

/** The most entries one digest shows; older matches of the same check are left out (and counted). */
export const DIGEST_LIMIT = 15;
/** Feeds fetched at once by one check. */
const CONCURRENCY = 4;

/** How the radar reaches the scouts outside a turn (the feature's Teams part, on the outbox). */
export interface FeedNotifier {
  /** One digest card per scout for the check, once (keyed by check and scout). */
  sendDigest(digest: Digest, entries: readonly FeedEntry[], scouts: readonly Person[]): Promise<void>;
}

export interface RadarContext {
  readonly feeds: FeedRepository;
  /** The directory and which of its projects a text concerns. */
  readonly concerns: ProjectConcernsSource;
  readonly now: () => Date;
  readonly read: FeedReader;
  /** The bot's: the command line neither sends digests nor shares. */
  readonly notifier?: FeedNotifier;
  readonly trends?: TrendService;
}

export type AddFeedResult =
  | { readonly kind: 'added'; readonly feed: Feed; readonly entries: number }
  | { readonly kind: 'exists'; readonly feed: Feed }
  | { readonly kind: 'invalidUrl' }
  | { readonly kind: 'failed'; readonly code: FeedFailure; readonly message: string };

/** A feed of an OPML file, as read. */
export interface ImportedFeed {
  readonly url: string;
  readonly title: string;
  readonly keywords: readonly string[];
  readonly tags: readonly string[];
}

export type ImportResult = { readonly kind: 'imported'; readonly added: number; readonly existing: number } | { readonly kind: 'invalid'; readonly problems: readonly { readonly line: number; readonly url: string }[] };

/** What a check did. */
export interface CheckSummary {
  readonly check: string;
  readonly feeds: number;
  readonly failed: number;
  readonly newEntries: number;
  readonly offered: number;
  readonly skipped: number;
}

/** A digest as one scout sees it: the entries in order, each with what became of it. */
export interface DigestView {
  readonly digest: Digest;
  readonly entries: readonly FeedEntry[];
}

export type EntryActionResult =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'notAllowed'; readonly refusal: Extract<PostResult, { kind: 'notAllowed' }> }
  | { readonly kind: 'done'; readonly view: DigestView; readonly error?: Extract<PostResult, { kind: 'invalid' }> };

/** Which of a feed's entries match: the directory's projects and fields of action, and the feed's keywords. */
function matchesOf(item: FeedItem, feed: Feed, concerns: ProjectConcerns): EntryMatch[] {
  const text = [item.title, item.summary, ...item.categories].join(' \n ');
  const keywords = new PhraseMatcher(feed.keywords.map((k) => [k, k] as const));
  return [
    ...concerns.concerned(text).map((p): EntryMatch => ({ kind: 'project', label: p.title })),
    ...concerns.fieldsIn(text).map((f): EntryMatch => ({ kind: 'field', label: f })),
    ...keywords.find(text).map((hit): EntryMatch => ({ kind: 'keyword', label: hit.value })),
  ];
}

/** Runs `work` over the items, at most `limit` at a time. */
async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit) results.push(...(await Promise.all(items.slice(i, i + limit).map(work))));
  return results;
}

/**
 * The scouts' radar: feeds that coordinators and admins add on the command line, fetched by a recurring job;
 * new entries that match the directory's projects or fields of action, or the feed's keywords, are offered to
 * the scouts 1:1 in one digest per check, each entry once (across checks, restarts and instances: an entry is
 * stored when first seen, and a check run again after a crash offers again what it offered before, under the
 * same keys). A scout shares an entry as a trend note in their name, or ignores it.
 */
export function createRadar(ctx: RadarContext) {
  const concernsOf = () => ctx.concerns.current();

  async function view(check: string): Promise<DigestView | undefined> {
    const digest = await ctx.feeds.digest(check);
    if (!digest) return undefined;
    const byFeed = new Map<string, string[]>();
    for (const ref of digest.entries) byFeed.set(ref.feedId, [...(byFeed.get(ref.feedId) ?? []), ref.key]);
    const found = new Map<string, FeedEntry>();
    for (const [id, keys] of byFeed) for (const [key, entry] of await ctx.feeds.entries(id, keys)) found.set(`${id}/${key}`, entry);
    return { digest, entries: digest.entries.flatMap((ref) => found.get(`${ref.feedId}/${ref.key}`) ?? []) };
  }

  /** The entry a digest's button names, checked: it comes from outside. */
  async function entryOf(check: unknown, feed: unknown, key: unknown): Promise<{ check: string; entry: FeedEntry } | undefined> {
    if (typeof check !== 'string' || !CHECK_ID.test(check) || typeof feed !== 'string' || !FEED_ID.test(feed) || typeof key !== 'string' || !ENTRY_KEY.test(key)) return undefined;
    const entry = await ctx.feeds.entry(feed, key);
    return entry && { check, entry };
  }

  return {
    /** `feeds add`: fetched once to check it is a feed (and reachable under the address rules); nothing stored otherwise. */
    async add(url: string, keywords: readonly string[], tags: readonly string[], by: string): Promise<AddFeedResult> {
      if (!isHttpUrl(url)) return { kind: 'invalidUrl' };
      const existing = await ctx.feeds.get(feedId(url));
      if (existing) return { kind: 'exists', feed: existing };
      const read = await ctx.read(url, undefined);
      if (read.kind === 'failed') return read;
      if (read.kind === 'notModified') return { kind: 'failed', code: 'notAFeed', message: 'HTTP 304 without a conditional request' };
      // No validators yet: the first check fetches the whole feed and offers what matches.
      const feed: Feed = { id: feedId(url), url, title: read.title, keywords, tags, addedBy: by, addedAt: ctx.now(), etag: '', lastModified: '', lastFetchAt: undefined, status: 'new', lastError: '', entriesSeen: 0 };
      if (!(await ctx.feeds.create(feed))) return { kind: 'exists', feed: (await ctx.feeds.get(feed.id)) ?? feed };
      return { kind: 'added', feed, entries: read.items.length };
    },

    list: async () => (await ctx.feeds.list()).sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime()),
    remove: (id: string) => (FEED_ID.test(id) ? ctx.feeds.remove(id) : Promise.resolve(false)),

    /** `feeds import`: every address checked first; on any problem nothing is stored. Feeds known already are kept as they are. */
    async import(feeds: readonly ImportedFeed[], by: string): Promise<ImportResult> {
      const problems = feeds.flatMap((f, i) => (isHttpUrl(f.url) ? [] : [{ line: i + 1, url: f.url }]));
      if (problems.length > 0) return { kind: 'invalid', problems };
      let added = 0;
      const unique = new Map(feeds.map((f) => [feedId(f.url), f]));
      for (const [id, f] of unique) {
        const feed: Feed = { id, url: f.url, title: f.title, keywords: f.keywords, tags: f.tags, addedBy: by, addedAt: new Date(ctx.now().getTime() + added), etag: '', lastModified: '', lastFetchAt: undefined, status: 'new', lastError: '', entriesSeen: 0 };
        if (await ctx.feeds.create(feed)) added++;
      }
      return { kind: 'imported', added, existing: unique.size - added };
    },

    /** One check of every feed (the recurring job's occurrence): fetch, remember new entries, offer the matches. */
    async check(occurrence: Date, onError: (feed: Feed, message: string) => void = () => {}): Promise<CheckSummary> {
      const check = checkId(occurrence);
      const [feeds, { directory, concerns: matcher }] = await Promise.all([ctx.feeds.list(), concernsOf()]);
      const now = ctx.now();
      const results = await inBatches(feeds, CONCURRENCY, async (feed) => {
        try {
          const read = await ctx.read(feed.url, feed.status === 'new' ? undefined : { etag: feed.etag, lastModified: feed.lastModified });
          if (read.kind !== 'feed') return { feed, read, fresh: [] as FeedEntry[], again: [] as FeedEntry[] };
          const items = [...new Map(read.items.map((i) => [i.key, i])).values()];
          const stored = await ctx.feeds.entries(feed.id, items.map((i) => i.key));
          const fresh = items
            .filter((i) => !stored.has(i.key))
            .map((item): FeedEntry => {
              const matches = matchesOf(item, feed, matcher);
              return {
                feedId: feed.id,
                key: item.key,
                source: read.title || feed.title,
                title: item.title.slice(0, TREND_LIMITS.title) || item.link || '–',
                link: item.link,
                summary: item.summary.length > TREND_LIMITS.summary ? `${item.summary.slice(0, TREND_LIMITS.summary - 1)}…` : item.summary,
                publishedAt: item.publishedAt,
                seenAt: now,
                matches,
                status: matches.length > 0 ? 'offered' : 'unmatched',
                check: matches.length > 0 ? check : '',
                trendId: '',
                sharedBy: '',
                ignoredBy: [],
              };
            });
          // This check ran before and stopped short (the instance died): what it offered then is offered again.
          const again = [...stored.values()].filter((e) => e.check === check && e.status !== 'unmatched');
          return { feed, read, fresh, again };
        } catch (error) {
          return { feed, read: { kind: 'failed' as const, code: 'network' as const, message: (error as Error).message }, fresh: [], again: [] };
        }
      });
      const matched = results.flatMap((r) => [...r.fresh.filter((e) => e.status !== 'unmatched'), ...r.again]);
      const when = (e: FeedEntry) => (e.publishedAt ?? e.seenAt).getTime();
      matched.sort((a, b) => when(b) - when(a) || a.key.localeCompare(b.key));
      const shown = new Set(matched.slice(0, DIGEST_LIMIT));
      const fresh = results.flatMap((r) => r.fresh).map((e): FeedEntry => (e.status === 'offered' && !shown.has(e) ? { ...e, status: 'skipped' } : e));
      await ctx.feeds.saveEntries(fresh);
      const digest: Digest = { check, entries: [...shown].map((e) => ({ feedId: e.feedId, key: e.key })), skipped: matched.length - shown.size };
      if (shown.size > 0) {
        await ctx.feeds.saveDigest(digest);
        const scouts = directory.people.filter((p) => p.roles.includes('scout'));
        await ctx.notifier?.sendDigest(digest, [...shown], scouts);
      }
      for (const { feed, read, fresh: seen } of results) {
        if (read.kind === 'failed') onError(feed, read.message);
        const fetched = { ...feed, lastFetchAt: now, lastError: read.kind === 'failed' ? read.message : '' };
        if (read.kind === 'feed') await ctx.feeds.recordFetch({ ...fetched, title: read.title || feed.title, etag: read.etag, lastModified: read.lastModified, status: 'ok', entriesSeen: feed.entriesSeen + seen.length });
        else await ctx.feeds.recordFetch({ ...fetched, status: read.kind === 'notModified' ? 'notModified' : 'error' });
      }
      return { check, feeds: feeds.length, failed: results.filter((r) => r.read.kind === 'failed').length, newEntries: fresh.length, offered: shown.size, skipped: digest.skipped };
    },

    /** „Teilen“: the entry posted as a trend note in the scout's name (once, whoever shares it first). */
    async share(actor: Person | undefined, data: { check?: unknown; feed?: unknown; entry?: unknown }): Promise<EntryActionResult> {
      const target = await entryOf(data.check, data.feed, data.entry);
      if (!target) return { kind: 'unknown' };
      if (!ctx.trends) throw new Error('this process cannot share feed entries: only the bot posts trend notes');
      const { entry } = target;
      if (!mayPost(actor)) return { kind: 'notAllowed', refusal: { kind: 'notAllowed', ...(await ctx.trends.posters()) } };
      const feed = await ctx.feeds.get(entry.feedId);
      const tags = [...(feed?.tags ?? []), ...entry.matches.filter((m) => m.kind === 'keyword').map((m) => m.label)].map((t) => t.replace(/[^\p{L}\p{N}_-]+/gu, '')).filter(Boolean);
      const field = entry.matches.find((m) => m.kind === 'field')?.label ?? '';
      const result = await ctx.trends.post(actor, { title: entry.title, link: entry.link, summary: entry.summary, tags: [...new Set(tags)].slice(0, TREND_LIMITS.tags), field }, { source: 'feed', token: `${entry.feedId}:${entry.key}` });
      if (result.kind === 'notAllowed') return { kind: 'notAllowed', refusal: result };
      if (result.kind === 'posted' && entry.status !== 'shared') await ctx.feeds.saveEntries([{ ...entry, status: 'shared', trendId: result.trend.id, sharedBy: result.trend.scoutEmail }]);
      const shownView = await view(target.check);
      if (!shownView) return { kind: 'unknown' };
      return result.kind === 'invalid' ? { kind: 'done', view: shownView, error: result } : { kind: 'done', view: shownView };
    },

    /** „Ignorieren“: the entry is marked ignored on this scout's digest; nothing else happens. */
    async ignore(actor: Person | undefined, data: { check?: unknown; feed?: unknown; entry?: unknown }): Promise<EntryActionResult> {
      const target = await entryOf(data.check, data.feed, data.entry);
      if (!target) return { kind: 'unknown' };
      const email = actor?.email ?? '';
      if (email && !target.entry.ignoredBy.includes(email)) await ctx.feeds.saveEntries([{ ...target.entry, ignoredBy: [...target.entry.ignoredBy, email] }]);
      const shownView = await view(target.check);
      return shownView ? { kind: 'done', view: shownView } : { kind: 'unknown' };
    },
  };
}

export type Radar = ReturnType<typeof createRadar>;
