import type { TableClient } from '@azure/data-tables';
import { getEntity, TABLES, type TableStore } from './table-store';

/**
 * The group's home channel: where check-in digests, meeting announcements, trend notes and channel broadcasts
 * are posted. A coordinator sets it with `@Kümmerer hier posten` in that channel.
 */
export interface HomeChannel {
  readonly conversationId: string;
  readonly teamId: string;
  readonly setBy: string;
  readonly setAt: Date;
}

/** Settings of the working group. */
export interface GroupSettingsRepository {
  homeChannel(): Promise<HomeChannel | undefined>;
  setHomeChannel(channel: HomeChannel): Promise<void>;
}

/**
 * Table `settings`: PartitionKey `group`, one row per setting of the working group (RowKey `homeChannel`:
 * where the group's posts go). Few rows, each read with one point read.
 */
const PARTITION = 'group';
const HOME_CHANNEL = 'homeChannel';

interface HomeChannelEntity {
  conversationId: string;
  teamId: string;
  setBy: string;
  setAt: string;
}

export class TableGroupSettingsRepository implements GroupSettingsRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(TABLES.settings);
  }

  async homeChannel(): Promise<HomeChannel | undefined> {
    const entity = await getEntity<HomeChannelEntity>(this.table, PARTITION, HOME_CHANNEL);
    return entity && { conversationId: entity.conversationId, teamId: entity.teamId ?? '', setBy: entity.setBy ?? '', setAt: new Date(entity.setAt) };
  }

  async setHomeChannel(channel: HomeChannel): Promise<void> {
    await this.table.upsertEntity(
      { partitionKey: PARTITION, rowKey: HOME_CHANNEL, conversationId: channel.conversationId, teamId: channel.teamId, setBy: channel.setBy, setAt: channel.setAt.toISOString() },
      'Replace',
    );
  }
}
