import type { Attachment, TurnContext } from 'botbuilder';
import type { CardData } from '../../features/checkins/domain/answers';
import type { BotDependencies } from './dependencies';
import { answerChoice } from '../../features/ask/teams/handlers';
import { chooseProject, editCheckin, submitCheckin, submitUnchanged } from '../../features/checkins/teams/handlers';

/**
 * A card action: its verb and the handler that answers with the card that replaces the one clicked, or with a
 * short text when there is no card to show (e.g. the card's data was tampered with).
 */
interface CardActionRoute {
  readonly verb: string;
  handle(context: TurnContext, data: CardData, deps: BotDependencies): Promise<Attachment | string>;
}

/**
 * Every card verb. `Action.Execute` arrives as an `adaptiveCard/action` invoke and `Action.Submit` (older
 * clients, the `fallback` of each Execute) as a message with `value.verb`; both end here.
 */
const CARD_ACTION_ROUTES: readonly CardActionRoute[] = [
  { verb: 'checkin.submit', handle: submitCheckin },
  { verb: 'checkin.unchanged', handle: submitUnchanged },
  { verb: 'checkin.edit', handle: editCheckin },
  { verb: 'checkin.choose', handle: chooseProject },
  { verb: 'ask.choose', handle: answerChoice },
];

export function cardActionRoute(verb: unknown): CardActionRoute | undefined {
  return typeof verb === 'string' ? CARD_ACTION_ROUTES.find((r) => r.verb === verb) : undefined;
}
