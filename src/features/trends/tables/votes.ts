import type { TableClient } from '@azure/data-tables';
import { encodeKey, getEntity, listPartition, type TableStore } from '../../../platform/storage/table-store';
import { isRelevant, type TrendCounts, type TrendVote } from '../domain/model';
import type { TrendVoteRepository } from '../domain/repositories';
import { TREND_TABLES } from './names';

/**
 * Table `trendvotes`, PartitionKey = note id, RowKey = the voter (Teams user): one row per person and note, so a
 * person who clicks and reacts counts once, and the counts are one partition read.
 */
interface VoteEntity {
  card: boolean;
  reaction: boolean;
  notRelevant: boolean;
}

export class TableTrendVoteRepository implements TrendVoteRepository {
  constructor(private readonly store: TableStore) {}

  private get table(): TableClient {
    return this.store.table(TREND_TABLES.votes);
  }

  async get(trendId: string, voter: string): Promise<TrendVote | undefined> {
    const entity = await getEntity<VoteEntity>(this.table, trendId, encodeKey(voter));
    return entity && toVote(trendId, voter, entity);
  }

  async put(vote: TrendVote): Promise<void> {
    await this.table.upsertEntity({ partitionKey: vote.trendId, rowKey: encodeKey(vote.voter), card: vote.card, reaction: vote.reaction, notRelevant: vote.notRelevant }, 'Replace');
  }

  async counts(trendId: string): Promise<TrendCounts> {
    const votes = (await listPartition<VoteEntity>(this.table, trendId)).map((e) => toVote(trendId, '', e));
    return { relevant: votes.filter(isRelevant).length, notRelevant: votes.filter((v) => v.notRelevant).length };
  }
}

function toVote(trendId: string, voter: string, e: VoteEntity): TrendVote {
  return { trendId, voter, card: e.card === true, reaction: e.reaction === true, notRelevant: e.notRelevant === true };
}
