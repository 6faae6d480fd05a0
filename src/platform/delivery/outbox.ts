/**
 * The outbox: how use cases send messages outside a turn (check-in cards, reminders, digests, broadcasts)
 * without knowing Teams or botbuilder. A use case enqueues a delivery — one message to one recipient — and
 * the delivery pipeline (`pipeline.ts`) sends it within Teams' limits, retries what can be retried, and
 * records the outcome. Every delivery is stored before it is sent, so nothing is lost or sent twice across
 * restarts and instances.
 */

import type { Person } from '../directory/model';
import type { Reachability } from './recipients';

/** Who receives a message. */
export type Recipient =
  /** A person of the directory in their 1:1 chat with the bot (created when the bot shares a team with them). */
  | { readonly kind: 'person'; readonly email: string }
  /** A new post in a team channel; `channelId` defaults to the team's General channel (id = team id). */
  | { readonly kind: 'channel'; readonly teamId: string; readonly channelId?: string }
  /** A reply in the thread of a channel post (`messageId`: the post's activity id, e.g. from an earlier delivery). */
  | { readonly kind: 'thread'; readonly teamId: string; readonly channelId: string; readonly messageId: string }
  /**
   * A reply in the thread of the channel post that another delivery (`deliveryId`) makes. The post's Teams id is
   * known only once it is sent, so this waits until then: a use case can queue a post and its replies at once.
   * When that post failed, was unreachable or was no channel post, the reply is unreachable (`threadNotPosted`).
   */
  | { readonly kind: 'threadOf'; readonly deliveryId: string }
  /** A group chat the bot was added to. */
  | { readonly kind: 'groupChat'; readonly conversationId: string };

/**
 * The message: a Bot Framework activity as plain JSON (`text` and/or `attachments` with an Adaptive Card,
 * `summary`), rendered by the features with the `CardRenderer`. Opaque to the domain and the outbox.
 */
export type MessagePayload = Readonly<Record<string, unknown>>;

/**
 * Where a delivery stands:
 * - `pending`: waiting to be sent (or, when it has an `activityId`, to update the sent message in place);
 * - `sending`: an instance claimed it and sends it within moments (`claimedBy`, until `claimUntil`);
 * - `sent`: Teams accepted it (and the latest update);
 * - `failed`: Teams refused it (`errorCode` says why) or every attempt failed; not tried again;
 * - `unreachable`: there is no way to reach the recipient (see {@link UnreachableReason}); nothing was sent.
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'unreachable'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Why a recipient cannot be reached: not in the directory, no 1:1 chat and no team shared with the bot, the
 * team or chat does not have the bot (any more), the conversation refused the bot's last message (blocked,
 * uninstalled) and the person has not written to the bot since, or the channel post to reply to was not posted.
 */
export const UNREACHABLE_REASONS = ['unknownPerson', 'notInTeam', 'teamNotInstalled', 'chatNotInstalled', 'conversationStale', 'threadNotPosted'] as const;
export type UnreachableReason = (typeof UNREACHABLE_REASONS)[number];

/** One message to one recipient, as recorded in the outbox. */
export interface Delivery {
  /** `batch|key`: stable, safe to keep in a card or a job payload. */
  readonly id: string;
  readonly batch: string;
  readonly key: string;
  readonly recipient: Recipient;
  readonly payload: MessagePayload;
  readonly status: DeliveryStatus;
  /** Requests made for the current send or update. */
  readonly attempts: number;
  /** ISO time of the next attempt while pending. */
  readonly nextAttemptAt: string;
  /** The last failure: HTTP status and message, or the reason a recipient is unreachable. */
  readonly lastError: string;
  /** The Teams error code of a refusal (`ConversationBlockedByUser`, …) or the {@link UnreachableReason}. */
  readonly errorCode: string;
  /** The message's id in Teams once sent: what an update replaces. */
  readonly activityId: string;
  /** The conversation the message went to once sent (for a new channel post: its thread). */
  readonly conversationId: string;
  /** The instance that claimed the delivery to send it, and until when the claim holds (ISO), while sending. */
  readonly claimedBy: string;
  readonly claimUntil: string;
  /**
   * Uncertain: the delivery was sent again after a claim expired, because the instance that claimed it stopped
   * (crashed) during the send. Teams may have received the first send too, so the message may have arrived twice.
   */
  readonly uncertain: boolean;
  /** Payload revisions: 1 when enqueued, +1 per update; `sentRevision` is the one Teams shows. */
  readonly revision: number;
  readonly sentRevision: number;
  readonly createdAt: string;
  readonly sentAt: string;
  readonly updatedAt: string;
}

/** A delivery without its message: what a progress report of a large batch reads every few seconds. */
export type DeliveryOutcome = Omit<Delivery, 'payload'>;

/** What a use case asks to send. */
export interface OutboxItem {
  /**
   * The logical message this delivery belongs to (a check-in round, a broadcast): letters, digits and `._:-`,
   * at most 100 characters. {@link Outbox.status} reports a batch as a whole.
   */
  readonly batch: string;
  /**
   * Identifies the delivery within its batch, normally the recipient (`anna@duelmen.example`), plus what the
   * message is when a batch sends several to one recipient (`reminder:anna@…`). Enqueueing the same batch and
   * key again returns the delivery that exists: it is sent once. At most 200 characters, no control characters.
   */
  readonly key: string;
  readonly recipient: Recipient;
  readonly payload: MessagePayload;
}

/** A batch at a glance: how many deliveries stand where, and each one. */
export interface BatchStatus {
  readonly batch: string;
  readonly total: number;
  readonly counts: Readonly<Record<DeliveryStatus, number>>;
  readonly deliveries: readonly Delivery[];
}

/** The domain's port to the delivery pipeline. */
export interface Outbox {
  /** Records a delivery and hands it to the pipeline; idempotent by batch and key. */
  enqueue(item: OutboxItem): Promise<Delivery>;
  /** Many deliveries at once (a round, a broadcast); written in transactions per batch. */
  enqueueMany(items: readonly OutboxItem[]): Promise<Delivery[]>;
  /**
   * Replaces a delivery's message (a live progress card). Not sent yet: the new payload is what will be sent.
   * Sent: the message in Teams is updated in place, within the same limits and retries as a send; several
   * updates in a row coalesce into the latest. Failed or unreachable: nothing to update, returned unchanged.
   * Undefined when there is no such delivery.
   */
  update(id: string, payload: MessagePayload): Promise<Delivery | undefined>;
  get(id: string): Promise<Delivery | undefined>;
  status(batch: string): Promise<BatchStatus>;
  /** Every delivery of a batch without its message, oldest first: {@link status} for a thousand without reading a thousand messages. */
  outcomes(batch: string): Promise<DeliveryOutcome[]>;
  /**
   * Records a message that was sent within a turn (the card a user clicked, answered in place) as a sent
   * delivery with its Teams ids, so that it can be updated later with {@link update}. Idempotent by batch and
   * key: a delivery that exists is returned unchanged.
   */
  adopt(item: OutboxItem, sent: { readonly activityId: string; readonly conversationId: string }): Promise<Delivery>;
  /**
   * How each person would be reached if a message were sent to them now (see {@link Reachability}), without
   * sending anything or opening a chat: for a preview of who a message will reach.
   */
  reachability(people: readonly Person[]): Promise<Reachability[]>;
}

/** Storage of the outbox, implemented in `delivery-repository.ts`. */
export interface DeliveryRepository {
  /**
   * Creates the deliveries that do not exist yet; returns every item's stored delivery, new or old, in order,
   * with its ETag (empty when the store did not say).
   */
  createMany(deliveries: readonly Delivery[], now: Date): Promise<Versioned<Delivery>[]>;
  /** The delivery with its ETag, for a conditional {@link replace}. */
  get(id: string): Promise<Versioned<Delivery> | undefined>;
  /**
   * Replaces a delivery if it was not changed since it was read with `etag`; returns the new ETag, or
   * undefined when someone else changed (or removed) it in between. `samePayload`: the payload is the one read
   * with `etag`, so only the state is written (a claim, an outcome), not the message again.
   */
  replace(delivery: Delivery, etag: string, samePayload?: boolean): Promise<string | undefined>;
  listBatch(batch: string): Promise<Delivery[]>;
  /** {@link listBatch} without the messages (read from storage without them). */
  listOutcomes(batch: string): Promise<DeliveryOutcome[]>;
  /**
   * Deliveries that need work: pending, or sending under a claim that may have expired. `now` decides which
   * finished batches are dropped from the index of open batches.
   */
  listUnfinished(now: Date): Promise<Versioned<Delivery>[]>;
  /**
   * Pending, sending, failed, unreachable and uncertain deliveries of every batch, for operators; the oldest
   * `limit`, oldest first. Reads the open batches and an index of the others, never the whole outbox.
   */
  listForReport(limit: number): Promise<Delivery[]>;
  /**
   * Deletes the deliveries that are finished (sent, failed, unreachable) and were last changed before `cutoff`;
   * returns how many. Pending and sending ones stay.
   */
  deleteFinishedBefore(cutoff: Date): Promise<number>;
}

/** A stored record and the ETag it was read with. */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string;
}

/** An outbox item that cannot be stored: a programming error in the use case, never the user's input. */
export class InvalidOutboxItemError extends Error {
  readonly code = 'OUTBOX_ITEM_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidOutboxItemError';
  }
}

const BATCH = /^[A-Za-z0-9._:-]{1,100}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** True for a usable batch name: 1–100 letters, digits or `._:-` (it becomes a PartitionKey as it is). */
export function isBatchName(batch: string): boolean {
  return BATCH.test(batch);
}

/** Teams refuses messages over about 100 KB (413); anything near this is a bug, not a message. */
export const MAX_PAYLOAD_CHARS = 200_000;

/** A delivery as it is first recorded: pending, due at `at` (ISO). */
export function newDelivery(item: OutboxItem, at: string): Delivery {
  return {
    id: deliveryId(item.batch, item.key),
    batch: item.batch,
    key: item.key,
    recipient: item.recipient,
    payload: item.payload,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    lastError: '',
    errorCode: '',
    activityId: '',
    conversationId: '',
    claimedBy: '',
    claimUntil: '',
    uncertain: false,
    revision: 1,
    sentRevision: 0,
    createdAt: at,
    sentAt: '',
    updatedAt: at,
  };
}

/** The id of a delivery: its batch and key. */
export function deliveryId(batch: string, key: string): string {
  return `${batch}|${key}`;
}

/** Splits a delivery id into batch and key; undefined when it is not one. */
export function parseDeliveryId(id: string): { batch: string; key: string } | undefined {
  const bar = id.indexOf('|');
  if (bar <= 0) return undefined;
  const batch = id.slice(0, bar);
  const key = id.slice(bar + 1);
  return isBatchName(batch) && key !== '' ? { batch, key } : undefined;
}

/** Checks an item before it is stored; throws {@link InvalidOutboxItemError} naming what is wrong. */
export function validateOutboxItem(item: OutboxItem): void {
  if (!isBatchName(item.batch)) throw new InvalidOutboxItemError(`batch "${item.batch}" must be 1–100 letters, digits or ._:-`);
  if (item.key === '' || item.key.length > 200 || CONTROL.test(item.key)) throw new InvalidOutboxItemError(`key of batch ${item.batch} must be 1–200 characters without control characters`);
  const r = item.recipient as Partial<Record<string, unknown>> & { kind?: unknown };
  const text = (name: string) => typeof r[name] === 'string' && (r[name] as string).trim() !== '';
  const valid =
    (r.kind === 'person' && text('email')) ||
    (r.kind === 'channel' && text('teamId') && (r.channelId === undefined || text('channelId'))) ||
    (r.kind === 'thread' && text('teamId') && text('channelId') && text('messageId')) ||
    (r.kind === 'groupChat' && text('conversationId')) ||
    (r.kind === 'threadOf' && typeof r.deliveryId === 'string' && parseDeliveryId(r.deliveryId) !== undefined);
  if (!valid) throw new InvalidOutboxItemError(`recipient of ${deliveryId(item.batch, item.key)} is incomplete: ${JSON.stringify(item.recipient)}`);
  validatePayload(deliveryId(item.batch, item.key), item.payload);
}

/** A payload must be a message activity with something to show, and not larger than Teams could take. */
export function validatePayload(id: string, payload: MessagePayload): void {
  const hasText = typeof payload.text === 'string' && payload.text !== '';
  const hasAttachments = Array.isArray(payload.attachments) && payload.attachments.length > 0;
  if (!hasText && !hasAttachments) throw new InvalidOutboxItemError(`payload of ${id} has neither text nor attachments`);
  if (JSON.stringify(payload).length > MAX_PAYLOAD_CHARS) throw new InvalidOutboxItemError(`payload of ${id} is larger than ${MAX_PAYLOAD_CHARS} characters`);
}

/**
 * The chunks in which a batch is prepared (read, rendered) and handed to the outbox: a small first one, so that
 * the pipeline sends the first delivery while the rest is still being prepared, a second that fills Teams' first
 * second (50 requests), then a transaction's worth (100 deliveries). Preparing a chunk takes a fraction of the
 * time Teams' limit needs to send it, so sending never waits for the preparation.
 */
const BATCH_CHUNKS: readonly number[] = [10, 40];
const FULL_CHUNK = 100;

/**
 * Runs `work` over `items` in the chunks of a batch (see above), one chunk after the other: what a use case
 * that sends to many (a round's cards, reminders, a broadcast) wraps its preparation and `enqueueMany` in.
 */
export async function inBatchChunks<T>(items: readonly T[], work: (chunk: readonly T[]) => Promise<void>): Promise<void> {
  for (let start = 0, n = 0; start < items.length; n++) {
    const size = BATCH_CHUNKS[n] ?? FULL_CHUNK;
    await work(items.slice(start, start + size));
    start += size;
  }
}

/** The conversation-independent description of a recipient, for logs and reports. */
export function describeRecipient(recipient: Recipient): string {
  switch (recipient.kind) {
    case 'person':
      return recipient.email;
    case 'channel':
      return `channel ${recipient.channelId ?? recipient.teamId}`;
    case 'thread':
      return `thread ${recipient.channelId};messageid=${recipient.messageId}`;
    case 'groupChat':
      return `chat ${recipient.conversationId}`;
    case 'threadOf':
      return `thread of ${recipient.deliveryId}`;
  }
}
