import { municipalityKey, type Municipality, type MunicipalityKind } from './model';
import type { MunicipalityRepository } from './repositories';
import { TableDirectoryVersionRepository } from './directory-version-repository';
import { encodeKey, getEntity, listPartition, TABLES, upsertPartition, type TableStore } from '../storage/table-store';

/**
 * Table `municipalities`. A working group has a dozen municipalities and every question may touch all of
 * them, so they share one partition: listing them is a single partition query, and one entity group
 * transaction writes a whole import. RowKey is the lower-cased name, so lookups ignore case.
 */
const PARTITION = 'municipality';

interface MunicipalityEntity {
  name: string;
  kind: string;
  website: string;
}

/** Every upsert moves the directory version on (see {@link TableDirectoryVersionRepository}). */
export class TableMunicipalityRepository implements MunicipalityRepository {
  constructor(
    private readonly store: TableStore,
    private readonly version = new TableDirectoryVersionRepository(store),
  ) {}

  private get table() {
    return this.store.table(TABLES.municipalities);
  }

  async list(): Promise<Municipality[]> {
    const entities = await listPartition<MunicipalityEntity>(this.table, PARTITION);
    return entities.map(toMunicipality).sort((a, b) => a.name.localeCompare(b.name, 'de'));
  }

  async get(name: string): Promise<Municipality | undefined> {
    const entity = await getEntity<MunicipalityEntity>(this.table, PARTITION, encodeKey(municipalityKey(name)));
    return entity && toMunicipality(entity);
  }

  async upsert(items: readonly Municipality[]): Promise<void> {
    await upsertPartition(
      this.table,
      items.map((m) => ({ partitionKey: PARTITION, rowKey: encodeKey(municipalityKey(m.name)), name: m.name, kind: m.kind, website: m.website })),
    );
    if (items.length > 0) await this.version.bump();
  }
}

function toMunicipality(entity: MunicipalityEntity): Municipality {
  return { name: entity.name, kind: entity.kind as MunicipalityKind, website: entity.website ?? '' };
}
