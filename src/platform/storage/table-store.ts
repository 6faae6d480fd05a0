import { TableClient, TableServiceClient, type TableEntity, type TableEntityResult, type TableServiceClientOptions } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';

/**
 * The platform's logical table names; the configured prefix goes in front (Azure table names are alphanumeric,
 * 3–63 characters). Features name their own tables (lower-case letters and digits) and declare them, so that
 * storage creates them at start.
 */
export const TABLES = {
  municipalities: 'municipalities',
  people: 'people',
  projects: 'projects',
  conversations: 'conversations',
  botState: 'botstate',
  deliveries: 'deliveries',
  jobs: 'jobs',
  settings: 'settings',
  meta: 'meta',
} as const;
/** A logical table name: one of {@link TABLES} or a feature's. */
export type TableName = string;

/** The HTTP status of an Azure SDK error, if it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * How to reach a storage account: its connection string (the account key inside; local and legacy use), or the
 * Table service's https endpoint and a credential that gets Entra tokens for it (a managed identity: no secret).
 */
export type TableAccount = string | TokenEndpoint;

/** A Table service reached with Entra tokens: the SDK asks the credential for the scope {@link STORAGE_SCOPE}. */
export interface TokenEndpoint {
  /** `https://ACCOUNT.table.core.windows.net`, or an emulator's `https://127.0.0.1:PORT/ACCOUNT`. */
  readonly endpoint: string;
  readonly credential: TokenCredential;
}

/** The scope of the tokens the table clients ask their credential for (the SDK's default for Azure Storage). */
export const STORAGE_SCOPE = 'https://storage.azure.com/.default';

/**
 * Entry point to one storage account: hands out a client per table (created once) and checks reachability.
 * The SDK retries transient failures itself; the delays are kept short so a user waits seconds, not a minute,
 * before hearing that storage is down.
 */
export class TableStore {
  private readonly clients = new Map<TableName, TableClient>();
  private readonly options: TableServiceClientOptions;
  private readonly probe: TableServiceClient;

  constructor(
    private readonly account: TableAccount,
    private readonly prefix = '',
  ) {
    // Tokens travel over https only (the SDK refuses a bearer token on http); a key-signed emulator may use http.
    const insecure = typeof account === 'string' && /(^|;)\s*(DefaultEndpointsProtocol=http|TableEndpoint=http:)/i.test(account);
    this.options = {
      allowInsecureConnection: insecure,
      retryOptions: { maxRetries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
    };
    const probeOptions = { ...this.options, retryOptions: { maxRetries: 0 } };
    this.probe =
      typeof account === 'string' ? TableServiceClient.fromConnectionString(account, probeOptions) : new TableServiceClient(account.endpoint, account.credential, probeOptions);
  }

  /** The full table name for a logical one. */
  tableName(name: TableName): string {
    return `${this.prefix}${name}`;
  }

  table(name: TableName): TableClient {
    let client = this.clients.get(name);
    if (!client) {
      const table = this.tableName(name);
      client =
        typeof this.account === 'string'
          ? TableClient.fromConnectionString(this.account, table, this.options)
          : new TableClient(this.account.endpoint, table, this.account.credential, this.options);
      this.clients.set(name, client);
    }
    return client;
  }

  /** Creates the platform's tables and `more` where they do not exist yet; safe to run from several instances at once. */
  async ensureTables(more: readonly TableName[] = []): Promise<void> {
    for (const name of more) if (!/^[a-z][a-z0-9]{2,29}$/.test(name)) throw new Error(`table name "${name}" must be 3–30 lower-case letters and digits`);
    await Promise.all([...new Set([...Object.values(TABLES), ...more])].map((name) => this.table(name).createTable()));
  }

  /** True when storage answers within the time limit (any HTTP answer but an auth failure counts). */
  async ping(timeoutMs = 3000): Promise<boolean> {
    try {
      const filter = `TableName eq '${this.tableName(TABLES.people)}'`;
      await this.probe.listTables({ abortSignal: AbortSignal.timeout(timeoutMs), queryOptions: { filter } }).byPage({ maxPageSize: 1 }).next();
      return true;
    } catch (error) {
      const status = statusOf(error);
      return status !== undefined && status !== 401 && status !== 403 && status < 500;
    }
  }
}

/**
 * Escapes a value for use in a PartitionKey or RowKey, where `/ \ # ?`, control characters and (by our
 * choice) `%` are not allowed. Reversible with {@link decodeKey}; Teams ids (`19:…@thread.tacv2`) pass unchanged.
 */
export function encodeKey(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[%/\\#?\u0000-\u001f\u007f-\u009f]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}

export function decodeKey(key: string): string {
  return key.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The OData filter that selects one partition (quotes in the key doubled). */
export function partitionFilter(partitionKey: string): string {
  return `PartitionKey eq '${partitionKey.replace(/'/g, "''")}'`;
}

/** Reads every entity of one partition. */
export async function listPartition<T extends object>(client: TableClient, partitionKey: string): Promise<TableEntityResult<T>[]> {
  const result: TableEntityResult<T>[] = [];
  for await (const entity of client.listEntities<T>({ queryOptions: { filter: partitionFilter(partitionKey) } })) result.push(entity);
  return result;
}

/** A point read that returns undefined on 404 instead of throwing. */
export async function getEntity<T extends object>(client: TableClient, partitionKey: string, rowKey: string): Promise<TableEntityResult<T> | undefined> {
  try {
    return await client.getEntity<T>(partitionKey, rowKey);
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Creates an entity; returns its ETag, or undefined when one with these keys exists (409), e.g. another instance's. */
export async function createEntity(client: TableClient, entity: TableEntity<object>): Promise<string | undefined> {
  try {
    return (await client.createEntity(entity)).etag ?? '';
  } catch (error) {
    if (statusOf(error) === 409) return undefined;
    throw error;
  }
}

/**
 * Replaces an entity (or, with `Merge`, the properties given) if it still has the ETag it was read with; returns
 * the new ETag, or undefined when someone else changed (412) or deleted (404) it meanwhile.
 */
export async function replaceEntity(client: TableClient, entity: TableEntity<object>, etag: string, mode: 'Replace' | 'Merge' = 'Replace'): Promise<string | undefined> {
  try {
    return (await client.updateEntity(entity, mode, { etag })).etag ?? '';
  } catch (error) {
    if (statusOf(error) === 412 || statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Deletes an entity; returns false when there was none (404), which is not an error. */
export async function deleteEntity(client: TableClient, partitionKey: string, rowKey: string): Promise<boolean> {
  try {
    await client.deleteEntity(partitionKey, rowKey);
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

/** Upserts entities of one partition in transactions of at most 100 (the service's limit). */
export async function upsertPartition<T extends object>(client: TableClient, entities: readonly TableEntity<T>[]): Promise<void> {
  for (let i = 0; i < entities.length; i += 100) {
    const chunk = entities.slice(i, i + 100);
    await client.submitTransaction(chunk.map((entity) => ['upsert', entity, 'Replace'] as const));
  }
}

/** The keys of an entity, as a delete needs them. */
export interface EntityKeys {
  readonly partitionKey: string;
  readonly rowKey: string;
}

/**
 * Deletes entities, partition by partition in transactions of at most 100 (the service's limit). An entity
 * that is gone already (someone else deleted it) is not an error: its transaction is then done one by one.
 * Returns how many entities are gone.
 */
export async function deletePartitioned(client: TableClient, entities: readonly EntityKeys[]): Promise<number> {
  const byPartition = new Map<string, EntityKeys[]>();
  for (const entity of entities) byPartition.set(entity.partitionKey, [...(byPartition.get(entity.partitionKey) ?? []), entity]);
  for (const keys of byPartition.values()) {
    for (let i = 0; i < keys.length; i += 100) {
      const chunk = keys.slice(i, i + 100);
      try {
        await client.submitTransaction(chunk.map((k) => ['delete', { partitionKey: k.partitionKey, rowKey: k.rowKey }] as const));
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
        for (const k of chunk) await deleteEntity(client, k.partitionKey, k.rowKey);
      }
    }
  }
  return entities.length;
}

/** Every entity of the partitions from `from` (included) to `to` (excluded): a range of partitions, not the table. */
export async function listPartitionRange<T extends object>(client: TableClient, from: string, to: string): Promise<TableEntityResult<T>[]> {
  const quote = (text: string) => text.replace(/'/g, "''");
  const filter = `PartitionKey ge '${quote(from)}' and PartitionKey lt '${quote(to)}'`;
  const result: TableEntityResult<T>[] = [];
  for await (const entity of client.listEntities<T>({ queryOptions: { filter } })) result.push(entity);
  return result;
}

/**
 * A piece of work to do once per table, such as indexing what was stored before an index existed: done when the
 * table holds the mark `~meta/{name}` (written after the work), and at most once per process while it succeeds.
 * Returns the function to await before relying on the work.
 */
export function oncePerTable(table: () => TableClient, name: string, work: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  const run = async () => {
    if (await getEntity(table(), '~meta', name)) return;
    await work();
    await table().upsertEntity({ partitionKey: '~meta', rowKey: name, doneAt: new Date().toISOString() }, 'Replace');
  };
  return () => {
    done ??= run().catch((error: unknown) => {
      done = undefined;
      throw error;
    });
    return done;
  };
}

/** A string property holds 64 KiB of UTF-16: long texts are split over properties of this many characters. */
const CHUNK_CHARS = 30_000;

/** How a long JSON text is spread over an entity's properties: a count property and numbered ones. */
export interface ChunkLayout {
  /** The property holding the number of chunks. */
  readonly count: string;
  /** The numbered properties' prefix (`d` → `d0`, `d1`, …). */
  readonly prefix: string;
}

/**
 * Writes a value as JSON over numbered properties of an entity (one entity holds at most 1 MiB). Characters
 * beyond ASCII are written as `\uXXXX` escapes: the table emulator (Azurite 3.35) decodes a request body in
 * network-sized pieces and turns a UTF-8 character split between two pieces into U+FFFD, which corrupts
 * large texts with umlauts. JSON reads the escapes back as the same characters.
 */
export function writeJsonChunks(entity: Record<string, unknown>, layout: ChunkLayout, value: unknown): void {
  const text = JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const chunks = Math.max(1, Math.ceil(text.length / CHUNK_CHARS));
  entity[layout.count] = chunks;
  for (let i = 0; i < chunks; i++) entity[`${layout.prefix}${i}`] = text.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
}

/** Reads a value written by {@link writeJsonChunks}. */
export function readJsonChunks(entity: Readonly<Record<string, unknown>>, layout: ChunkLayout): unknown {
  const count = Number(entity[layout.count] ?? 0);
  let text = '';
  for (let i = 0; i < count; i++) text += String(entity[`${layout.prefix}${i}`] ?? '');
  return JSON.parse(text);
}
