import { featureTables } from '../../src/app';
import { TableStore } from '../../src/platform/storage/table-store';
import { testConnectionString, uniquePrefix } from './hooks';

/**
 * A Table Storage on the run's Azurite with its tables made (the platform's and every feature's): empty tables of its own, unless `prefix` names
 * tables another part of the test shares (a bot or a command run with the same TABLE_PREFIX).
 */
export async function freshStore(prefix = uniquePrefix()): Promise<TableStore> {
  const store = new TableStore(testConnectionString(), prefix);
  await store.ensureTables(featureTables());
  return store;
}
