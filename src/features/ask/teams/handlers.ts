import type { Attachment, TurnContext } from 'botbuilder';
import { parseChoice } from '../domain/ask-service';
import { renderAskAnswer } from './views';
import type { CardRenderer } from '../../../platform/teams/cards';
import type { AskService } from '../domain/ask-service';
import { cardOrText, turnInfo, viewOf } from '../../../platform/teams/turn';

/** What Ask's Teams part needs. */
export interface AskTeamsDependencies {
  readonly ask: AskService;
  readonly cards: CardRenderer;
  readonly timezone: string;
}

/** Answers a free-text question about projects and responsibilities; not-understood when it is not one. */
export async function answerQuestion(context: TurnContext, text: string, deps: AskTeamsDependencies): Promise<void> {
  const { log } = turnInfo(context);
  const answer = await deps.ask.ask(text);
  log.info({ answer: answer.kind, ...('intent' in answer ? { intent: answer.intent } : {}) }, 'question answered');
  await context.sendActivity(renderAskAnswer(answer, viewOf(context, deps.timezone), deps.cards));
}

/**
 * A button of an ambiguity or "did you mean" card (`ask.choose`): answers the question for the chosen
 * entity through the same use case. Returns the answer card, which replaces the card clicked; invalid card
 * data gets a short message instead.
 */
export async function answerChoice(context: TurnContext, data: unknown, deps: AskTeamsDependencies): Promise<Attachment | string> {
  const { t, log } = turnInfo(context);
  const choice = parseChoice(data);
  if (!choice) {
    log.warn('ask.choose with invalid data refused');
    return t('ask.invalidChoice');
  }
  const answer = await deps.ask.choose(choice);
  log.info({ answer: answer.kind, intent: choice.intent }, 'choice answered');
  return cardOrText(renderAskAnswer(answer, viewOf(context, deps.timezone), deps.cards));
}
