// Cards and connector calls are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { cardOf, cardTexts } from '../../support/cards';
import { CheckinRig } from '../../support/checkin-rig';
import type { ConnectorCall } from '../../support/teams-connector';

/** Monday 30 November 2026, 09:00 in Berlin. */
export const MONDAY_9 = '2026-11-30T08:00:00.000Z';
export const COORDINATOR = 'm.becker@kreis-coesfeld.example';
export const OTHER_COORDINATOR = 't.overbeck@kreis-coesfeld.example';
export const ANNA = 'anna.schulte@duelmen.example';
export const PETRA = 'p.huesing@duelmen.example';
export const DANIEL = 'daniel.schroeder@olfen.example';
export const JUERGEN = 'juergen.weiss@havixbeck.example';
export const JULIA = 'julia.ahlers@rosendahl.example';
export const MARKUS = 'markus.terhorst@coesfeld.example';

/** The CDOs of the sample data, in the directory's order (by e-mail). */
export const CDOS = [
  ANNA,
  'christina.lammers@nottuln.example',
  DANIEL,
  JUERGEN,
  JULIA,
  'katharina.vogt@billerbeck.example',
  'm.koenning@senden-westfalen.example',
  MARKUS,
  's.brueggemann@ascheberg.example',
  'sabine.hoelscher@luedinghausen.example',
  't.wessels@nordkirchen.example',
];

/** The form's inputs as Teams sends them on `broadcast.preview` (strings; the multi-select joined by commas). */
export function inputs(overrides: Record<string, string> = {}): Record<string, string> {
  return { broadcastId: '', title: 'Haushaltsansätze 2027', text: 'Bitte bis **Freitag** die Haushaltsansätze melden.', audience: 'cdos', municipalities: '', linkTitle: '', link: '', ack: 'false', sendAt: '', sendAtTime: '', ...overrides };
}

/** A card the author holds in their chat: its id, and what it shows now. */
export interface AuthorCard {
  readonly activityId: string;
  readonly card: any;
}

/**
 * The whole bot on a driven clock (see {@link CheckinRig}) and what a coordinator does with broadcasts: write
 * `Rundschreiben`, fill the form, preview, click Send; and what reached whom.
 */
export class BroadcastDriver {
  private constructor(readonly rig: CheckinRig) {}

  static async start(env: Record<string, string> = {}, options: { except?: readonly string[]; at?: string } = {}): Promise<BroadcastDriver> {
    const rig = await CheckinRig.start(options.at ?? MONDAY_9, env, { except: options.except ?? [] });
    rig.bot.connector.useClock(() => rig.clock.now().getTime());
    return new BroadcastDriver(rig);
  }

  get connector() {
    return this.rig.bot.connector;
  }

  /** A message in the person's 1:1 chat, and the bot's reply (its text, or its card's texts). */
  say(text: string, email = COORDINATOR, locale = 'de-DE'): Promise<any> {
    return this.rig.bot.reply(this.rig.bot.teams.personalMessage(text, { user: this.rig.member(email), locale }));
  }

  /** The people write to the bot 1:1 (so it stores their chats, `a:personal-29:…`), in this language. */
  async greet(emails: readonly string[], locale = 'de-DE'): Promise<void> {
    for (const email of emails) await this.say('hallo', email, locale);
  }

  /** The person's 1:1 chat as the activity builders name it (stored once they wrote to the bot). */
  chatOf(email: string): string {
    return `a:personal-${this.rig.member(email).id}`;
  }

  /** `@Kümmerer hier posten` in the team's General channel: the group's home channel. */
  async setHomeChannel(): Promise<void> {
    await this.rig.bot.reply(this.rig.bot.teams.channelMessage('hier posten', { user: this.rig.member(COORDINATOR) }));
  }

  /** `Rundschreiben`: the form, as a card in the author's chat. */
  async openForm(email = COORDINATOR, locale = 'de-DE'): Promise<AuthorCard> {
    const activity = this.rig.bot.teams.personalMessage('Rundschreiben', { user: this.rig.member(email), locale });
    await this.rig.bot.post(activity);
    const [answer] = await this.connector.waitForActivities(1, (c) => c.kind === 'reply' && c.activityId === activity.id);
    const card = cardOf(answer!.body);
    assert.ok(card, `expected the form, got: ${answer!.body.text}`);
    return { activityId: answer!.assignedId, card };
  }

  /** Clicks an `Action.Execute` button on a card as Teams sends it; the card the bot answered with. */
  click(verb: string, data: Record<string, unknown>, on: { activityId: string }, email = COORDINATOR, locale = 'de-DE'): Promise<any> {
    return this.rig.bot.invoke(verb, data, { user: this.rig.member(email), replyToId: on.activityId, locale });
  }

  /** The same click, answered with a text instead of a card (a refusal): that text. */
  async clickForText(verb: string, data: Record<string, unknown>, on: { activityId: string }, email = COORDINATOR): Promise<string> {
    const { status, body } = await this.rig.bot.post(this.rig.bot.teams.adaptiveCardAction(verb, data, { user: this.rig.member(email), replyToId: on.activityId }));
    assert.equal(status, 200);
    const response = body as any;
    assert.equal(response.type, 'application/vnd.microsoft.activity.message', `expected a text, got ${JSON.stringify(response.value).slice(0, 300)}`);
    return response.value;
  }

  /** Opens the form and previews these inputs: the preview card in place of the form, and the draft's id. */
  async preview(values: Record<string, string> = {}, email = COORDINATOR): Promise<AuthorCard & { broadcastId: string }> {
    const form = await this.openForm(email);
    const card = await this.click('broadcast.preview', inputs(values), form, email);
    const send = (card.actions ?? []).find((a: any) => a.verb === 'broadcast.send');
    assert.ok(send, `expected the preview, got ${JSON.stringify(cardTexts(card))}`);
    return { activityId: form.activityId, card, broadcastId: send.data.broadcastId };
  }

  /** Previews and clicks Send: the author's card as the click answered it. */
  async send(values: Record<string, string> = {}, email = COORDINATOR): Promise<AuthorCard & { broadcastId: string }> {
    const preview = await this.preview(values, email);
    const card = await this.click('broadcast.send', { broadcastId: preview.broadcastId }, preview, email);
    return { ...preview, card };
  }

  /** The messages of a broadcast (by title) that Teams accepted in the person's 1:1 chats. */
  copiesTo(email: string, title = 'Haushaltsansätze 2027'): ConnectorCall[] {
    return this.rig.sentTo(email).filter((c) => cardOf(c.body) && cardTexts(cardOf(c.body)).includes(title));
  }

  /** Updates Teams accepted of the author's card, in order. */
  cardUpdates(card: { activityId: string }): ConnectorCall[] {
    return this.rig.updates().filter((c) => c.activityId === card.activityId);
  }

  /** The author's card as Teams shows it now (the last update, else as the click answered it). */
  latest(card: AuthorCard): any {
    const updates = this.cardUpdates(card);
    return updates.length > 0 ? cardOf(updates.at(-1)!.body) : card.card;
  }

  settle(ms = 0): Promise<void> {
    return this.rig.settle(ms);
  }

  close(): Promise<void> {
    return this.rig.close();
  }
}
