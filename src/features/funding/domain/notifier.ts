import type { HomeChannel } from '../../../platform/storage/group-settings-repository';
import type { ReminderOffset } from './deadline';
import type { ProjectMatch } from './matching';
import type { ApplicationStatus, FundingCall } from './model';

/** An owner and the projects of theirs that fit a call: one card. */
export interface CallOffer {
  readonly email: string;
  readonly matches: readonly ProjectMatch[];
}

/** A project named in a reminder, with its application's status if it has one. */
export interface ReminderProject {
  readonly title: string;
  readonly status: ApplicationStatus | undefined;
}

/** One reminder of a call's deadline. */
export interface Reminder {
  readonly call: FundingCall;
  /** The deadline's instant. */
  readonly deadline: Date;
  readonly offset: ReminderOffset;
}

/** What the thread of a call says when the call changes. */
export type CallNotice = { readonly kind: 'deadlineMoved' } | { readonly kind: 'withdrawn' };

/**
 * How the funding radar reaches people outside a turn: implemented by the feature's Teams part on the outbox.
 * Every message has an idempotency key (call, what it is, deadline and offset, person), so a second run of the
 * same job — a restart, another instance — sends nothing twice.
 */
export interface FundingNotifier {
  /** One card per owner with their projects that fit the call, „Interesse“ and „Passt nicht“ for each; once per call and owner. */
  offer(call: FundingCall, offers: readonly CallOffer[]): Promise<void>;
  /**
   * A reminder in the home channel: the call's first post there, or a reply in its thread once that post is out.
   * Returns the delivery that is the thread from now on (the new post when there was no thread yet).
   */
  remindChannel(reminder: Reminder, projects: readonly ReminderProject[], home: HomeChannel, threadDeliveryId: string): Promise<string>;
  /** A reminder 1:1 to an owner whose applications still need work before the deadline. */
  remindOwner(reminder: Reminder, email: string, projects: readonly ReminderProject[]): Promise<void>;
  /** Says in the call's thread that its deadline moved or that it was withdrawn; false when there is no thread to say it in. */
  announce(call: FundingCall, notice: CallNotice, home: HomeChannel, threadDeliveryId: string): Promise<boolean>;
}
