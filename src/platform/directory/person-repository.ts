import { personKey, type Person, type Role } from './model';
import type { PersonRepository } from './repositories';
import { TableDirectoryVersionRepository } from './directory-version-repository';
import { encodeKey, getEntity, listPartition, TABLES, upsertPartition, type TableStore } from '../storage/table-store';

/**
 * Table `people`, two partitions:
 * - `person` / lower-case e-mail: the people. One partition because the directory is listed whole (search
 *   index, export) and imports write it in transactions of 100.
 * - `aad` / Entra object id → e-mail: how an incoming Teams user is recognised with one point read. A row is
 *   written when an import names the id and when the Teams member API told us a user's e-mail, even if no
 *   person has that e-mail yet, so the member API is asked once per user.
 */
const PEOPLE = 'person';
const AAD_INDEX = 'aad';

interface PersonEntity {
  email: string;
  name: string;
  roles: string;
  municipality: string;
  aadObjectId: string;
}

interface AadIndexEntity {
  email: string;
}

/** Every upsert moves the directory version on (see {@link TableDirectoryVersionRepository}). */
export class TablePersonRepository implements PersonRepository {
  constructor(
    private readonly store: TableStore,
    private readonly version = new TableDirectoryVersionRepository(store),
  ) {}

  private get table() {
    return this.store.table(TABLES.people);
  }

  async list(): Promise<Person[]> {
    const entities = await listPartition<PersonEntity>(this.table, PEOPLE);
    return entities.map(toPerson).sort((a, b) => a.email.localeCompare(b.email));
  }

  async get(email: string): Promise<Person | undefined> {
    const key = personKey(email);
    if (!key) return undefined;
    const entity = await getEntity<PersonEntity>(this.table, PEOPLE, encodeKey(key));
    return entity && toPerson(entity);
  }

  async upsert(items: readonly Person[]): Promise<void> {
    await upsertPartition(
      this.table,
      items.map((p) => ({
        partitionKey: PEOPLE,
        rowKey: encodeKey(personKey(p.email)),
        email: personKey(p.email),
        name: p.name,
        roles: p.roles.join(';'),
        municipality: p.municipality,
        aadObjectId: p.aadObjectId,
      })),
    );
    const linked = items.filter((p) => p.aadObjectId);
    await upsertPartition(
      this.table,
      linked.map((p) => ({ partitionKey: AAD_INDEX, rowKey: encodeKey(p.aadObjectId.toLowerCase()), email: personKey(p.email) })),
    );
    if (items.length > 0) await this.version.bump();
  }

  async emailForAadObjectId(aadObjectId: string): Promise<string | undefined> {
    const entity = await getEntity<AadIndexEntity>(this.table, AAD_INDEX, encodeKey(aadObjectId.toLowerCase()));
    return entity?.email;
  }

  async rememberAadObjectId(aadObjectId: string, email: string): Promise<void> {
    await this.table.upsertEntity({ partitionKey: AAD_INDEX, rowKey: encodeKey(aadObjectId.toLowerCase()), email: personKey(email) }, 'Replace');
  }
}

function toPerson(entity: PersonEntity): Person {
  return {
    email: entity.email,
    name: entity.name,
    roles: (entity.roles ?? '').split(';').filter(Boolean) as Role[],
    municipality: entity.municipality ?? '',
    aadObjectId: entity.aadObjectId ?? '',
  };
}
