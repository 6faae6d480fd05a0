import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { Locale } from '../config';
import type { Person } from '../directory/model';
import type { Translate } from '../i18n';
import type { ViewContext } from '../i18n/format';
import type { Logger } from '../logger';

/** What the middleware learned about a turn, for handlers to use. */
export interface TurnInfo {
  readonly correlationId: string;
  readonly log: Logger;
  readonly locale: Locale;
  readonly t: Translate;
  /** The directory person who wrote, when known (set for messages and invokes). */
  person?: Person;
}

const TURN_INFO = Symbol('kuemmerer.turnInfo');

export function setTurnInfo(context: TurnContext, info: TurnInfo): void {
  context.turnState.set(TURN_INFO, info);
}

/** The turn's info; the middleware sets it before any handler runs. */
export function turnInfo(context: TurnContext): TurnInfo {
  const info = turnInfoIfAny(context);
  if (!info) throw new Error('Turn info missing: the Kümmerer middleware did not run');
  return info;
}

/** The turn's info if the middleware got that far (error handling). */
export function turnInfoIfAny(context: TurnContext): TurnInfo | undefined {
  return context.turnState.get(TURN_INFO) as TurnInfo | undefined;
}

/** How to show texts, dates and times to whoever wrote this turn: their language, the instance's time zone. */
export function viewOf(context: TurnContext, timezone: string): ViewContext {
  const { t, locale } = turnInfo(context);
  return { t, locale, timezone };
}

/**
 * What a card action answers with: the card of a reply message, which replaces the card clicked, or its text
 * when it has no card.
 */
export function cardOrText(reply: Partial<Activity> | string): Attachment | string {
  return typeof reply === 'string' ? reply : (reply.attachments?.[0] ?? reply.text ?? '');
}
