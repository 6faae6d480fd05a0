import type { PlatformConfig } from '../config';
import type { Repositories } from '../directory/repositories';
import type { JobRepository } from '../scheduler/jobs';
import type { DeliveryRepository } from '../delivery/outbox';
import { TableDeliveryRepository } from '../delivery/delivery-repository';
import { TableJobRepository } from '../scheduler/job-repository';
import { TableDirectoryVersionRepository } from '../directory/directory-version-repository';
import { TableMunicipalityRepository } from '../directory/municipality-repository';
import { TablePersonRepository } from '../directory/person-repository';
import { TableProjectRepository } from '../directory/project-repository';
import { TableConversationRepository } from './conversation-repository';
import { openLocalTableStorage, type LocalTableStorage } from './embedded-table-storage';
import { TableGroupSettingsRepository } from './group-settings-repository';
import { TableBotStateStorage } from './table-bot-state-storage';
import { tableCredential } from './credential';
import { TableStore, type TableAccount } from './table-store';

/** Storage as the rest of the process sees it: the platform's repositories, and the store for the features' tables. */
export interface OpenStorage {
  readonly store: TableStore;
  readonly repos: Repositories;
  readonly botState: TableBotStateStorage;
  /** The outbox of the delivery pipeline. */
  readonly deliveries: DeliveryRepository;
  /** Scheduled jobs and their runs. */
  readonly jobs: JobRepository;
  /** True when the data lives in the embedded emulator under `DATA_DIR`. */
  readonly embedded: boolean;
  /** Flushes and stops the embedded emulator if this process runs it. */
  close(): Promise<void>;
}

/** What {@link openStorage} reads of the configuration; the endpoint's variables may be left out (then unset). */
export type StorageConfig = Pick<PlatformConfig, 'tablesConnectionString' | 'dataDir' | 'tablePrefix'> &
  Partial<Pick<PlatformConfig, 'tablesEndpoint' | 'tablesIdentityClientId'>>;

/**
 * Opens the configured Table Storage: the endpoint in `TABLES_ENDPOINT` with an Entra token (see
 * {@link tableCredential}), the account in `TABLES_CONNECTION_STRING`, else the embedded emulator with its data in
 * `DATA_DIR` (run by the bot, borrowed by a CLI command while the bot runs). Creates the platform's tables and
 * `featureTables` (the tables the features declare) where missing.
 */
export async function openStorage(config: StorageConfig, role: 'bot' | 'cli', featureTables: readonly string[] = []): Promise<OpenStorage> {
  let local: LocalTableStorage | undefined;
  let account: TableAccount;
  if (config.tablesEndpoint) account = { endpoint: config.tablesEndpoint, credential: await tableCredential({ tablesIdentityClientId: config.tablesIdentityClientId ?? '' }) };
  else account = config.tablesConnectionString || (local = await openLocalTableStorage(config.dataDir, role)).connectionString;
  const store = new TableStore(account, config.tablePrefix);
  try {
    await store.ensureTables(featureTables);
  } catch (error) {
    await local?.close();
    throw error;
  }
  const directoryVersion = new TableDirectoryVersionRepository(store);
  return {
    store,
    repos: {
      municipalities: new TableMunicipalityRepository(store, directoryVersion),
      people: new TablePersonRepository(store, directoryVersion),
      projects: new TableProjectRepository(store, directoryVersion),
      conversations: new TableConversationRepository(store),
      groupSettings: new TableGroupSettingsRepository(store),
      directoryVersion,
    },
    botState: new TableBotStateStorage(store),
    deliveries: new TableDeliveryRepository(store),
    jobs: new TableJobRepository(store),
    embedded: local !== undefined,
    close: async () => {
      await local?.close();
    },
  };
}
