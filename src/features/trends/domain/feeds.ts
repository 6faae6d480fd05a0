import { createHash } from 'node:crypto';

/** How a feed's last fetch went. */
export const FEED_STATUSES = ['new', 'ok', 'notModified', 'error'] as const;
export type FeedStatus = (typeof FEED_STATUSES)[number];

/** A feed the scouts' radar watches. */
export interface Feed {
  /** Short and stable: from the address (`feeds remove ID`). */
  readonly id: string;
  readonly url: string;
  readonly title: string;
  /** Words that make an entry a match, besides the directory's project names, aliases and fields. */
  readonly keywords: readonly string[];
  /** Tags a note shared from this feed carries. */
  readonly tags: readonly string[];
  readonly addedBy: string;
  readonly addedAt: Date;
  /** Validators of the last answer, for the conditional GET. */
  readonly etag: string;
  readonly lastModified: string;
  readonly lastFetchAt: Date | undefined;
  readonly status: FeedStatus;
  /** Why the last fetch failed ('' when it did not). */
  readonly lastError: string;
  /** Entries seen so far (offered or not). */
  readonly entriesSeen: number;
}

/** Why an entry was offered: a project of the directory, a field of action, or a keyword of the feed. */
export interface EntryMatch {
  readonly kind: 'project' | 'field' | 'keyword';
  readonly label: string;
}

/** What became of an entry: not matching, offered in a check's digest, left out of a digest that was full, shared. */
export type EntryStatus = 'unmatched' | 'offered' | 'skipped' | 'shared';

/** An entry of a feed as read: plain text, an http(s) link or none, its date if it has one. */
export interface FeedItem {
  /** Stable across fetches: from the entry's id (guid), else its link, else its title. */
  readonly key: string;
  readonly title: string;
  readonly link: string;
  readonly summary: string;
  readonly categories: readonly string[];
  readonly publishedAt: Date | undefined;
}

/** Why a feed gave nothing usable: the request was refused or failed, or the answer is no feed. */
export type FeedFailure = 'invalidUrl' | 'privateAddress' | 'unresolvable' | 'timeout' | 'tooLarge' | 'tooManyRedirects' | 'httpStatus' | 'network' | 'notAFeed';

/** What a feed's address gave. */
export type FeedRead =
  | { readonly kind: 'notModified' }
  | { readonly kind: 'feed'; readonly title: string; readonly items: readonly FeedItem[]; readonly etag: string; readonly lastModified: string }
  | { readonly kind: 'failed'; readonly code: FeedFailure; readonly message: string };

/** What a conditional GET sends: the validators of the last answer. */
export interface Validators {
  readonly etag: string;
  readonly lastModified: string;
}

/** Reads a feed (the web part: `web/feed-reader.ts`). Never throws. */
export type FeedReader = (url: string, validators: Validators | undefined) => Promise<FeedRead>;

/** An entry of a feed, seen once. */
export interface FeedEntry {
  readonly feedId: string;
  readonly key: string;
  /** The feed's title when the entry was seen. */
  readonly source: string;
  readonly title: string;
  readonly link: string;
  readonly summary: string;
  readonly publishedAt: Date | undefined;
  readonly seenAt: Date;
  readonly matches: readonly EntryMatch[];
  readonly status: EntryStatus;
  /** The check whose digest offered it ('' when none did). */
  readonly check: string;
  /** The note it became, and who shared it. */
  readonly trendId: string;
  readonly sharedBy: string;
  /** Scouts who pressed „Ignorieren“ on it. */
  readonly ignoredBy: readonly string[];
}

/** The entries a check offered, in the order its digest shows them. */
export interface Digest {
  readonly check: string;
  readonly entries: readonly { readonly feedId: string; readonly key: string }[];
  /** Matching entries beyond the digest's size, not shown. */
  readonly skipped: number;
}

/** Feeds, their entries and the digests. */
export interface FeedRepository {
  list(): Promise<Feed[]>;
  get(id: string): Promise<Feed | undefined>;
  /** False when a feed with this id exists. */
  create(feed: Feed): Promise<boolean>;
  /** Replaces what a fetch changes: validators, last fetch, status, error, entries seen, title. */
  recordFetch(feed: Feed): Promise<void>;
  remove(id: string): Promise<boolean>;
  /** The stored entries among these keys (one point read each). */
  entries(feedId: string, keys: readonly string[]): Promise<Map<string, FeedEntry>>;
  entry(feedId: string, key: string): Promise<FeedEntry | undefined>;
  /** Stores entries of one feed (in transactions of at most 100). */
  saveEntries(entries: readonly FeedEntry[]): Promise<void>;
  saveDigest(digest: Digest): Promise<void>;
  digest(check: string): Promise<Digest | undefined>;
}

/** The id of a feed: from its address, so the same address is not added twice. */
export function feedId(url: string): string {
  return createHash('sha256').update(url.trim()).digest('hex').slice(0, 10);
}

/** Ids as they appear in card data and commands: checked before they reach storage keys. */
export const FEED_ID = /^[a-f0-9]{10}$/;
export const ENTRY_KEY = /^[a-f0-9]{32}$/;
export const CHECK_ID = /^\d{8}T\d{4}$/;

/** The id of a check: its occurrence, to the minute (`20261130T0900`, UTC). */
export function checkId(occurrence: Date): string {
  return occurrence.toISOString().slice(0, 16).replace(/[-:]/g, '');
}

/** Keywords and tags as an operator writes them: comma separated. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((w) => w.trim().replace(/^#/, ''))
        .filter(Boolean),
    ),
  ];
}
