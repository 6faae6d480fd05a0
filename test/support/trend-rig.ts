// Cards and connector calls are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { trendRepositories } from '../../src/features/trends/tables';
import type { Trend } from '../../src/features/trends/domain/model';
import { cardOf } from './cards';
import { CheckinRig } from './checkin-rig';
import type { ConnectorCall } from './teams-connector';

/** People of the sample data the trend tests act as. */
export const LENA = 'lena.krueger@wfc-kreis-coesfeld.example'; // the trend scout
export const COORDINATOR = 'm.becker@kreis-coesfeld.example';
export const ANNA = 'anna.schulte@duelmen.example'; // owns the KI-Assistent and the E-Akte
export const MARKUS = 'markus.terhorst@coesfeld.example';
export const PETRA = 'p.huesing@duelmen.example'; // a member

/** Monday 30 November 2026, 09:00 in Berlin. */
export const MONDAY_9 = '2026-11-30T08:00:00.000Z';

/**
 * The whole bot on a driven clock (see {@link CheckinRig}), installed in the group's team with everyone of the
 * directory in it, and — unless `homeChannel: false` — the team's channel made the home channel by a coordinator.
 */
export async function startTrendRig(env: Record<string, string> = {}, options: { homeChannel?: boolean } = {}): Promise<TrendRig> {
  const rig = new TrendRig(await CheckinRig.start(MONDAY_9, env));
  if (options.homeChannel !== false) await rig.setHomeChannel();
  return rig;
}

export class TrendRig {
  constructor(readonly base: CheckinRig) {}

  get bot() {
    return this.base.bot;
  }

  async setHomeChannel(): Promise<void> {
    const reply = await this.bot.reply(this.bot.teams.channelMessage('hier posten', { user: this.base.member(COORDINATOR) }));
    assert.equal(reply.text, 'Alles klar: Die Beiträge für die AG poste ich ab jetzt in diesem Kanal.');
  }

  /** A message in the person's 1:1 chat, and the bot's reply. */
  say(email: string, text: string, locale = 'de-DE'): Promise<any> {
    return this.bot.reply(this.bot.teams.personalMessage(text, { user: this.base.member(email), locale }));
  }

  /** A message @mentioning the bot in the team's channel, and the bot's reply. */
  sayInChannel(email: string, text: string): Promise<any> {
    return this.bot.reply(this.bot.teams.channelMessage(text, { user: this.base.member(email) }));
  }

  /** Lets the scheduler and the outbox do what is due within `ms`. */
  settle(ms = 60_000): Promise<void> {
    return this.base.settle(ms);
  }

  /** The notes stored, newest first. */
  async stored(): Promise<Trend[]> {
    return (await trendRepositories(this.bot.app.storage.store).trends.list()).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  /** The one note stored. */
  async onlyNote(): Promise<Trend> {
    const notes = await this.stored();
    assert.equal(notes.length, 1);
    return notes[0]!;
  }

  /** The cards posted as new posts in the team's channel. */
  channelCards(): any[] {
    return this.base.channelPosts().map((c) => cardOf(c.body.activity));
  }

  /** The channel post's Teams id (from the outbox), once sent. */
  async postIdOf(trend: Trend): Promise<string> {
    const delivery = await this.bot.app.outbox.get(`trend-${trend.id}|channel`);
    assert.equal(delivery?.status, 'sent');
    return delivery.activityId;
  }

  /** Updates of the channel post, newest last. */
  channelUpdates(postId: string): ConnectorCall[] {
    return this.base.updates().filter((c) => c.activityId === postId);
  }

  /** Presses a button of the channel card as a person in the channel; returns the card that replaces it. */
  clickInChannel(email: string, postId: string, verb: string, data: Record<string, unknown>): Promise<any> {
    return this.invokeActivity(this.bot.teams.channelCardAction(verb, data, postId, { user: this.base.member(email) }));
  }

  /** Presses a button of a card in the person's 1:1 chat; returns the card that replaces it. */
  click(email: string, verb: string, data: Record<string, unknown>, replyToId?: string): Promise<any> {
    return this.bot.invoke(verb, data, { user: this.base.member(email), ...(replyToId ? { replyToId } : {}) });
  }

  /** Presses a button and returns the whole invoke answer (for answers that are texts, not cards). */
  async invokeActivity(activity: Record<string, unknown>): Promise<any> {
    const { status, body } = await this.bot.post(activity);
    assert.equal(status, 200);
    return (body as any).value;
  }

  /** A 👍 (or another reaction) to the channel post, added or taken back. */
  async react(email: string, postId: string, change: { added?: string[]; removed?: string[] }, replyToId?: string): Promise<void> {
    const { status } = await this.bot.post(this.bot.teams.messageReaction(postId, change, { user: this.base.member(email), ...(replyToId ? { replyToId } : {}) }));
    assert.equal(status, 200);
  }

  close(): Promise<void> {
    return this.base.close();
  }
}
