import fs from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CardFactory, MessageFactory, type Activity, type Attachment } from 'botbuilder';
import type { MessagePayload } from '../delivery/outbox';
import { CARDS_DIR } from '../paths';

/**
 * The typed model of each card template in `cards/` (`cards/NAME.json` ↔ `CardModels['NAME']`); texts arrive
 * translated and formatted. Empty here: each feature adds its cards to it where it defines their models
 * (`declare module '…/platform/teams/cards' { interface CardModels { … } }`), so the compiler checks every
 * `render` against the model of its template.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CardModels {}

export type CardName = keyof CardModels;

/** Every card model carries the plain text shown by clients that cannot render the card. */
type WithFallback = { fallback: string };

/** How many rendered cards are kept for reuse: the distinct contents of a batch (a digest per language, a broadcast). */
const RENDERED_KEPT = 64;

/**
 * Renders card templates. Templates are read from disk once (the compiler's `rootDir` keeps `cards/` out
 * of the build, and the package ships the folder as is).
 */
export class CardRenderer {
  private readonly templates = new Map<CardName, ACData.Template>();
  /** Cards rendered lately, by template and model: a batch sending the same content to many renders it once. */
  private readonly rendered = new Map<string, string>();

  constructor(directory = CARDS_DIR) {
    for (const file of fs.readdirSync(directory)) {
      if (!file.endsWith('.json') || file.endsWith('.data.json')) continue;
      const json: unknown = JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8'));
      this.templates.set(path.basename(file, '.json') as CardName, new ACData.Template(json));
    }
  }

  /** The card as an attachment. The same template with the same model is rendered once (of the last {@link RENDERED_KEPT}). */
  card<K extends CardName>(name: K, model: CardModels[K]): Attachment {
    const template = this.templates.get(name);
    if (!template) throw new Error(`No card template cards/${name}.json`);
    const key = `${name}\u0000${JSON.stringify(model)}`;
    let content = this.rendered.get(key);
    if (content === undefined) {
      content = JSON.stringify(template.expand({ $root: model }));
      if (this.rendered.size >= RENDERED_KEPT) this.rendered.delete(this.rendered.keys().next().value!);
      this.rendered.set(key, content);
    }
    // A copy each time: the caller may change what it gets.
    return CardFactory.adaptiveCard(JSON.parse(content));
  }

  /** A message holding the card, with its plain-text fallback as the summary (notifications, old clients). */
  message<K extends CardName>(name: K, model: CardModels[K] & WithFallback): Partial<Activity> {
    const activity = MessageFactory.attachment(this.card(name, model));
    activity.summary = model.fallback;
    return activity;
  }

  /** The same message as plain JSON, for the outbox (`Outbox.enqueue`, `Outbox.update`): sent later, outside a turn. */
  payload<K extends CardName>(name: K, model: CardModels[K] & WithFallback): MessagePayload {
    return JSON.parse(JSON.stringify(this.message(name, model))) as MessagePayload;
  }
}
