import type { Reachability } from '../../../platform/delivery/recipients';
import type { Person } from '../../../platform/directory/model';
import type { HomeChannel } from '../../../platform/storage/group-settings-repository';
import type { Broadcast, PersonRef } from './model';
import type { BroadcastReport } from './report';

/** Who a broadcast is sent to once it goes out: a post in the home channel, or people 1:1. */
export type Recipients = { readonly kind: 'channel'; readonly channel: HomeChannel } | { readonly kind: 'people'; readonly people: readonly Person[] };

/** The card the author clicked, as Teams addresses it: where the progress is shown. */
export interface AuthorCard {
  readonly activityId: string;
  readonly conversationId: string;
}

/**
 * How broadcasts reach people and the author outside a turn: implemented by the feature's Teams part on the
 * outbox (`teams/notifier.ts`), which renders the cards (once per distinct content) and leaves sending, limits
 * and retries to the delivery pipeline. Every message has an idempotency key in the broadcast's batch — the
 * recipient's e-mail (or `channel`), `reminder:{e-mail}`, `card:{activity}` — so a repeated call sends nothing twice.
 */
export interface BroadcastNotifier {
  /** Hands the broadcast to the outbox, one delivery per recipient; sending starts with the first ones stored. */
  send(broadcast: Broadcast, recipients: Recipients): Promise<void>;
  /**
   * Makes the author's card (answered with `report` in this turn) a delivery that {@link showReport} updates; when
   * the card's ids are unknown, sends the report as a new message instead. Returns the delivery's id.
   */
  adoptCard(broadcast: Broadcast, report: BroadcastReport, card: AuthorCard | undefined): Promise<string>;
  /**
   * Where the author's card stands: `busy` while an update of it has not reached Teams yet; `shownAt`, when Teams
   * last took an update of it (or the card itself).
   */
  cardState(broadcast: Broadcast): Promise<{ readonly busy: boolean; readonly shownAt?: Date }>;
  /** Shows the report on the author's card; false when it shows that already (nothing is sent). */
  showReport(broadcast: Broadcast, report: BroadcastReport): Promise<boolean>;
  /** The one reminder to each of these recipients: the message again, with the read confirmation. */
  remind(broadcast: Broadcast, people: readonly PersonRef[]): Promise<void>;
  /** Updates every copy Teams shows (recipients' and reminders) to the broadcast's content; returns how many changed. */
  correct(broadcast: Broadcast, acks: ReadonlyMap<string, Date>): Promise<number>;
  /** How each person would be reached now, for the preview. */
  reachability(people: readonly Person[]): Promise<Reachability[]>;
}
