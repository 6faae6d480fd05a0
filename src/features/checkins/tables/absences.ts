import type { TableClient } from '@azure/data-tables';
import type { Absence } from '../domain/model';
import type { AbsenceRepository } from '../domain/repositories';
import { personKey } from '../../../platform/directory/model';
import { deleteEntity, encodeKey, getEntity, listPartition, type TableStore } from '../../../platform/storage/table-store';
import { CHECKIN_TABLES } from './names';

/**
 * Table `absences`: one partition `absence`, RowKey = the person's lower-case e-mail. A round start reads
 * the whole (small) partition once; setting and clearing are point writes. Past absences stay until the
 * person sets a new one or writes "back": they no longer match any round's start date.
 */
const PARTITION = 'absence';

interface AbsenceEntity {
  email: string;
  until: string;
  setAt: string;
}

export class TableAbsenceRepository implements AbsenceRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(CHECKIN_TABLES.absences);
  }

  async list(): Promise<Absence[]> {
    return (await listPartition<AbsenceEntity>(this.table, PARTITION)).map(toAbsence);
  }

  async get(email: string): Promise<Absence | undefined> {
    const entity = await getEntity<AbsenceEntity>(this.table, PARTITION, encodeKey(personKey(email)));
    return entity && toAbsence(entity);
  }

  async set(absence: Absence): Promise<void> {
    const email = personKey(absence.email);
    await this.table.upsertEntity({ partitionKey: PARTITION, rowKey: encodeKey(email), email, until: absence.until, setAt: absence.setAt.toISOString() }, 'Replace');
  }

  async clear(email: string): Promise<boolean> {
    return deleteEntity(this.table, PARTITION, encodeKey(personKey(email)));
  }
}

function toAbsence(entity: AbsenceEntity): Absence {
  return { email: entity.email, until: entity.until, setAt: new Date(entity.setAt) };
}
