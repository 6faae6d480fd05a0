import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the portal received, with its multipart parts as they arrived. */
export interface PortalRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly contentType: string;
  /** Each part of a multipart body: its name, its Content-Type and its text. */
  readonly parts: readonly { readonly name: string; readonly type: string; readonly text: string }[];
}

/** What the portal answers: a JSON body (a page of results) or a status with a text. */
export type PortalAnswer = { readonly json: unknown } | { readonly status: number; readonly text: string };

/**
 * The EU Funding & Tenders search API on loopback, behaving as the real one does with the body it gets: a request
 * that is not multipart/form-data is answered with no results (the real API ignores a plain JSON body), a part
 * without `Content-Type: application/json` with 500. Otherwise `answer` decides, by search text and page.
 */
export class EuPortal {
  readonly requests: PortalRequest[] = [];

  private readonly server = http.createServer((req, res) => void this.handle(req, res));

  private constructor(public answer: (text: string, page: number) => PortalAnswer) {}

  static async start(answer: (text: string, page: number) => PortalAnswer): Promise<EuPortal> {
    const portal = new EuPortal(answer);
    await new Promise<void>((resolve) => portal.server.listen(0, '127.0.0.1', resolve));
    return portal;
  }

  /** The search API's address (as `FUNDING_EU_API_URL`). */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/search-api/prod/rest/search`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const contentType = req.headers['content-type'] ?? '';
    const parts: { name: string; type: string; text: string }[] = [];
    if (contentType.startsWith('multipart/form-data')) {
      // The platform's own multipart parser (undici's) reads the body as a server would.
      const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
      for (const [name, value] of form) parts.push({ name, type: typeof value === 'string' ? '' : value.type, text: typeof value === 'string' ? value : await value.text() });
    }
    this.requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), contentType, parts });
    const send = (status: number, text: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(text);
    };
    if (!contentType.startsWith('multipart/form-data')) return send(200, JSON.stringify({ totalResults: 0, results: [] }));
    if (parts.some((p) => p.type !== 'application/json')) return send(500, JSON.stringify({ message: 'Internal Server Error' }));
    const answer = this.answer(url.searchParams.get('text') ?? '', Number(url.searchParams.get('pageNumber')));
    if ('json' in answer) send(200, JSON.stringify(answer.json));
    else send(answer.status, answer.text, 'text/html');
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
