import type { TableClient } from '@azure/data-tables';
import type { Locale } from '../../../platform/config';
import { getEntity, type TableStore } from '../../../platform/storage/table-store';
import type { ReportLink, ReportLinkRepository } from '../domain/links';

/** The report feature's table (logical name; the configured prefix goes in front). */
export const REPORT_TABLES = { links: 'reportlinks' } as const;

/**
 * Table `reportlinks`: one partition `link`, RowKey = the link's id. A download is one point read; the daily purge
 * reads the expired ones with a filter on `expiresAt` (few: a link lives a week) and deletes them.
 */
const PARTITION = 'link';

interface LinkEntity {
  keyHash: string;
  since: string;
  asOf: string;
  expiresAt: string;
  locale: string;
  createdBy: string;
}

export class TableReportLinkRepository implements ReportLinkRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(REPORT_TABLES.links);
  }

  async save(link: ReportLink): Promise<void> {
    await this.table.createEntity<LinkEntity>({
      partitionKey: PARTITION,
      rowKey: link.id,
      keyHash: link.keyHash,
      since: link.since.toISOString(),
      asOf: link.asOf.toISOString(),
      expiresAt: link.expiresAt.toISOString(),
      locale: link.locale,
      createdBy: link.createdBy,
    });
  }

  async get(id: string): Promise<ReportLink | undefined> {
    const entity = await getEntity<LinkEntity>(this.table, PARTITION, id);
    return (
      entity && {
        id,
        keyHash: entity.keyHash,
        since: new Date(entity.since),
        asOf: new Date(entity.asOf),
        expiresAt: new Date(entity.expiresAt),
        locale: (entity.locale === 'en' ? 'en' : 'de') as Locale,
        createdBy: entity.createdBy,
      }
    );
  }

  async deleteExpired(now: Date): Promise<number> {
    const filter = `PartitionKey eq '${PARTITION}' and expiresAt le '${now.toISOString()}'`;
    let count = 0;
    for await (const entity of this.table.listEntities<LinkEntity>({ queryOptions: { filter } })) {
      await this.table.deleteEntity(PARTITION, entity.rowKey!);
      count++;
    }
    return count;
  }
}
