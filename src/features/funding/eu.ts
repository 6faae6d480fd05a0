import type { EuTopic } from './domain/eu-calls';

/**
 * The EU Funding & Tenders Portal's public search API (SEDIA), asked for open and forthcoming calls for proposals.
 * What it wants, found the hard way: `POST …/search?apiKey=SEDIA&text=…&pageSize=…&pageNumber=N` with a
 * multipart/form-data body whose parts `query`, `languages` and `sort` each carry `Content-Type: application/json`
 * (a plain JSON body is silently ignored, a part without a type is answered with 500). Node's `FormData` with a
 * `Blob` of that type writes such parts. Results come as `results[].metadata` with arrays of strings; a topic with
 * several deadlines comes once per deadline.
 */

/** The public search API; `FUNDING_EU_API_URL` points elsewhere (tests serve recorded answers on loopback). */
export const EU_API_URL = 'https://api.tech.ec.europa.eu/search-api/prod/rest/search';

/** Status codes of the portal: forthcoming and open calls (closed ones are 31094503). */
const FORTHCOMING = '31094501';
const OPEN = '31094502';
/** Grant types of the portal's search: calls for proposals (1, 2) and cascade funding (8). */
const GRANT_TYPES = ['1', '2', '8'];

/** Open and forthcoming grant calls, in the portal's query language (an Elasticsearch bool query). */
const QUERY = { bool: { must: [{ terms: { type: GRANT_TYPES } }, { terms: { status: [FORTHCOMING, OPEN] } }] } };
const LANGUAGES = ['en'];
const SORT = { field: 'sortStatus', order: 'ASC' };

/** Why the portal could not be read; each has a message under `funding.cli.euErrors`. */
export type EuFetchFailure = 'status' | 'timeout' | 'tooLarge' | 'invalidAnswer' | 'network';

/** The portal could not be read (nothing of a fetch that failed is stored). */
export class EuFetchError extends Error {
  readonly code = 'EU_FETCH_FAILED';
  constructor(
    readonly reason: EuFetchFailure,
    readonly details: Readonly<Record<string, string | number>> = {},
    cause?: unknown,
  ) {
    super(`EU Funding & Tenders search failed: ${reason} ${JSON.stringify(details)}`, { cause });
    this.name = 'EuFetchError';
  }
}

export interface EuSearchOptions {
  readonly baseUrl: string;
  /** One search per keyword (`smart city`, `digital`); none: every open and forthcoming call. */
  readonly keywords: readonly string[];
  readonly pageSize?: number;
  /** Pages read per keyword at most (a search without keywords finds thousands). */
  readonly maxPages?: number;
  /** Per request. */
  readonly timeoutMs?: number;
  /** Largest answer read per request. */
  readonly maxBytes?: number;
}

const DEFAULTS = { pageSize: 100, maxPages: 20, timeoutMs: 30_000, maxBytes: 20 * 1024 * 1024 } as const;

/** A JSON part of the multipart body: a Blob typed `application/json` (the portal refuses untyped parts). */
function jsonPart(value: unknown): Blob {
  return new Blob([JSON.stringify(value)], { type: 'application/json' });
}

/** The body of an answer, refused once it grows past `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) throw new EuFetchError('tooLarge', { max: maxBytes });
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new EuFetchError('tooLarge', { max: maxBytes });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One page of one search. */
async function searchPage(options: Required<EuSearchOptions>, text: string, page: number): Promise<{ items: unknown[]; total: number }> {
  const url = new URL(options.baseUrl);
  url.searchParams.set('apiKey', 'SEDIA');
  url.searchParams.set('text', text);
  url.searchParams.set('pageSize', String(options.pageSize));
  url.searchParams.set('pageNumber', String(page));
  const body = new FormData();
  body.append('query', jsonPart(QUERY));
  body.append('languages', jsonPart(LANGUAGES));
  body.append('sort', jsonPart(SORT));
  const signal = AbortSignal.timeout(options.timeoutMs);
  let answerText: string;
  try {
    const response = await fetch(url, { method: 'POST', body, headers: { accept: 'application/json' }, signal });
    if (!response.ok) {
      await response.body?.cancel();
      throw new EuFetchError('status', { status: response.status });
    }
    answerText = await readCapped(response, options.maxBytes);
  } catch (error) {
    if (error instanceof EuFetchError) throw error;
    if (signal.aborted) throw new EuFetchError('timeout', { seconds: Math.round(options.timeoutMs / 1000) }, error);
    throw new EuFetchError('network', {}, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(answerText);
  } catch (error) {
    throw new EuFetchError('invalidAnswer', {}, error);
  }
  const answer = parsed as { results?: unknown; totalResults?: unknown } | null;
  if (!answer || typeof answer !== 'object' || (answer.results !== undefined && !Array.isArray(answer.results))) throw new EuFetchError('invalidAnswer');
  return { items: (answer.results as unknown[] | undefined) ?? [], total: typeof answer.totalResults === 'number' ? answer.totalResults : Number.POSITIVE_INFINITY };
}

/** The strings of a metadata field (the portal gives arrays; a lone string is taken too). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A result as a topic; undefined when it lacks an identifier or is neither open nor forthcoming. */
function topicOf(item: unknown, searchedFor: string): EuTopic | undefined {
  const record = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
  const metadata = (record.metadata && typeof record.metadata === 'object' ? record.metadata : {}) as Record<string, unknown>;
  const identifier = strings(metadata.identifier)[0]?.trim();
  const status = strings(metadata.status)[0];
  if (!identifier || (status !== OPEN && status !== FORTHCOMING)) return undefined;
  return {
    identifier,
    title: (strings(metadata.title)[0] ?? strings(record.title)[0] ?? identifier).trim(),
    deadlines: strings(metadata.deadlineDate),
    status: status === OPEN ? 'open' : 'forthcoming',
    url: (strings(metadata.url)[0] ?? strings(record.url)[0] ?? '').trim(),
    keywords: strings(metadata.keywords).map((k) => k.trim()).filter(Boolean),
    searchedFor: searchedFor === '***' ? [] : [searchedFor],
  };
}

/**
 * Every open and forthcoming call for the keywords, page by page (until a page is empty, the total is reached or
 * `maxPages`), one per identifier: a topic found several times (one result per deadline, or by several keywords)
 * keeps all its deadlines and keywords. Throws {@link EuFetchError}; nothing is returned of a search that failed.
 */
export async function fetchEuTopics(options: EuSearchOptions): Promise<EuTopic[]> {
  const settings = { ...DEFAULTS, ...options } as Required<EuSearchOptions>;
  const texts = options.keywords.length > 0 ? options.keywords : ['***'];
  const byIdentifier = new Map<string, EuTopic>();
  for (const text of texts) {
    let seen = 0;
    for (let page = 1; page <= settings.maxPages; page++) {
      const { items, total } = await searchPage(settings, text, page);
      if (items.length === 0) break;
      for (const topic of items.flatMap((item) => topicOf(item, text) ?? [])) {
        const known = byIdentifier.get(topic.identifier);
        byIdentifier.set(
          topic.identifier,
          known
            ? {
                ...known,
                deadlines: [...new Set([...known.deadlines, ...topic.deadlines])],
                keywords: [...new Set([...known.keywords, ...topic.keywords])],
                searchedFor: [...new Set([...known.searchedFor, ...topic.searchedFor])],
                status: known.status === 'open' || topic.status === 'open' ? 'open' : 'forthcoming',
              }
            : topic,
        );
      }
      seen += items.length;
      if (seen >= total) break;
    }
  }
  return [...byIdentifier.values()];
}
