// Cards and connector calls are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { meetingRepositories } from '../../src/features/meetings/tables';
import type { Meeting, Series } from '../../src/features/meetings/domain/model';
import { TEAM } from './activities';
import { cardOf } from './cards';
import { CheckinRig } from './checkin-rig';
import type { ConnectorCall } from './teams-connector';

export const COORDINATOR = 'm.becker@kreis-coesfeld.example';
export const MEMBER = 'p.huesing@duelmen.example';
export const CDO = 'anna.schulte@duelmen.example';

/**
 * The whole bot on a driven clock (see {@link CheckinRig}) with the helpers of the meeting tests: writing in a
 * 1:1 chat or the team's channel, pressing card buttons, and reading the channel's posts and threads.
 */
export class MeetingRig {
  private constructor(readonly rig: CheckinRig) {}

  static async start(at: string, env: Record<string, string> = {}, options: { homeChannel?: boolean } = {}): Promise<MeetingRig> {
    const rig = new MeetingRig(await CheckinRig.start(at, env));
    if (options.homeChannel !== false) await rig.setHomeChannel();
    return rig;
  }

  get bot() {
    return this.rig.bot;
  }

  get clock() {
    return this.rig.clock;
  }

  /** A coordinator writes `@Kümmerer hier posten` in the team's General channel. */
  async setHomeChannel(): Promise<void> {
    const reply = await this.inChannel('hier posten');
    assert.match(reply.text, /^Alles klar/);
  }

  /** A message in the person's 1:1 chat, and the bot's reply to it. */
  say(text: string, email = COORDINATOR, locale = 'de-DE'): Promise<any> {
    return this.bot.reply(this.bot.teams.personalMessage(text, { user: this.rig.member(email), locale }));
  }

  /** A message with an @mention in the team's General channel, and the bot's reply to it. */
  inChannel(text: string, email = COORDINATOR): Promise<any> {
    return this.bot.reply(this.bot.teams.channelMessage(text, { user: this.rig.member(email) }));
  }

  /** Presses an `Action.Execute` button; returns the card that replaces the one clicked. */
  execute(verb: string, data: Record<string, unknown>, email = COORDINATOR, locale = 'de-DE'): Promise<any> {
    return this.bot.invoke(verb, data, { user: this.rig.member(email), locale });
  }

  /** Presses a button whose answer is a text (a refusal): returns the text. */
  async executeText(verb: string, data: Record<string, unknown>, email = COORDINATOR): Promise<string> {
    const { status, body } = await this.bot.post(this.bot.teams.adaptiveCardAction(verb, data, { user: this.rig.member(email) }));
    assert.equal(status, 200);
    const response = body as any;
    assert.equal(response.type, 'application/vnd.microsoft.activity.message', JSON.stringify(response));
    return response.value;
  }

  settle(ms = 0): Promise<void> {
    return this.rig.settle(ms);
  }

  until(iso: string): Promise<void> {
    return this.rig.until(iso);
  }

  /** New posts in the team's channel. */
  posts(): ConnectorCall[] {
    return this.rig.channelPosts();
  }

  /** The series stored (single meetings are series of one), newest first. */
  async series(): Promise<Series[]> {
    const { series } = await meetingRepositories(this.bot.app.storage.store).meetings.everything();
    return series.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id));
  }

  async meetings(): Promise<Meeting[]> {
    return (await meetingRepositories(this.bot.app.storage.store).meetings.everything()).meetings;
  }

  /** The only series stored. */
  async onlySeries(): Promise<Series> {
    const all = await this.series();
    assert.equal(all.length, 1, `expected one series, got ${all.length}`);
    return all[0]!;
  }

  /** The conversation id of a series' thread (its announcement, once sent). */
  async threadOf(seriesId: string): Promise<string> {
    const announcement = await this.bot.app.outbox.get(`meeting-${seriesId}|announcement`);
    assert.equal(announcement?.status, 'sent', `the announcement of ${seriesId} is not sent`);
    assert.match(announcement.conversationId, new RegExp(`^${TEAM.id.replace(/[.]/g, '\\.')};messageid=`));
    return announcement.conversationId;
  }

  /** What was posted in a thread, in order: texts, or the first line (heading) of a card. */
  thread(conversationId: string): { text: string; card: any }[] {
    return this.bot.connector.calls
      .filter((c) => c.kind === 'send' && c.status < 300 && c.conversationId === conversationId)
      .map((c) => ({ text: c.body.text ?? cardOf(c.body)?.body?.[0]?.text ?? '', card: cardOf(c.body) }));
  }

  /** When the bot's outbox sent a message of a series (its key, e.g. `reminder:…`), on the driven clock; '' when not sent. */
  async sentAt(seriesId: string, key: string): Promise<string> {
    return (await this.bot.app.outbox.get(`meeting-${seriesId}|${key}`))?.sentAt ?? '';
  }

  /** The keys of a series' messages that were sent, in order of sending. */
  async sentKeys(seriesId: string): Promise<string[]> {
    const { deliveries } = await this.bot.app.outbox.status(`meeting-${seriesId}`);
    return deliveries.filter((d) => d.status === 'sent').sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.createdAt.localeCompare(b.createdAt)).map((d) => d.key);
  }

  close(): Promise<void> {
    return this.rig.close();
  }
}
