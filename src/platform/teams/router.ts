import type { CardAction, MessageRoute } from '../feature';

/**
 * The routes of every feature in one place: message intents in the order the features are listed in `app.ts`
 * (the first that matches answers), and card verbs by name. A verb two features claim stops the start.
 */
export class Router {
  private readonly actions = new Map<string, CardAction>();

  constructor(
    readonly routes: readonly MessageRoute[],
    cardActions: readonly CardAction[],
  ) {
    for (const action of cardActions) {
      if (this.actions.has(action.verb)) throw new Error(`card verb "${action.verb}" is claimed twice`);
      this.actions.set(action.verb, action);
    }
  }

  /** The first route that takes the text; undefined when none does. */
  message(text: string): MessageRoute | undefined {
    return this.routes.find((r) => r.matches(text));
  }

  /** The handler of a card verb, if any (the verb comes from outside: anything may arrive). */
  cardAction(verb: unknown): CardAction | undefined {
    return typeof verb === 'string' ? this.actions.get(verb) : undefined;
  }

  /** Every verb with a handler. */
  verbs(): string[] {
    return [...this.actions.keys()];
  }
}

/** Commands are matched on the whole message, ignoring case, surrounding punctuation and spaces. */
export function command(...words: string[]): (text: string) => boolean {
  const set = new Set(words);
  return (text) => set.has(text.toLowerCase().replace(/^[\s/!?.]+|[\s!?.]+$/g, ''));
}

/**
 * A command followed by an argument (`Verlauf E-Akte`): matched ignoring case; the argument is the rest of
 * the message without surrounding quotes and closing punctuation.
 */
export function withArgument(...patterns: RegExp[]): { matches(text: string): boolean; argument(text: string): string } {
  const match = (text: string) => patterns.map((p) => p.exec(text.trim())).find(Boolean)?.[1];
  return {
    matches: (text) => (match(text) ?? '').trim() !== '',
    argument: (text) => (match(text) ?? '').trim().replace(/^["„“”'‚‘’»«]+|["„“”'‚‘’»«?!.]+$/g, '').trim(),
  };
}
