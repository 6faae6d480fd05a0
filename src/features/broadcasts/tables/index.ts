import type { TableStore } from '../../../platform/storage/table-store';
import type { BroadcastRepositories } from '../domain/repositories';
import { TableAckRepository } from './acks';
import { TableBroadcastRepository } from './broadcasts';
import { BROADCAST_TABLES } from './names';

export { BROADCAST_TABLES };

/** The broadcast repositories on a store whose tables exist (see {@link BROADCAST_TABLES}). */
export function broadcastRepositories(store: TableStore): BroadcastRepositories {
  return { broadcasts: new TableBroadcastRepository(store), acks: new TableAckRepository(store) };
}
