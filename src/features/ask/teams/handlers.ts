import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { Locale } from '../../../platform/config';
import type { ConversationMemory } from '../../../platform/feature';
import { translator } from '../../../platform/i18n';
import type { ViewContext } from '../../../platform/i18n/format';
import type { AskAnswer } from '../domain/answers';
import type { ProjectFactsSource } from './cards';
import { parseChoice, type AskTurn } from '../domain/ask-service';
import type { AskContext } from '../domain/follow-up';
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
  readonly now: () => Date;
  /** The conversations' last questions; undefined when follow-ups are off (`ASK_CONTEXT_MINUTES=0`). */
  readonly memory: ConversationMemory<AskContext> | undefined;
}

/** The turn as the use case sees it: its time and this conversation's memory. */
function askTurn(context: TurnContext, deps: AskTeamsDependencies): AskTurn {
  const memory = deps.memory;
  return { now: deps.now(), ...(memory ? { memory: { read: () => memory.read(context), write: (value: AskContext) => memory.write(context, value) } } : {}) };
}

/** How to show the answer: in the language the question is written in when that is clear, else the Teams client's. */
function viewIn(context: TurnContext, language: Locale | undefined, timezone: string): ViewContext {
  const view = viewOf(context, timezone);
  return language && language !== view.locale ? { ...view, locale: language, t: translator(language) } : view;
}

/** The answer as a message; a project's details with what the other features know of the project. */
async function render(answer: AskAnswer, view: ViewContext, deps: AskTeamsDependencies): Promise<Partial<Activity>> {
  const extra = answer.kind === 'projectDetails' ? (await Promise.all(deps.factSources().map((s) => s.projectFacts(answer.project.id, view)))).flat() : [];
  return renderAskAnswer(answer, view, deps.cards, extra);
}

/** Answers a free-text question about projects and responsibilities; not-understood when it is not one. */
export async function answerQuestion(context: TurnContext, text: string, deps: AskTeamsDependencies): Promise<void> {
  const { log } = turnInfo(context);
  const { answer, language } = await deps.ask.ask(text, askTurn(context, deps));
  // "Not understood" is the bot's answer to any other text: it stays in the language of the Teams client.
  const view = viewIn(context, answer.kind === 'notUnderstood' ? undefined : language, deps.timezone);
  log.info({ answer: answer.kind, language: view.locale, ...('intent' in answer ? { intent: answer.intent } : {}) }, 'question answered');
  await context.sendActivity(await render(answer, view, deps));
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
  const answer = await deps.ask.choose(choice, askTurn(context, deps));
  log.info({ answer: answer.kind, intent: choice.intent }, 'choice answered');
  return cardOrText(await render(answer, viewOf(context, deps.timezone), deps));
}
