import type { Settings } from '../../platform/config';

/** The tab's settings (`DASHBOARD_*`). */
export interface DashboardSettings {
  /** Where a tenant's signing keys are; `{tenant}` stands for the token's tenant id. */
  readonly jwksUrl: string;
  /** The token issuers accepted (v1 and v2), each with `{tenant}` for the token's tenant id. */
  readonly issuers: readonly string[];
  /** Without an app id: the e-mail of the person the tab shows ('' for the directory's first coordinator). */
  readonly localUser: string;
  /** Funding deadlines this many days ahead are shown. */
  readonly deadlineDays: number;
}

const DEFAULT_JWKS_URL = 'https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys';
const DEFAULT_ISSUERS = 'https://sts.windows.net/{tenant}/,https://login.microsoftonline.com/{tenant}/v2.0';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An https address (http only on loopback, for a local identity provider in tests), `{tenant}` allowed in it;
 * undefined when it is not one.
 */
function webAddress(text: string): URL | undefined {
  try {
    const url = new URL(text.replaceAll('{tenant}', 'tenant'));
    if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) return url;
  } catch {
    // not a URL
  }
  return undefined;
}

/** Reads the dashboard variables; problems go to `read`. */
export function dashboardSettings(read: Settings): DashboardSettings {
  const jwksUrl = read.value('DASHBOARD_JWKS_URL') || DEFAULT_JWKS_URL;
  if (!webAddress(jwksUrl)) read.problem(`DASHBOARD_JWKS_URL must be an https address (http only on loopback), "{tenant}" standing for the tenant id, got "${jwksUrl}"`);
  const issuers = (read.value('DASHBOARD_ISSUERS') || DEFAULT_ISSUERS)
    .split(',')
    .map((i) => i.trim())
    .filter(Boolean);
  const badIssuer = issuers.find((i) => !webAddress(i));
  if (badIssuer !== undefined || issuers.length === 0) read.problem(`DASHBOARD_ISSUERS must be comma-separated https addresses, "{tenant}" standing for the tenant id, got "${read.value('DASHBOARD_ISSUERS')}"`);
  const localUser = read.value('DASHBOARD_LOCAL_USER').toLowerCase();
  if (localUser && !EMAIL.test(localUser)) read.problem(`DASHBOARD_LOCAL_USER must be an e-mail address of the directory, got "${localUser}"`);
  // The local user stands in for sign-in on loopback: with an app id every request signs in, and a setting that
  // would be ignored is better refused.
  if (localUser && read.value('MicrosoftAppId')) read.problem('DASHBOARD_LOCAL_USER is for local use without MicrosoftAppId: leave it empty when MicrosoftAppId is set');
  return Object.freeze({ jwksUrl, issuers, localUser, deadlineDays: read.integer('DASHBOARD_DEADLINE_DAYS', 60, 1, 366) });
}
