import { hasRole, isCoordinator, type Person } from '../../../platform/directory/model';

/** Limits of a trend note, checked before anything is stored. */
export const TREND_LIMITS = {
  /** A title typed on the form card. */
  title: 200,
  /** The title taken from a `Trend:` line: its first sentence, or this many characters. */
  lineTitle: 120,
  summary: 1000,
  tags: 10,
  tag: 40,
  link: 2000,
} as const;

/** A project of the directory a trend note concerns, as it was named when the note was posted. */
export interface ConcernedProject {
  readonly id: string;
  readonly title: string;
}

/** How a note came in: a `Trend:` line, the form card, or a feed entry a scout shared. */
export type TrendSource = 'line' | 'card' | 'feed';

/** A trend note. */
export interface Trend {
  /** Derived from what posted it (the message, the card's token, the feed entry), so a repeat posts nothing twice. */
  readonly id: string;
  readonly title: string;
  /** An http(s) address, or '' when the note has none. */
  readonly link: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** A field of action of the directory, or ''. */
  readonly field: string;
  /** Who posted it: a scout or a coordinator. */
  readonly scoutEmail: string;
  readonly createdAt: Date;
  readonly source: TrendSource;
  readonly projects: readonly ConcernedProject[];
  /** The channel post's delivery in the outbox; '' while no home channel was set. */
  readonly deliveryId: string;
  /** The channel post's Teams id, once it was posted (for reactions and the link). */
  readonly postId: string;
  /** The conversation of the post (`channelId;messageid=postId`). */
  readonly postConversationId: string;
}

/** What a note is made of, before it is checked. */
export interface TrendDraft {
  readonly title: string;
  readonly link: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly field: string;
}

/** The inputs of the form card (`cards/trends-form.json`), by their ids. */
export const TREND_INPUTS = ['title', 'link', 'summary', 'tags', 'field'] as const;
export type TrendInput = (typeof TREND_INPUTS)[number];

export type TrendErrorCode =
  | 'nothing'
  | 'linkNotHttp'
  | 'linkTooLong'
  | 'titleTooLong'
  | 'summaryTooLong'
  | 'tooManyTags'
  | 'tagTooLong'
  | 'unknownField'
  | 'invalidType'
  | 'unknownTrend';

export interface TrendError {
  readonly code: TrendErrorCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Errors next to an input, or for the whole note (`form`). */
export type TrendErrors = Partial<Record<TrendInput | 'form', TrendError>>;

/** Who may post trend notes: trend scouts and coordinators. */
export function mayPost(person: Person | undefined): person is Person {
  return hasRole(person, 'scout') || isCoordinator(person);
}

/** One vote of a person on a note: by the card's button, by a 👍 reaction, or "not relevant" (owners). */
export interface TrendVote {
  readonly trendId: string;
  /** The Teams user: Entra object id (lower case), else Teams id. */
  readonly voter: string;
  readonly card: boolean;
  readonly reaction: boolean;
  readonly notRelevant: boolean;
}

/** How a note was received: people who find it relevant (by button or 👍, each once), and "not relevant" clicks. */
export interface TrendCounts {
  readonly relevant: number;
  readonly notRelevant: number;
}

/** True when the vote counts as "relevant": a person counts once, whether they clicked, reacted or both. */
export function isRelevant(vote: TrendVote | undefined): boolean {
  return vote !== undefined && (vote.card || vote.reaction);
}

/** Ids of trend notes as they appear in card data: checked before they reach storage keys. */
export const TREND_ID = /^[a-f0-9]{20}$/;
