import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { Locale } from '../../../platform/config';
import type { ConversationMemory } from '../../../platform/feature';
import { viewIn, type ViewContext } from '../../../platform/i18n/format';
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

/**
 * The turn as the use case sees it: its time and this conversation's memory. The memory is written while the
 * answer is rendered and sent ({@link Turn.saved} waits for it before the turn ends, so the next question of the
 * conversation finds it): the answer does not wait for storage.
 */
interface Turn {
  readonly ask: AskTurn;
  /** Waits for what the turn stored; a failed write is logged, not the user's problem (follow-ups then miss it). */
  saved(): Promise<void>;
}

function askTurn(context: TurnContext, deps: AskTeamsDependencies): Turn {
  const memory = deps.memory;
  const writes: Promise<void>[] = [];
  const write = (value: AskContext) => {
    writes.push(memory!.write(context, value).catch((error: unknown) => turnInfo(context).log.warn({ err: error }, 'the question could not be kept for follow-ups')));
    return Promise.resolve();
  };
  return {
    ask: { now: deps.now(), ...(memory ? { memory: { read: () => memory.read(context), write } } : {}) },
    saved: async () => {
      await Promise.all(writes);
    },
  };
}

/** How to show the answer: in the language the question is written in when that is clear, else the Teams client's. */
function answerView(context: TurnContext, language: Locale | undefined, timezone: string): ViewContext {
  const view = viewOf(context, timezone);
  return language ? viewIn(view, language) : view;
}

/** The answer as a message; a project's details with what the other features know of the project. */
async function render(answer: AskAnswer, view: ViewContext, deps: AskTeamsDependencies): Promise<Partial<Activity>> {
  const extra = answer.kind === 'projectDetails' ? (await Promise.all(deps.factSources().map((s) => s.projectFacts(answer.project.id, view)))).flat() : [];
  return renderAskAnswer(answer, view, deps.cards, extra);
}

/** Answers a free-text question about projects and responsibilities; not-understood when it is not one. */
export async function answerQuestion(context: TurnContext, text: string, deps: AskTeamsDependencies): Promise<void> {
  const { log } = turnInfo(context);
  const turn = askTurn(context, deps);
  const { answer, language } = await deps.ask.ask(text, turn.ask);
  // "Not understood" is the bot's answer to any other text: it stays in the language of the Teams client.
  const view = answerView(context, answer.kind === 'notUnderstood' ? undefined : language, deps.timezone);
  log.info({ answer: answer.kind, language: view.locale, ...('intent' in answer ? { intent: answer.intent } : {}) }, 'question answered');
  await context.sendActivity(await render(answer, view, deps));
  await turn.saved();
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
  const turn = askTurn(context, deps);
  const answer = await deps.ask.choose(choice, turn.ask);
  log.info({ answer: answer.kind, intent: choice.intent }, 'choice answered');
  const card = cardOrText(await render(answer, viewOf(context, deps.timezone), deps));
  await turn.saved();
  return card;
}
