import type { Attachment, TurnContext } from 'botbuilder';
import { parseChoice } from '../domain/ask-service';
import { renderAskAnswer } from './views';
import type { BotDependencies } from '../../../platform/teams/dependencies';
import { cardOrText, turnInfo, viewOf } from '../../../platform/teams/turn';

/** Answers a free-text question about projects and responsibilities; not-understood when it is not one. */
export async function answerQuestion(context: TurnContext, text: string, deps: BotDependencies): Promise<void> {
  const { log } = turnInfo(context);
  const answer = await deps.ask.ask(text);
  log.info({ answer: answer.kind, ...('intent' in answer ? { intent: answer.intent } : {}) }, 'question answered');
  await context.sendActivity(renderAskAnswer(answer, viewOf(context, deps), deps.cards));
}

/**
 * A button of an ambiguity or "did you mean" card (`ask.choose`): answers the question for the chosen
 * entity through the same use case. Returns the answer card, which replaces the card clicked; invalid card
 * data gets a short message instead.
 */
export async function answerChoice(context: TurnContext, data: unknown, deps: BotDependencies): Promise<Attachment | string> {
  const { t, log } = turnInfo(context);
  const choice = parseChoice(data);
  if (!choice) {
    log.warn('ask.choose with invalid data refused');
    return t('ask.invalidChoice');
  }
  const answer = await deps.ask.choose(choice);
  log.info({ answer: answer.kind, intent: choice.intent }, 'choice answered');
  return cardOrText(renderAskAnswer(answer, viewOf(context, deps), deps.cards));
}
