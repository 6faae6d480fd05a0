import type { TurnContext } from 'botbuilder';
import type { BotDependencies } from './dependencies';
import { sendWelcome } from './handlers/help';
import { turnInfo } from './turn';

/** A message intent: what text it recognises and which handler answers it. */
export interface MessageRoute {
  readonly name: string;
  matches(text: string): boolean;
  handle(context: TurnContext, text: string, deps: BotDependencies): Promise<void>;
}

/** Commands are matched on the whole message, ignoring case, surrounding punctuation and spaces. */
function command(...words: string[]): (text: string) => boolean {
  const set = new Set(words);
  return (text) => set.has(text.toLowerCase().replace(/^[\s/!?.]+|[\s!?.]+$/g, ''));
}

/** Every message intent, in the order they are tried; the first that matches answers. */
export const MESSAGE_ROUTES: readonly MessageRoute[] = [
  { name: 'help', matches: command('hilfe', 'help', 'start', 'hallo', 'hello', 'hi', '?', ''), handle: (context, _text, deps) => sendWelcome(context, deps) },
];

/** Answers when no route matched. */
export async function notUnderstood(context: TurnContext): Promise<void> {
  await context.sendActivity(turnInfo(context).t('messages.notUnderstood'));
}
