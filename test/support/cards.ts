// Cards are JSON as the bot sends them; tests walk them without a schema.
/* eslint-disable @typescript-eslint/no-explicit-any */

/** Every element of a card (body, columns, containers, actions), depth first. */
export function cardElements(card: any): any[] {
  const found: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.type === 'string') found.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card.body);
  walk(card.actions ?? []);
  return found;
}

/** The texts of a card's TextBlocks, in order. */
export function cardTexts(card: any): string[] {
  return cardElements(card)
    .filter((e) => e.type === 'TextBlock')
    .map((e) => e.text as string);
}

/** The input with this id. */
export function cardInput(card: any, id: string): any {
  const input = cardElements(card).find((e) => typeof e.type === 'string' && e.type.startsWith('Input.') && e.id === id);
  if (!input) throw new Error(`no input "${id}" in the card`);
  return input;
}

/** The text shown right after an input (its error), or undefined when the next element is not a TextBlock. */
export function textAfterInput(card: any, id: string): string | undefined {
  let result: string | undefined;
  const walk = (node: any) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        if (item?.id === id && typeof item.type === 'string' && item.type.startsWith('Input.')) {
          const next = node[i + 1];
          result = next?.type === 'TextBlock' ? next.text : undefined;
        }
        walk(item);
      });
    } else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(card.body);
  return result;
}

/** The action with this verb, among the card's actions or in an ActionSet of its body. */
export function cardAction(card: any, verb: string): any {
  return cardActions(card).find((a: any) => a.verb === verb);
}

/** What a reader sees: the texts of TextBlocks and FactSet facts ("title: value"), in order. */
export function cardReadout(card: any): string[] {
  const texts: string[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'TextBlock') texts.push(node.text);
      if (node.type === 'FactSet') for (const f of node.facts) texts.push(`${f.title}: ${f.value}`);
      Object.values(node).forEach(walk);
    }
  };
  walk(card.body);
  return texts;
}

/** Every action of a card (buttons), in order. */
export function cardActions(card: any): any[] {
  const actions: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (typeof node.type === 'string' && node.type.startsWith('Action.')) actions.push(node);
      for (const [key, value] of Object.entries(node)) if (key !== 'fallback') walk(value);
    }
  };
  walk(card.body);
  walk(card.actions ?? []);
  return actions;
}

/** The Adaptive Card of a message the bot sent, or undefined for a text message. */
export function cardOf(body: any): any | undefined {
  return body?.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** The first TextBlock of the Adaptive Card in a message the bot sent (the welcome card's greeting). */
export function cardTitle(body: any): string | undefined {
  const find = (node: any): string | undefined => {
    if (Array.isArray(node)) return node.map(find).find((t) => t !== undefined);
    if (node && typeof node === 'object') return node.type === 'TextBlock' ? node.text : find(Object.values(node));
    return undefined;
  };
  return find(body?.attachments?.[0]?.content?.body);
}
