import { createHash } from 'node:crypto';
import { parseFeed } from 'feedsmith';
import { isHttpUrl } from '../domain/drafts';
import type { FeedItem, FeedRead, Validators } from '../domain/feeds';
import { FetchError, safeFetch, type SafeFetchOptions } from './safe-fetch';

/** A feed declaring its own XML entities is refused: feeds have no use for them, and a few nested ones expand to gigabytes. */
const ENTITY_DECLARATION = /<!ENTITY/i;

/**
 * Fetches a feed (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed) through {@link safeFetch} — public addresses only unless
 * allowed, a deadline, a size cap — with a conditional GET when validators are given, and parses it with
 * feedsmith (on fast-xml-parser, which it runs without entity processing; entities the feed declares itself are
 * refused here before parsing). Never throws: what went wrong is the result.
 */
export async function readFeed(url: string, validators: Validators | undefined, options: SafeFetchOptions): Promise<FeedRead> {
  const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5' };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  try {
    const response = await safeFetch(url, { ...options, headers });
    if (response.status === 304) return { kind: 'notModified' };
    if (response.status < 200 || response.status >= 300) return { kind: 'failed', code: 'httpStatus', message: `HTTP ${response.status}` };
    const text = response.body.toString('utf8');
    if (ENTITY_DECLARATION.test(text.slice(0, 64 * 1024))) return { kind: 'failed', code: 'notAFeed', message: 'the document declares XML entities, which are refused' };
    const parsed = parseFeed(text.replace(/^\uFEFF/, ''));
    const { title, items } = normalise(parsed.format, parsed.feed as unknown as Raw);
    return { kind: 'feed', title, items, etag: String(response.headers.etag ?? ''), lastModified: String(response.headers['last-modified'] ?? '') };
  } catch (error) {
    if (error instanceof FetchError) return { kind: 'failed', code: error.code, message: error.message };
    return { kind: 'failed', code: 'notAFeed', message: `not an RSS, Atom or JSON feed (${(error as Error).message})` };
  }
}

/** A parsed feed as plain data; read defensively, since feeds leave out what they like. */
type Raw = Readonly<Record<string, unknown>>;

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'value' in value) return str((value as { value: unknown }).value);
  return '';
}

function list(value: unknown): Raw[] {
  return Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as Raw[]) : [];
}

function normalise(format: string, feed: Raw): { title: string; items: FeedItem[] } {
  const title = plain(str(feed.title));
  if (format === 'atom') {
    return {
      title,
      items: list(feed.entries).map((e) => {
        const links = list(e.links);
        const link = str((links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0])?.href);
        return item(str(e.id), str(e.title), link, str(e.summary) || str(e.content), list(e.categories).map((c) => str(c.label) || str(c.term)), str(e.published) || str(e.updated));
      }),
    };
  }
  if (format === 'json') {
    return {
      title,
      items: list(feed.items).map((i) => item(str(i.id), str(i.title), str(i.url), str(i.summary) || str(i.content_text) || str(i.content_html), Array.isArray(i.tags) ? i.tags.map(str) : [], str(i.date_published) || str(i.date_modified))),
    };
  }
  // RSS 2.0 and RSS 1.0 (RDF) share their item fields.
  return {
    title,
    items: list(feed.items).map((i) => {
      const dc = (i.dc ?? {}) as Raw;
      return item(str(i.guid), str(i.title), str(i.link), str(i.description) || str((i.content as Raw | undefined)?.encoded), list(i.categories).map((c) => str(c.name)), str(i.pubDate) || str(dc.date));
    }),
  };
}

function item(id: string, rawTitle: string, rawLink: string, rawSummary: string, categories: string[], date: string): FeedItem {
  const link = isHttpUrl(rawLink.trim()) ? rawLink.trim() : '';
  const title = plain(rawTitle);
  const published = date ? new Date(date) : undefined;
  return {
    key: createHash('sha256')
      .update(id.trim() || link || title)
      .digest('hex')
      .slice(0, 32),
    title,
    link,
    summary: plain(rawSummary),
    categories: categories.map(plain).filter(Boolean),
    publishedAt: published && !Number.isNaN(published.getTime()) ? published : undefined,
  };
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Text without HTML tags and with character references resolved, on one line. */
export function plain(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
      if (ref[0] === '#') {
        const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return NAMED[ref.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The `<title>` of an HTML page, fetched like a feed; undefined when there is none or the page cannot be had. */
export async function pageTitle(url: string, options: SafeFetchOptions): Promise<string | undefined> {
  try {
    const response = await safeFetch(url, { ...options, maxBytes: Math.min(options.maxBytes ?? 1024 * 1024, 1024 * 1024), headers: { accept: 'text/html' } });
    if (response.status < 200 || response.status >= 300) return undefined;
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(response.body.toString('utf8'))?.[1];
    return title ? plain(title) || undefined : undefined;
  } catch {
    return undefined;
  }
}
