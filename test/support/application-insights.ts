import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { json } from './http-json';
import { loopbackCertificate, type LoopbackCertificate } from './tls';

/** One item of telemetry as Application Insights' ingestion receives it. */
export interface Envelope {
  /** `Microsoft.ApplicationInsights.Request`, `….RemoteDependency`, `….Message`, `….Metric`, … */
  readonly name: string;
  readonly iKey?: string;
  readonly tags?: Record<string, string>;
  readonly data?: { baseType?: string; baseData?: Record<string, unknown> & { properties?: Record<string, string> } };
}

/** The instrumentation key of the stand-in's connection string. */
export const INSTRUMENTATION_KEY = '7f3e2d1c-0b9a-4876-9543-210fedcba987';

/**
 * Application Insights' ingestion endpoint on loopback (the edge of the world for the telemetry exporter): it
 * accepts `POST /v2.1/track` with a JSON array of envelopes (gzip or not) and keeps them. Over https, as the
 * exporter insists (it turns `http://` into `https://`): the bot process trusts {@link caFile} through
 * `NODE_EXTRA_CA_CERTS`.
 */
export class ApplicationInsightsIngestion {
  readonly envelopes: Envelope[] = [];

  private constructor(
    private readonly server: https.Server,
    private readonly certificate: LoopbackCertificate,
  ) {}

  static async start(): Promise<ApplicationInsightsIngestion> {
    const certificate = await loopbackCertificate();
    const server = https.createServer({ cert: certificate.cert, key: certificate.key });
    const ingestion = new ApplicationInsightsIngestion(server, certificate);
    server.on('request', (req, res) => ingestion.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return ingestion;
  }

  /** `APPLICATIONINSIGHTS_CONNECTION_STRING` pointing at this stand-in. */
  get connectionString(): string {
    const base = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return `InstrumentationKey=${INSTRUMENTATION_KEY};IngestionEndpoint=${base};LiveEndpoint=${base}`;
  }

  /** The certificate to trust (`NODE_EXTRA_CA_CERTS`). */
  get caFile(): string {
    return this.certificate.certFile;
  }

  /** The envelopes of one kind (`Request`, `RemoteDependency`, `Message`, …). */
  named(kind: string): Envelope[] {
    return this.envelopes.filter((e) => e.name === `Microsoft.ApplicationInsights.${kind}`);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/v2.1/track')) {
        // Live metrics and anything else: accepted and ignored.
        json(res, 200, {});
        return;
      }
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const items = JSON.parse(body.toString('utf8')) as Envelope[];
      this.envelopes.push(...items);
      json(res, 200, { itemsReceived: items.length, itemsAccepted: items.length, errors: [] });
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.certificate.remove();
  }
}
