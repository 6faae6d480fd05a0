import type { TableClient } from '@azure/data-tables';
import type { HomeChannel } from '../../features/checkins/domain/model';
import type { GroupSettingsRepository } from '../../features/checkins/domain/repositories';
import { getEntity, TABLES, type TableStore } from './table-store';

/**
 * Table `settings`: PartitionKey `group`, one row per setting of the working group (RowKey `homeChannel`:
 * where digests are posted). Few rows, each read with one point read.
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
