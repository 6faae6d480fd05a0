import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A document the server answers a path with. */
export interface FeedDocument {
  body: string | Buffer;
  contentType?: string;
  /** Sent as `ETag`; a request with a matching `If-None-Match` gets 304. */
  etag?: string;
  /** Sent as `Last-Modified`; a request with an equal `If-Modified-Since` gets 304. */
  lastModified?: string;
  status?: number;
  /** Sent as `Location` (a redirect). */
  location?: string;
  /** Sent as `Content-Encoding` (the body is encoded already). */
  encoding?: string;
  /** Never answer (a server that hangs). */
  hold?: boolean;
}

/** A request the server received. */
export interface FeedRequest {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly status: number;
}

/**
 * Feeds on loopback for the tests of the radar: each path answers with the document set for it, honouring
 * conditional GETs (ETag and Last-Modified), and records every request, so a test can tell a 304 from a full answer
 * and see that a refused address was never asked.
 */
export class FeedServer {
  readonly requests: FeedRequest[] = [];
  private readonly documents = new Map<string, FeedDocument>();

  private constructor(
    private readonly server: http.Server,
    readonly base: string,
  ) {}

  static async start(): Promise<FeedServer> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const feeds = new FeedServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => feeds.answer(req, res));
    return feeds;
  }

  /** Serves `document` at `path`; returns the full address. */
  serve(path: string, document: FeedDocument): string {
    this.documents.set(path, document);
    return `${this.base}${path}`;
  }

  /** Answers `path` with a redirect (302) to `location`; returns the full address. */
  redirect(path: string, location: string): string {
    return this.serve(path, { body: '', status: 302, location });
  }

  /** Requests made for a path. */
  requestsFor(path: string): FeedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? '/';
    const document = this.documents.get(path);
    const record = (status: number) => this.requests.push({ path, headers: req.headers, status });
    if (!document) {
      record(404);
      res.writeHead(404);
      res.end('not found');
      return;
    }
    const notModified = (document.etag && req.headers['if-none-match'] === document.etag) || (document.lastModified && req.headers['if-modified-since'] === document.lastModified);
    if (notModified) {
      record(304);
      res.writeHead(304);
      res.end();
      return;
    }
    const status = document.status ?? 200;
    record(status);
    if (document.hold) return;
    res.writeHead(status, {
      'content-type': document.contentType ?? 'application/rss+xml; charset=utf-8',
      ...(document.etag ? { etag: document.etag } : {}),
      ...(document.lastModified ? { 'last-modified': document.lastModified } : {}),
      ...(document.location ? { location: document.location } : {}),
      ...(document.encoding ? { 'content-encoding': document.encoding } : {}),
    });
    res.end(document.body);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** An entry of a test feed. */
export interface TestItem {
  id: string;
  title: string;
  link: string;
  summary: string;
  date: string;
  categories?: string[];
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 feed. */
export function rss(title: string, items: readonly TestItem[]): string {
  const entries = items.map(
    (i) =>
      `<item><guid isPermaLink="false">${xml(i.id)}</guid><title>${xml(i.title)}</title><link>${xml(i.link)}</link><description>${xml(`<p>${i.summary}</p>`)}</description><pubDate>${new Date(i.date).toUTCString()}</pubDate>${(i.categories ?? []).map((c) => `<category>${xml(c)}</category>`).join('')}</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${xml(title)}</title><link>https://example.org/</link><description>Test</description>${entries.join('')}</channel></rss>`;
}

/** An Atom feed. */
export function atom(title: string, items: readonly TestItem[]): string {
  const entries = items.map(
    (i) =>
      `<entry><id>${xml(i.id)}</id><title>${xml(i.title)}</title><link rel="alternate" href="${xml(i.link)}"/><summary>${xml(i.summary)}</summary><updated>${i.date}</updated>${(i.categories ?? []).map((c) => `<category term="${xml(c)}"/>`).join('')}</entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${xml(title)}</title><id>urn:test:${xml(title)}</id><updated>2026-11-30T07:00:00Z</updated>${entries.join('')}</feed>`;
}

/** A JSON Feed 1.1. */
export function jsonFeed(title: string, items: readonly TestItem[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    items: items.map((i) => ({ id: i.id, url: i.link, title: i.title, content_text: i.summary, date_published: i.date, tags: i.categories ?? [] })),
  });
}

/** A "billion laughs" document: nine levels of entities, each ten of the one below. */
export function xmlBomb(): string {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?><!DOCTYPE rss [${levels.join('')}]><rss version="2.0"><channel><title>&lol9;</title><link>https://example.org/</link><description>x</description><item><title>&lol9;</title><link>https://example.org/1</link></item></channel></rss>`;
}
