import type { HomeChannel } from '../../../platform/storage/group-settings-repository';
import type { Trend, TrendCounts } from './model';

/** Where a note's channel post stands in the outbox. */
export type PostOutcome =
  | { readonly status: 'pending' }
  | { readonly status: 'sent'; readonly postId: string; readonly conversationId: string }
  | { readonly status: 'failed'; readonly reason: string };

/** The owner of projects a note concerns, with those projects' titles. */
export interface OwnerToTell {
  readonly email: string;
  readonly projects: readonly string[];
}

/**
 * How trend notes reach people outside a turn: implemented by the feature's Teams part on the outbox
 * (`teams/notifier.ts`), which renders the cards. Every message is keyed by the note (and the person), so calling
 * a method again for the same note — a restart, a second instance, a repeated post — sends nothing twice.
 */
export interface TrendNotifier {
  /** The note's card as a new post in the home channel; returns the outbox delivery's id. */
  postToChannel(trend: Trend, channel: HomeChannel): Promise<string>;
  /** The channel card shows the note's counts now (updated in place for everyone). */
  updateChannelCard(trend: Trend, counts: TrendCounts): Promise<void>;
  /** The note 1:1 to the owners of the projects it concerns, once per note and owner. */
  tellOwners(trend: Trend, owners: readonly OwnerToTell[]): Promise<void>;
  /** Where the channel post stands. */
  postOutcome(deliveryId: string): Promise<PostOutcome>;
  /** Tells the scout the note is in the channel (with the link to the post), or that it could not be posted. */
  tellScout(trend: Trend, outcome: Exclude<PostOutcome, { status: 'pending' }>): Promise<void>;
}
