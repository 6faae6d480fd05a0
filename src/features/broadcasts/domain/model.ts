import type { Locale } from '../../../platform/config';

/**
 * Who a broadcast goes to: the group's home channel (one post), or people of the directory 1:1 — every CDO,
 * the CDOs and members of chosen municipalities, everyone, or the coordinators.
 */
export const AUDIENCES = ['channel', 'cdos', 'municipalities', 'everyone', 'coordinators'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Limits of the form's inputs (characters). Teams renders the text as Markdown in the card. */
export const LIMITS = { title: 200, text: 20_000, linkTitle: 100, link: 2_000 } as const;

/** Where a broadcast stands. A discarded draft is deleted. */
export const BROADCAST_STATES = ['draft', 'scheduled', 'sending', 'sent'] as const;
export type BroadcastState = (typeof BROADCAST_STATES)[number];

/** What recipients read: the title, the text (Markdown), and an optional link with its button title. */
export interface BroadcastContent {
  readonly title: string;
  readonly text: string;
  readonly linkTitle: string;
  /** An http(s) address, or ''. */
  readonly link: string;
}

/** One broadcast, from draft to report. */
export interface Broadcast {
  /** Lower-case letters and digits; sorts newest first (see {@link newBroadcastId}). */
  readonly id: string;
  readonly authorEmail: string;
  /** The author's language when they last worked on it: of the preview, the progress card and the report. */
  readonly locale: Locale;
  readonly state: BroadcastState;
  readonly content: BroadcastContent;
  readonly audience: Audience;
  /** The municipalities of the `municipalities` audience, as the directory names them. */
  readonly municipalities: readonly string[];
  /** Recipients are asked to confirm that they read it. */
  readonly ack: boolean;
  /** When it is to be sent; undefined: when the author clicks Send. */
  readonly sendAt?: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** When sending began (the audience was resolved then). */
  readonly startedAt?: Date;
  /** When every recipient's outcome was known. */
  readonly finishedAt?: Date;
  /** How many recipients the audience had when sending began; 0 before. */
  readonly recipientCount: number;
  /** The outbox delivery of the author's card (preview, then progress and report), '' when there is none. */
  readonly cardDeliveryId: string;
  /** When the author's card was last updated with the progress (updates are at least 3 s apart). */
  readonly progressAt?: Date;
  /** 0 as sent, +1 per correction. */
  readonly revision: number;
  readonly correctedAt?: Date;
  /** When the one reminder went to those who had not confirmed, and to how many. */
  readonly remindedAt?: Date;
  readonly remindedCount: number;
}

/** A person of the directory as a broadcast names them. */
export interface PersonRef {
  readonly email: string;
  readonly name: string;
  readonly municipality: string;
}

/**
 * A new broadcast id: the time inverted (so that a table lists the newest first) in base 36, then four random
 * characters. 13 lower-case letters and digits: fits batch names, job ids and table keys as it is.
 */
export function newBroadcastId(now: Date, random: () => number = Math.random): string {
  const inverted = (MAX_TIME - now.getTime()).toString(36).padStart(9, '0');
  const suffix = Array.from({ length: 4 }, () => Math.floor(random() * 36).toString(36)).join('');
  return `${inverted}${suffix}`;
}

/** Later than any time a broadcast is made (the year 2286). */
const MAX_TIME = 9_999_999_999_999;

const ID = /^[0-9a-z]{13}$/;
/** True for something that can be a broadcast id (card data and command arguments come from outside). */
export function isBroadcastId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}

/** The outbox batch of a broadcast: one delivery per recipient (keyed by e-mail, or `channel`), its card and reminders. */
export function broadcastBatch(id: string): string {
  return `broadcast-${id}`;
}

/** How long at least between two updates of the author's progress card. */
export const PROGRESS_INTERVAL_MS = 3_000;
