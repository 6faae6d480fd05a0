import type { Versioned } from '../../../platform/delivery/outbox';
import type { Broadcast, BroadcastState } from './model';

/** Broadcasts: drafts, scheduled and sent ones, newest first. */
export interface BroadcastRepository {
  /** The broadcast with its ETag, for a conditional {@link replace}. */
  get(id: string): Promise<Versioned<Broadcast> | undefined>;
  /** Stores a new broadcast; false when one with its id exists. */
  create(broadcast: Broadcast): Promise<boolean>;
  /** Replaces a broadcast not changed since it was read with `etag`; the new ETag, or undefined when it was. */
  replace(broadcast: Broadcast, etag: string): Promise<string | undefined>;
  /** Deletes a broadcast not changed since it was read with `etag`; false when it was (or is gone). */
  delete(id: string, etag: string): Promise<boolean>;
  /** Newest first, those in `states` (all when omitted) by `authorEmail` (anyone's when omitted), at most `limit`. */
  list(query?: { readonly states?: readonly BroadcastState[]; readonly authorEmail?: string; readonly limit?: number }): Promise<Broadcast[]>;
}

/** Read confirmations: who confirmed reading a broadcast, and when. */
export interface AckRepository {
  /** Records a confirmation; returns when the person confirmed, the first time if they had already. */
  add(broadcastId: string, email: string, at: Date): Promise<Date>;
  get(broadcastId: string, email: string): Promise<Date | undefined>;
  /** Every confirmation of a broadcast, by e-mail. */
  list(broadcastId: string): Promise<ReadonlyMap<string, Date>>;
}

export interface BroadcastRepositories {
  readonly broadcasts: BroadcastRepository;
  readonly acks: AckRepository;
}
