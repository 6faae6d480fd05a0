import type { Request, Response } from 'restify';
import type { HttpRoute } from '../../platform/feature';
import { translator } from '../../platform/i18n';
import type { Logger } from '../../platform/logger';
import type { StrategyReport } from './domain/model';
import { openDownload, reportOfLink, type ReportContext } from './domain/service';
import { KeptForAWhile } from './kept';
import { lightsPng, reportHtmlDocument, reportXlsx } from './render/documents';

const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
} as const;

function send(response: Response, status: number, body: Buffer, headers: Record<string, string>): void {
  // The link's key is the only permission: nothing is cached on the way, and the page loads nothing from elsewhere.
  response.writeHead(status, { 'content-length': String(body.length), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', ...headers });
  response.end(body);
}

/** 404 for everything that is not a report the key opens: unknown, malformed, no key, wrong key, expired alike. */
function notFound(response: Response): void {
  send(response, 404, Buffer.from('Not found\n'), { 'content-type': 'text/plain; charset=utf-8' });
}

/** How long an instance keeps a link's report after building it: the card's image, the page and the table opened
 * one after the other are built once. Only this instance's shortcut; every instance can build any report. */
const KEEP_MS = 60_000;
const KEPT = 4;

/**
 * The report downloads on the bot's server: `GET /reports/{id}.html`, `.xlsx` and `.png` (the traffic-light chart of
 * the card) with `?key=…` from the link the coordinator got. The report is built again from the tables as it was
 * made (its period, its time, its language).
 */
export function reportRoutes(reports: ReportContext, timezone: string, logger: Logger): HttpRoute[] {
  const recent = new KeptForAWhile<string, StrategyReport>(KEEP_MS, KEPT);
  return [
    {
      method: 'GET',
      path: '/reports/:file',
      async handle(request: Request, response: Response) {
        const match = /^([0-9a-f]{16})\.(html|xlsx|png)$/.exec(String(request.params?.file ?? ''));
        const key = new URLSearchParams(request.getQuery() ?? '').get('key') ?? '';
        const link = match ? await openDownload(reports, match[1]!, key) : undefined;
        if (!match || !link) return notFound(response);
        const report = await recent.get(link.id, () => reportOfLink(reports, link));
        const format = match[2] as keyof typeof CONTENT_TYPES;
        const view = { t: translator(link.locale), locale: link.locale, timezone };
        const body = format === 'html' ? Buffer.from(await reportHtmlDocument(report, view), 'utf8') : format === 'xlsx' ? await reportXlsx(report, view) : await lightsPng(report, view);
        logger.info({ reportId: link.id, format }, 'report downloaded');
        const name = `${view.t('reports.fileName')}-${link.asOf.toISOString().slice(0, 10)}.${format}`;
        send(response, 200, body, {
          'content-type': CONTENT_TYPES[format],
          'content-disposition': `${format === 'xlsx' ? 'attachment' : 'inline'}; filename="${name}"`,
          ...(format === 'html' ? { 'content-security-policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'" } : {}),
        });
      },
    },
  ];
}
