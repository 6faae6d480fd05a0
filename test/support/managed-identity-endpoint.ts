import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { json } from './http-json';

/** A token request the bot made, as App Service's identity endpoint receives it. */
export interface IdentityRequest {
  /** The resource the token is for (`https://storage.azure.com` for tables). */
  readonly resource: string;
  /** The user-assigned identity asked for. */
  readonly clientId: string;
  /** The secret header App Service gives the process in `IDENTITY_HEADER`. */
  readonly header: string;
}

/** The tenant the identity endpoint's tokens name as their issuer. */
export const IDENTITY_TENANT = '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Azure App Service's managed identity endpoint on loopback (the edge of the world the bot sees in Azure): the
 * platform sets `IDENTITY_ENDPOINT` and `IDENTITY_HEADER` in the app's environment, and `ManagedIdentityCredential`
 * asks `GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=…&client_id=…` with the header `X-IDENTITY-HEADER`.
 * It hands out tokens shaped like Entra's (issuer, audience = the resource, lifetime); the storage emulator checks
 * those claims but no signature, so they are signed with a throwaway key. `audience` overrides the audience, to
 * hand out a token the table service must refuse.
 */
export class ManagedIdentityEndpoint {
  readonly requests: IdentityRequest[] = [];
  /** The value the process must present, as App Service generates one per app. */
  readonly secretHeader = randomBytes(16).toString('hex');
  audience: string | undefined;

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<ManagedIdentityEndpoint> {
    const server = http.createServer();
    const endpoint = new ManagedIdentityEndpoint(server);
    server.on('request', (req, res) => endpoint.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return endpoint;
  }

  /** `IDENTITY_ENDPOINT` and `IDENTITY_HEADER`, as App Service sets them. */
  environment(): Record<string, string> {
    return { IDENTITY_ENDPOINT: `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/msi/token`, IDENTITY_HEADER: this.secretHeader };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const header = String(req.headers['x-identity-header'] ?? '');
    const request = { resource: url.searchParams.get('resource') ?? '', clientId: url.searchParams.get('client_id') ?? '', header };
    this.requests.push(request);
    if (url.pathname !== '/msi/token' || header !== this.secretHeader) {
      json(res, 401, { error: 'unauthorized' });
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const expiresOn = now + 3600;
    const claims = {
      aud: this.audience ?? request.resource,
      iss: `https://sts.windows.net/${IDENTITY_TENANT}/`,
      iat: now,
      nbf: now - 60,
      exp: expiresOn,
      appid: request.clientId,
      oid: request.clientId,
      tid: IDENTITY_TENANT,
    };
    const token = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}.${randomBytes(32).toString('base64url')}`;
    json(res, 200, { access_token: token, expires_on: String(expiresOn), resource: request.resource, token_type: 'Bearer', client_id: request.clientId });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
