import type { Trend, TrendCounts, TrendVote } from './model';

/** Trend notes. */
export interface TrendRepository {
  /** Stores a new note; `exists` when one with its id is stored already (a repeat of the same post). */
  create(trend: Trend): Promise<'created' | 'exists'>;
  get(id: string): Promise<Trend | undefined>;
  /** Every note (one partition read), for the in-memory index and for notes waiting for the home channel. */
  list(): Promise<Trend[]>;
  /** Records the outbox delivery of a note's channel post. */
  setDelivery(id: string, deliveryId: string): Promise<void>;
  /** Records the channel post's Teams id and conversation, and finds the note by that id from then on. */
  setPost(id: string, postId: string, conversationId: string): Promise<void>;
  /** The note whose channel post has this Teams id. */
  byPost(postId: string): Promise<string | undefined>;
  /** A marker that changes whenever a note, its delivery or its post is recorded (one point read): the index is rebuilt when it moved. */
  version(): Promise<string>;
}

/** Votes on notes, one per person and note. */
export interface TrendVoteRepository {
  get(trendId: string, voter: string): Promise<TrendVote | undefined>;
  /** Stores a vote (replacing the person's earlier one). */
  put(vote: TrendVote): Promise<void>;
  /** How the note was received (one partition read: its votes). */
  counts(trendId: string): Promise<TrendCounts>;
}
