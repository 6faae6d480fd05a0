import type { TokenCredential } from '@azure/identity';
import type { PlatformConfig } from '../config';

/**
 * The credential that gets the bot its Entra tokens for `TABLES_ENDPOINT`: the user-assigned managed identity named
 * by `TABLES_IDENTITY_CLIENT_ID` (on App Service the platform hands it out through `IDENTITY_ENDPOINT` and
 * `IDENTITY_HEADER`, which the library reads), else `DefaultAzureCredential`, which tries the environment's
 * `AZURE_*` variables, workload identity, a managed identity and a developer's `az login` in turn.
 * `@azure/identity` is loaded here, on first use, so a bot with a connection string or the embedded storage never
 * loads it.
 */
export async function tableCredential(config: Pick<PlatformConfig, 'tablesIdentityClientId'>): Promise<TokenCredential> {
  const identity = await import('@azure/identity');
  return config.tablesIdentityClientId ? new identity.ManagedIdentityCredential({ clientId: config.tablesIdentityClientId }) : new identity.DefaultAzureCredential();
}
