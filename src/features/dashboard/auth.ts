import type { Request } from 'restify';
import type { PlatformConfig } from '../../platform/config';
import type { DirectorySource } from '../../platform/directory/directory-cache';
import { isCoordinator, type Person } from '../../platform/directory/model';
import type { Logger } from '../../platform/logger';
import type { DashboardSettings } from './settings';

type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });
type KeySet = ReturnType<Jose['createRemoteJWKSet']>;

/** Who a request is from, or why it is refused. */
export type Authentication =
  | { readonly kind: 'viewer'; readonly person: Person; readonly coordinator: boolean }
  /** 401: no token, or one that does not hold (the reason goes to the log only). */
  | { readonly kind: 'unauthenticated' }
  /** 403: a valid token for someone the directory does not know. */
  | { readonly kind: 'unknownPerson' };

/** The scope Teams asks for the tab (`access_as_user`, exposed by the app registration). */
const SCOPE = 'access_as_user';
/** Seconds of clock difference allowed between Entra and this server. */
const CLOCK_TOLERANCE_SECONDS = 60;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

let jose: Promise<Jose> | undefined;
/** jose is an ES module: loaded once, dynamically, from this CommonJS code. */
function loadJose(): Promise<Jose> {
  jose ??= import('jose');
  return jose;
}

/** A claim's text, '' when it is absent or not a text. */
function text(claims: Readonly<Record<string, unknown>>, name: string): string {
  const value = claims[name];
  return typeof value === 'string' ? value : '';
}

/** True when the request comes over the loopback interface. */
export function isLoopback(request: Request): boolean {
  return LOOPBACK.test(request.socket?.remoteAddress ?? '');
}

/**
 * Who is asking the tab's API. With an app id: the Teams SSO token in `Authorization: Bearer …`, checked with jose
 * (a library made for JOSE, rather than hand-written JWT code): tenant allowed (`ALLOWED_TENANTS`, or the app's own
 * tenant when the list is empty) before anything is fetched, RS256 signature against that tenant's key set (one
 * remote key set per tenant, which jose caches and refreshes on an unknown `kid`), issuer v1 or v2 of that tenant,
 * audience the SSO app id (`SSO_APP_ID`, by default the bot's) or `api://{BOT_DOMAIN}/{that id}`, scope
 * `access_as_user`, not expired. Then the person: the Entra object id, else the sign-in name, to the directory. Without an app id (local use): loopback only, as
 * `DASHBOARD_LOCAL_USER` or the directory's first coordinator.
 */
export class DashboardAuthenticator {
  private readonly keySets = new Map<string, KeySet>();
  private readonly tenants: ReadonlySet<string>;
  private readonly audiences: readonly string[];

  constructor(
    private readonly config: Pick<PlatformConfig, 'microsoftAppId' | 'microsoftAppTenantId' | 'allowedTenants' | 'botDomain' | 'ssoAppId'>,
    private readonly settings: DashboardSettings,
    private readonly directory: DirectorySource,
    private readonly log: Logger,
  ) {
    // The bot's allow-list empty means any tenant reaching the bot; for tokens whose keys we would fetch by the
    // token's own say-so that is too open: then only the app's tenant.
    this.tenants = new Set(config.allowedTenants.length > 0 ? config.allowedTenants : [config.microsoftAppTenantId]);
    // Teams asks for the token of the app registration in the manifest's webApplicationInfo (SSO_APP_ID, by
    // default the bot's own).
    this.audiences = [config.ssoAppId, ...(config.botDomain ? [`api://${config.botDomain}/${config.ssoAppId}`] : [])];
  }

  async authenticate(request: Request): Promise<Authentication> {
    if (!this.config.microsoftAppId) return this.local(request);
    const claims = await this.verify(request.headers.authorization);
    if (!claims) return { kind: 'unauthenticated' };
    const person = await this.personOf(claims);
    if (!person) {
      this.log.info({ tenantId: text(claims, 'tid') }, 'dashboard request from someone the directory does not know refused');
      return { kind: 'unknownPerson' };
    }
    return { kind: 'viewer', person, coordinator: isCoordinator(person) };
  }

  private async local(request: Request): Promise<Authentication> {
    if (!isLoopback(request)) {
      this.log.warn({ remoteAddress: request.socket?.remoteAddress }, 'dashboard request without an app id from outside loopback refused');
      return { kind: 'unauthenticated' };
    }
    const directory = await this.directory.current();
    const person = this.settings.localUser ? directory.person(this.settings.localUser) : directory.people.find((p) => isCoordinator(p));
    return person ? { kind: 'viewer', person, coordinator: isCoordinator(person) } : { kind: 'unknownPerson' };
  }

  /** The token's claims when it holds; undefined (and the reason in the log, never the token) when not. */
  private async verify(header: string | undefined): Promise<Readonly<Record<string, unknown>> | undefined> {
    const refuse = (reason: string, details: Record<string, unknown> = {}) => {
      this.log.warn({ reason, ...details }, 'dashboard request with no valid token refused');
      return undefined;
    };
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\s*$/.exec(header ?? '');
    if (!match) return refuse(header ? 'not a Bearer token' : 'no token');
    const token = match[1]!;
    const { decodeJwt, jwtVerify, createRemoteJWKSet, errors } = await loadJose();
    let tenant: string;
    try {
      tenant = text(decodeJwt(token), 'tid').toLowerCase();
    } catch {
      return refuse('malformed token');
    }
    // Before any key is fetched: the tenant picks the key set's address.
    if (!GUID.test(tenant) || !this.tenants.has(tenant)) return refuse('tenant not allowed', { tenantId: GUID.test(tenant) ? tenant : '(invalid)' });
    let keys = this.keySets.get(tenant);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(this.settings.jwksUrl.replaceAll('{tenant}', tenant)));
      this.keySets.set(tenant, keys);
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: this.settings.issuers.map((i) => i.replaceAll('{tenant}', tenant)),
        audience: [...this.audiences],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
      });
      if (text(payload, 'tid').toLowerCase() !== tenant) return refuse('tenant changed');
      if (!text(payload, 'scp').split(' ').includes(SCOPE)) return refuse('scope access_as_user missing', { tenantId: tenant });
      return payload;
    } catch (error) {
      const code = error instanceof errors.JOSEError ? error.code : 'ERR_UNKNOWN';
      // Keys that cannot be fetched are our problem, not the caller's: logged as an error besides the refusal.
      if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout) this.log.error({ err: error, tenantId: tenant }, "the tenant's signing keys could not be read");
      return refuse(error instanceof errors.JWTClaimValidationFailed ? `claim ${error.claim} invalid` : code, { tenantId: tenant });
    }
  }

  /** The directory person of the token: by Entra object id, else by the sign-in name as e-mail. */
  private async personOf(claims: Readonly<Record<string, unknown>>): Promise<Person | undefined> {
    const directory = await this.directory.current();
    const oid = text(claims, 'oid').toLowerCase();
    const byId = oid ? directory.personByAadObjectId(oid) : undefined;
    if (byId) return byId;
    for (const name of ['preferred_username', 'upn', 'email']) {
      const person = text(claims, name) ? directory.person(text(claims, name)) : undefined;
      if (person) return person;
    }
    return undefined;
  }
}
