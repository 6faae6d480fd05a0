import type { Phase } from '../../../platform/directory/model';
import type { HolidayRegion } from './holidays';

/**
 * The check-in domain: rounds that ask the people responsible for active projects for a status update, the
 * answers (status updates) kept as history, absences, and the group's home channel.
 */

export const TRAFFIC_LIGHTS = ['green', 'yellow', 'red'] as const;
export type TrafficLight = (typeof TRAFFIC_LIGHTS)[number];

/** How bad a traffic light is, for "worse than last time". */
export const LIGHT_SEVERITY: Readonly<Record<TrafficLight, number>> = { green: 0, yellow: 1, red: 2 };

/** True while a round takes answers: not closed and before its closing time. */
export function isRoundOpen(round: CheckinRound, now: Date): boolean {
  return round.state === 'open' && now.getTime() < round.closesAt.getTime();
}

/** Who started a round: a coordinator in Teams, the schedule, or an operator on the command line. */
export type RoundStarter = { readonly kind: 'person'; readonly email: string } | { readonly kind: 'schedule' } | { readonly kind: 'cli' };

export type RoundState = 'open' | 'closed';

/** One check-in round. At most one is open at a time. */
export interface CheckinRound {
  /** Sortable by start time (`20261130T080000Z-ab12cd`). */
  readonly id: string;
  readonly startedAt: Date;
  readonly startedBy: RoundStarter;
  /** When non-responders get their one reminder. */
  readonly reminderDueAt: Date;
  /** When the round closes and the digest goes out. */
  readonly closesAt: Date;
  /** `closed` once the close has run; a round past `closesAt` takes no answers even before that. */
  readonly state: RoundState;
  readonly closedAt?: Date;
}

/** Why a prompt asks whom it asks. `nobody`: the project has no owner, or owner and deputy are away or unknown. */
export type PromptReason = 'owner' | 'deputy' | 'nobody';

/**
 * One project of a round and the person asked about it, with what became of the card sent for it (its outbox
 * delivery, which lets a later update replace the card in place) and whether it has been answered.
 */
export interface CheckinPrompt {
  readonly roundId: string;
  readonly projectId: string;
  readonly projectTitle: string;
  /** Owner of the project when the round started ('' when it has none). */
  readonly ownerEmail: string;
  /** Who is asked: the owner, else the deputy; '' for nobody. */
  readonly askedEmail: string;
  readonly reason: PromptReason;
  /** `pending` until the card is handed to the outbox. */
  readonly delivery: PromptDelivery;
  /**
   * When the round's answer for this project was first stored (from the card, a reminder or `Status melden`):
   * reminders and "overdue" skip the prompt without reading answers.
   */
  readonly answeredAt?: Date;
}

/**
 * True while a prompt waits for its answer: somebody is asked and no answer is marked on it. What sends cards,
 * reminds and reports "overdue" goes by this; reminders also look for an answer whose mark failed.
 */
export function awaitsAnswer(prompt: CheckinPrompt): boolean {
  return prompt.askedEmail !== '' && !prompt.answeredAt;
}

export interface PromptDelivery {
  /**
   * `pending` until the card is handed to the outbox, then `sent`; the outbox delivery (`deliveryId`) records
   * whether Teams took it (its activity id, or why the person could not be reached).
   */
  readonly status: 'pending' | 'sent';
  /** Id of the outbox delivery that carries the prompt ('' while pending). */
  readonly deliveryId: string;
  /** When the person asked got the round's one reminder. */
  readonly remindedAt?: Date;
}

/** A status update of a project, in a round or outside one. */
export interface StatusAnswer {
  readonly id: string;
  readonly projectId: string;
  /** The round it answers; '' for a report outside a round. */
  readonly roundId: string;
  /** The submission token carried in the card's data: makes a double submit of an out-of-round report idempotent. */
  readonly token: string;
  readonly authorEmail: string;
  readonly at: Date;
  readonly phase: Phase;
  readonly light: TrafficLight;
  /** 0–100, when given. */
  readonly progress?: number;
  readonly happened: string;
  readonly next: string;
  readonly blockers: string;
  readonly funding: string;
  /** The light of the status before this one ('' for the first): "worse than last time" without another read. */
  readonly previousLight: TrafficLight | '';
  /** True when made with "no change" from the status before. */
  readonly unchanged: boolean;
}

/** The fields a person fills in. */
export type StatusFields = Pick<StatusAnswer, 'phase' | 'light' | 'progress' | 'happened' | 'next' | 'blockers' | 'funding'>;

/** Where an answer belongs: one answer per round and project, or one per submission token outside a round. */
export function answerSlot(roundId: string, token: string): string {
  return roundId ? `round:${roundId}` : `token:${token}`;
}

/** A person's absence: skipped in rounds that start on or before `until` (a local date, inclusive). */
export interface Absence {
  readonly email: string;
  /** `yyyy-MM-dd` in the configured time zone. */
  readonly until: string;
  readonly setAt: Date;
}

/** How rounds are timed. */
export interface CheckinTiming {
  /** IANA time zone whose Monday–Friday are the working days. */
  readonly timezone: string;
  /** German state whose public holidays are not working days ('' for none). */
  readonly holidayRegion: HolidayRegion | '';
  readonly reminderWorkingDays: number;
  readonly closeWorkingDays: number;
  /** Local time (`HH:mm`) of the reminder on its working day: a working-hours time, whenever the round started. */
  readonly reminderTime: string;
  /** Local time (`HH:mm`) on the last working day when answers are due and the round closes: the end of a working day. */
  readonly dueTime: string;
}

/** Limits of the free-text fields. */
export const TEXT_LIMIT = 2000;
export const HISTORY_SHOWN = 5;
