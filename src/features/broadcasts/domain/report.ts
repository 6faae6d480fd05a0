import type { DeliveryStatus } from '../../../platform/delivery/outbox';
import type { Directory } from '../../../platform/directory/directory-cache';
import type { Broadcast, PersonRef } from './model';

/** The key of the one delivery of a broadcast to the home channel (people's deliveries are keyed by e-mail). */
export const CHANNEL_KEY = 'channel';

/** What became of the message to one recipient, as the outbox recorded it. */
export interface RecipientOutcome {
  /** The recipient's e-mail, or {@link CHANNEL_KEY}. */
  readonly key: string;
  readonly status: DeliveryStatus;
  /** Teams' error code of a refusal, or why the recipient cannot be reached. */
  readonly errorCode: string;
  readonly sentAt?: Date;
}

/** Why a recipient was not reached, as the report groups it. */
export type MissReason = 'leftTeam' | 'blocked' | 'noChat' | 'error';

/** A recipient not reached. */
export interface Miss {
  /** A person, or undefined for the home channel. */
  readonly person?: PersonRef;
  readonly reason: MissReason;
  /** Teams' error code or the outbox's reason, for the record. */
  readonly code: string;
}

/** Where a broadcast stands: counts, who was not reached and why, and (with read confirmation) who has not confirmed. */
export interface BroadcastReport {
  readonly total: number;
  readonly sent: number;
  /** Waiting to be sent, being sent, or not handed to the outbox yet. */
  readonly pending: number;
  readonly failed: number;
  readonly unreachable: number;
  /** Recipients who confirmed reading it. */
  readonly read: number;
  /** Every recipient's outcome is known. */
  readonly done: boolean;
  readonly missed: readonly Miss[];
  /** Recipients who got it and have not confirmed (only with read confirmation). */
  readonly unconfirmed: readonly PersonRef[];
}

/**
 * Why Teams (or the outbox) gave up on a recipient: they left the team or their chat is gone; they blocked the
 * bot (or an admin disabled it), also earlier in that chat; there is no way to open a chat with them; or a
 * failure that persisted through every retry.
 */
export function missReason(status: DeliveryStatus, errorCode: string): MissReason {
  if (status === 'unreachable') {
    if (errorCode === 'notInTeam') return 'leftTeam';
    if (errorCode === 'conversationStale') return 'blocked';
    return 'noChat';
  }
  if (errorCode === 'ConversationNotFound' || errorCode === 'HTTP404' || errorCode === 'NotFound') return 'leftTeam';
  if (errorCode === 'ConversationBlockedByUser' || errorCode === 'BotDisabledByAdmin' || errorCode === 'HTTP403') return 'blocked';
  return 'error';
}

/** The person a delivery key names, as the directory knows them now (the e-mail when it no longer does). */
export function personRef(email: string, directory: Directory): PersonRef {
  const person = directory.person(email);
  return { email, name: person?.name || email, municipality: person?.municipality ?? '' };
}

/** The report of a broadcast from its recipients' outcomes and the confirmations. */
export function buildReport(broadcast: Broadcast, outcomes: readonly RecipientOutcome[], acks: ReadonlyMap<string, Date>, directory: Directory): BroadcastReport {
  const count = (status: DeliveryStatus) => outcomes.filter((o) => o.status === status).length;
  const total = Math.max(broadcast.recipientCount, outcomes.length);
  const sent = count('sent');
  const failed = count('failed');
  const unreachable = count('unreachable');
  const started = broadcast.state === 'sending' || broadcast.state === 'sent';
  const missed = outcomes
    .filter((o) => o.status === 'failed' || o.status === 'unreachable')
    .map((o): Miss => ({ ...(o.key === CHANNEL_KEY ? {} : { person: personRef(o.key, directory) }), reason: missReason(o.status, o.errorCode), code: o.errorCode }));
  const recipients = new Set(outcomes.map((o) => o.key));
  return {
    total,
    sent,
    pending: total - sent - failed - unreachable,
    failed,
    unreachable,
    read: [...acks.keys()].filter((email) => recipients.has(email)).length,
    done: started && outcomes.length >= broadcast.recipientCount && sent + failed + unreachable === outcomes.length,
    missed,
    unconfirmed: broadcast.ack ? outcomes.filter((o) => o.status === 'sent' && o.key !== CHANNEL_KEY && !acks.has(o.key)).map((o) => personRef(o.key, directory)) : [],
  };
}
