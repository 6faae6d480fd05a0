import type { TableClient } from '@azure/data-tables';
import type { ConversationAddress, ConversationScope } from './conversations';
import type { ConversationRepository } from './conversations';
import { createEntity, deleteEntity, encodeKey, getEntity, listPartition, statusOf, TABLES, type TableStore } from './table-store';

/**
 * Table `conversations`: PartitionKey = scope (`personal`, `groupChat`, `team`, `channel`), RowKey = the
 * address key, escaped. Proactive sends look up one person's personal chat (a point read by Entra object id:
 * a Teams user has exactly one personal chat with an app) or list the teams and channels of the group
 * (one small partition each). Channel rows carry their team id so uninstalling a team forgets its channels.
 * `staleSince`/`staleReason` mark an address Teams refused; every write of the address (Replace) drops them.
 */
interface ConversationEntity {
  conversationId: string;
  tenantId: string;
  teamId: string;
  userAadObjectId: string;
  reference: string;
  lastSeenAt: string;
  staleSince?: string;
  staleReason?: string;
}

export class TableConversationRepository implements ConversationRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(TABLES.conversations);
  }

  async add(address: ConversationAddress): Promise<boolean> {
    if ((await createEntity(this.table, toEntity(address))) !== undefined) return true;
    await this.refresh(address);
    return false;
  }

  async refresh(address: ConversationAddress): Promise<void> {
    await this.table.upsertEntity(toEntity(address), 'Replace');
  }

  async getPersonal(userKey: string): Promise<ConversationAddress | undefined> {
    return this.get('personal', userKey);
  }

  async get(scope: ConversationScope, key: string): Promise<ConversationAddress | undefined> {
    const entity = await getEntity<ConversationEntity>(this.table, scope, encodeKey(key));
    return entity && toAddress(scope, key, entity);
  }

  async list(scope: ConversationScope): Promise<ConversationAddress[]> {
    const entities = await listPartition<ConversationEntity & { key: string }>(this.table, scope);
    return entities.map((e) => toAddress(scope, e.key, e));
  }

  async remove(scope: ConversationScope, key: string): Promise<void> {
    await deleteEntity(this.table, scope, encodeKey(key));
    if (scope === 'team') {
      const channels = await listPartition<ConversationEntity>(this.table, 'channel');
      await Promise.all(channels.filter((c) => c.teamId === key).map((c) => deleteEntity(this.table, 'channel', c.rowKey!)));
    }
  }

  async markStale(scope: ConversationScope, key: string, stale: NonNullable<ConversationAddress['stale']>): Promise<void> {
    try {
      // Merge with "*": only these two properties change, and a missing row is not created.
      await this.table.updateEntity({ partitionKey: scope, rowKey: encodeKey(key), staleSince: stale.since, staleReason: stale.reason }, 'Merge', { etag: '*' });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
}

function toEntity(address: ConversationAddress) {
  return {
    partitionKey: address.scope,
    rowKey: encodeKey(address.key),
    key: address.key,
    conversationId: address.conversationId,
    tenantId: address.tenantId,
    teamId: address.teamId,
    userAadObjectId: address.userAadObjectId,
    reference: JSON.stringify(address.reference),
    lastSeenAt: address.lastSeenAt,
  };
}

function toAddress(scope: ConversationScope, key: string, entity: ConversationEntity): ConversationAddress {
  return {
    scope,
    key,
    conversationId: entity.conversationId,
    tenantId: entity.tenantId ?? '',
    teamId: entity.teamId ?? '',
    userAadObjectId: entity.userAadObjectId ?? '',
    reference: JSON.parse(entity.reference) as Record<string, unknown>,
    lastSeenAt: entity.lastSeenAt,
    ...(entity.staleSince ? { stale: { since: entity.staleSince, reason: entity.staleReason ?? '' } } : {}),
  };
}
