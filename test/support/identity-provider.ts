import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { json } from './http-json';
import { loopbackCertificate } from './tls';

/** The issuer of tokens the Bot Framework channel service sends to bots. */
export const CHANNEL_ISSUER = 'https://api.botframework.com';
/** What the bot asks its own token for (`ToChannelFromBotOAuthScope`). */
export const CHANNEL_SCOPE = 'https://api.botframework.com';

/** A token request the bot made at the token endpoint, form fields as sent. */
export interface TokenRequest {
  readonly path: string;
  readonly form: Record<string, string>;
}

/** What to put in a channel token; anything left out gets the value of a valid token. */
export interface ChannelTokenOptions {
  audience?: string;
  issuer?: string;
  serviceUrl?: string;
  /** Seconds from now; negative for a token that has expired. */
  expiresIn?: number;
  /** Seconds from now the token becomes valid; positive for a token not valid yet. */
  notBefore?: number;
  /** Sign with a key the key set does not hold (under the key set's `kid`). */
  foreignKey?: boolean;
  /** Sign with the key set's second key, which is endorsed for another channel (`webchat`) only, under its own `kid`. */
  otherChannelKey?: boolean;
  kid?: string;
}

type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });
type PrivateKey = Awaited<ReturnType<Jose['generateKeyPair']>>['privateKey'];

/**
 * A Bot Framework identity provider on loopback, for tests with authentication on:
 * - over http, the OpenID metadata document and key set the bot checks incoming channel tokens against
 *   (`ToBotFromChannelOpenIdMetadataUrl`); an RS256 key with a `kid` and `"endorsements": ["msteams"]` and one
 *   endorsed for `webchat` only, kept for the provider's whole life because botbuilder caches keys per metadata URL for 24 hours;
 * - over https with a self-signed certificate, an Entra-like authority whose token endpoint hands the bot its
 *   own token for calls to the connector (`ToChannelFromBotLoginUrl`); MSAL accepts nothing but https, so
 *   the bot process must trust {@link caFile} through `NODE_EXTRA_CA_CERTS`.
 */
export class IdentityProvider {
  readonly tokenRequests: TokenRequest[] = [];
  /** Access tokens the token endpoint issued, in order. */
  readonly issuedTokens: string[] = [];

  private constructor(
    private readonly jose: Jose,
    private readonly keys: { kid: string; privateKey: PrivateKey; foreignKey: PrivateKey; otherChannel: { kid: string; privateKey: PrivateKey } },
    private readonly jwks: Record<string, unknown>[],
    private readonly httpServer: http.Server,
    private readonly httpsServer: https.Server,
    private readonly certificateDir: string,
    readonly appId: string,
    readonly tenantId: string,
    readonly clientSecret: string,
  ) {}

  /** Starts both servers for one bot registration (app id, tenant and the secret the bot must present). */
  static async start(registration: { appId: string; tenantId: string; clientSecret: string }): Promise<IdentityProvider> {
    // jose is an ES module; a dynamic import loads it from this CommonJS test code.
    const jose: Jose = await import('jose');
    const { publicKey, privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
    const { privateKey: foreignKey } = await jose.generateKeyPair('RS256', { extractable: true });
    const kid = `kuemmerer-test-${randomUUID()}`;
    const jwk = { ...(await jose.exportJWK(publicKey)), kid, kty: 'RSA', use: 'sig', alg: 'RS256', endorsements: ['msteams'] };
    // A second key, valid in every other way, that only another channel may use: a Teams activity signed with it must be refused.
    const otherChannel = await jose.generateKeyPair('RS256', { extractable: true });
    const otherKid = `kuemmerer-test-webchat-${randomUUID()}`;
    const otherJwk = { ...(await jose.exportJWK(otherChannel.publicKey)), kid: otherKid, kty: 'RSA', use: 'sig', alg: 'RS256', endorsements: ['webchat'] };

    const certificate = await loopbackCertificate();

    const httpServer = http.createServer();
    const httpsServer = https.createServer({ key: certificate.key, cert: certificate.cert });
    const provider = new IdentityProvider(jose, { kid, privateKey, foreignKey, otherChannel: { kid: otherKid, privateKey: otherChannel.privateKey } }, [jwk, otherJwk], httpServer, httpsServer, certificate.dir, registration.appId, registration.tenantId, registration.clientSecret);
    httpServer.on('request', (req, res) => provider.handleHttp(req, res));
    httpsServer.on('request', (req, res) => provider.handleHttps(req, res));
    await Promise.all([
      new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve)),
      new Promise<void>((resolve) => httpsServer.listen(0, '127.0.0.1', resolve)),
    ]);
    return provider;
  }

  private get httpBase(): string {
    return `http://127.0.0.1:${(this.httpServer.address() as AddressInfo).port}`;
  }

  private get httpsBase(): string {
    return `https://127.0.0.1:${(this.httpsServer.address() as AddressInfo).port}`;
  }

  /** `ToBotFromChannelOpenIdMetadataUrl`. */
  get openIdMetadataUrl(): string {
    return `${this.httpBase}/v1/.well-known/openidconfiguration`;
  }

  /** `ToChannelFromBotLoginUrl`: the authority of the bot's own tenant. */
  get loginUrl(): string {
    return `${this.httpsBase}/${this.tenantId}`;
  }

  /** The PEM file of the certificate the https side uses, for `NODE_EXTRA_CA_CERTS`. */
  get caFile(): string {
    return path.join(this.certificateDir, 'ca.pem');
  }

  /**
   * Every setting a bot with authentication on needs to trust this provider, as environment variables that
   * `.env.example` documents. botbuilder treats the URL and issuer settings as one custom cloud: all are set.
   */
  botEnvironment(): Record<string, string> {
    return {
      MicrosoftAppId: this.appId,
      MicrosoftAppPassword: this.clientSecret,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: this.tenantId,
      ToBotFromChannelOpenIdMetadataUrl: this.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      ToBotFromEmulatorOpenIdMetadataUrl: `${this.httpBase}/emulator/.well-known/openid-configuration`,
      ToChannelFromBotLoginUrl: this.loginUrl,
      ToChannelFromBotOAuthScope: CHANNEL_SCOPE,
      OAuthUrl: `${this.httpsBase}/oauth`,
    };
  }

  /** A channel token as the Bot Framework sends it with each activity; valid unless options say otherwise. */
  async channelToken(serviceUrl: string, options: ChannelTokenOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    // Only these claims: `ver`, `appid` or `azp` would make botbuilder treat it as a skill's token.
    return new this.jose.SignJWT({ serviceurl: options.serviceUrl ?? serviceUrl })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? (options.otherChannelKey ? this.keys.otherChannel.kid : this.keys.kid) })
      .setIssuer(options.issuer ?? CHANNEL_ISSUER)
      .setAudience(options.audience ?? this.appId)
      .setNotBefore(now + (options.notBefore ?? -60))
      .setExpirationTime(now + (options.expiresIn ?? 3600))
      .sign(options.foreignKey ? this.keys.foreignKey : options.otherChannelKey ? this.keys.otherChannel.privateKey : this.keys.privateKey);
  }

  async close(): Promise<void> {
    await Promise.all(
      [this.httpServer, this.httpsServer].map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
    fs.rmSync(this.certificateDir, { recursive: true, force: true });
  }

  private handleHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/v1/.well-known/openidconfiguration' || url === '/emulator/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer: CHANNEL_ISSUER,
        authorization_endpoint: `${this.httpBase}/authorize`,
        jwks_uri: `${this.httpBase}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (url === '/v1/.well-known/keys') return json(res, 200, { keys: this.jwks });
    json(res, 404, { error: 'not_found' });
  }

  private handleHttps(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = (req.url ?? '/').split('?')[0]!;
      const authority = `${this.httpsBase}/${this.tenantId}`;
      // MSAL reads the authority's metadata first (`{authority}/v2.0/.well-known/openid-configuration`).
      if (req.method === 'GET' && url === `/${this.tenantId}/v2.0/.well-known/openid-configuration`) {
        return json(res, 200, {
          issuer: `${authority}/v2.0`,
          authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
          token_endpoint: `${authority}/oauth2/v2.0/token`,
          jwks_uri: `${authority}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
      if (req.method === 'POST' && url === `/${this.tenantId}/oauth2/v2.0/token`) {
        const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        this.tokenRequests.push({ path: url, form });
        if (form.grant_type !== 'client_credentials' || form.client_id !== this.appId || form.client_secret !== this.clientSecret) {
          return json(res, 401, { error: 'invalid_client', error_description: 'unknown client or wrong secret' });
        }
        const accessToken = `bot-token-${randomBytes(16).toString('hex')}`;
        this.issuedTokens.push(accessToken);
        return json(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
      }
      json(res, 404, { error: 'not_found' });
    });
  }
}
