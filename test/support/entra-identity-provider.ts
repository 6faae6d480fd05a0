import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { json } from './http-json';

type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });
type PrivateKey = Awaited<ReturnType<Jose['generateKeyPair']>>['privateKey'];

/** What to put in a Teams SSO token; anything left out gets the value of a valid token. */
export interface SsoTokenOptions {
  readonly tenantId?: string;
  readonly audience?: string;
  /** `v1` (`https://sts.windows.net/{tid}/`, the default) or `v2`, or an issuer of its own. */
  readonly issuer?: 'v1' | 'v2' | (string & {});
  readonly scope?: string;
  readonly oid?: string;
  readonly preferredUsername?: string;
  /** Seconds from now; negative for a token that has expired. */
  readonly expiresIn?: number;
  /** Sign with a key the key set does not hold (under the key set's `kid`). */
  readonly foreignKey?: boolean;
}

/**
 * An Entra ID stand-in on loopback for the tab's SSO tokens: the key set at `/{tenant}/discovery/v2.0/keys`
 * (over http, which the bot allows on loopback only) and tokens signed as Teams' `getAuthToken()` returns them,
 * for any tenant. Records every key set fetched, so a test can tell that a refused tenant's keys were not.
 */
export class EntraIdentityProvider {
  /** The paths of the key sets fetched, in order. */
  readonly fetched: string[] = [];

  private constructor(
    private readonly jose: Jose,
    private readonly keys: { readonly kid: string; readonly privateKey: PrivateKey; readonly foreignKey: PrivateKey },
    private readonly jwk: Record<string, unknown>,
    private readonly server: http.Server,
    readonly appId: string,
  ) {}

  static async start(appId: string): Promise<EntraIdentityProvider> {
    const jose: Jose = await import('jose');
    const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
    const { privateKey: foreignKey } = await jose.generateKeyPair('RS256', { extractable: true });
    const kid = `entra-test-${randomUUID()}`;
    const jwk = { ...(await jose.exportJWK(publicKey)), kid, kty: 'RSA', use: 'sig', alg: 'RS256' };
    const server = http.createServer();
    const provider = new EntraIdentityProvider(jose, { kid, privateKey, foreignKey }, jwk, server, appId);
    server.on('request', (req, res) => provider.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return provider;
  }

  private get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** `DASHBOARD_JWKS_URL` and `DASHBOARD_ISSUERS` pointing at this provider. */
  dashboardEnvironment(): Record<string, string> {
    return {
      DASHBOARD_JWKS_URL: `${this.base}/{tenant}/discovery/v2.0/keys`,
      DASHBOARD_ISSUERS: `${this.v1Issuer('{tenant}')},${this.v2Issuer('{tenant}')}`,
    };
  }

  v1Issuer(tenantId: string): string {
    return `${this.base}/sts/${tenantId}/`;
  }

  v2Issuer(tenantId: string): string {
    return `${this.base}/${tenantId}/v2.0`;
  }

  /** A token for the tab as Teams gets it for the signed-in user; valid unless options say otherwise. */
  async token(tenantId: string, options: SsoTokenOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const tid = options.tenantId ?? tenantId;
    const issuer = options.issuer === undefined || options.issuer === 'v1' ? this.v1Issuer(tid) : options.issuer === 'v2' ? this.v2Issuer(tid) : options.issuer;
    return new this.jose.SignJWT({
      tid,
      scp: options.scope ?? 'access_as_user',
      ...(options.oid === undefined ? {} : { oid: options.oid }),
      ...(options.preferredUsername === undefined ? {} : { preferred_username: options.preferredUsername }),
      ver: options.issuer === 'v2' ? '2.0' : '1.0',
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.keys.kid })
      .setIssuer(issuer)
      .setAudience(options.audience ?? this.appId)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(now + (options.expiresIn ?? 3600))
      .sign(options.foreignKey ? this.keys.foreignKey : this.keys.privateKey);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    const url = (req.url ?? '/').split('?')[0]!;
    if (/^\/[^/]+\/discovery\/v2\.0\/keys$/.test(url)) {
      this.fetched.push(url);
      return json(res, 200, { keys: [this.jwk] });
    }
    json(res, 404, { error: 'not_found' });
  }
}
