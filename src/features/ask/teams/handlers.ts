import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { ViewContext } from '../../../platform/i18n/format';
import type { AskAnswer } from '../domain/answers';
import type { ProjectFactsSource } from './cards';
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
  /** What other features add to a project's details. */
  readonly factSources: () => readonly ProjectFactsSource[];
}

/** The answer as a message; a project's details with what the other features know of the project. */
async function render(answer: AskAnswer, view: ViewContext, deps: AskTeamsDependencies): Promise<Partial<Activity>> {
  const extra = answer.kind === 'projectDetails' ? (await Promise.all(deps.factSources().map((s) => s.projectFacts(answer.project.id, view)))).flat() : [];
  return renderAskAnswer(answer, view, deps.cards, extra);
}

/** Answers a free-text question about projects and responsibilities; not-understood when it is not one. */
export async function answerQuestion(context: TurnContext, text: string, deps: AskTeamsDependencies): Promise<void> {
  const { log } = turnInfo(context);
  const answer = await deps.ask.ask(text);
  log.info({ answer: answer.kind, ...('intent' in answer ? { intent: answer.intent } : {}) }, 'question answered');
  await context.sendActivity(await render(answer, viewOf(context, deps.timezone), deps));
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
  return cardOrText(await render(answer, viewOf(context, deps.timezone), deps));
}
