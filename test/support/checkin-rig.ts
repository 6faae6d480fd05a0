// Cards and connector calls are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { fold } from '../../src/features/ask/domain/normalize';
import type { Person } from '../../src/platform/directory/model';
import { TEAM, TEST_TENANT } from './activities';
import { cardOf } from './cards';
import { ManualClock, runFor } from './clock';
import { TeamsConnector, type ConnectorCall, type TeamsMember } from './teams-connector';
import { startTestBot, type TestBot } from './test-bot';

/**
 * Timers of the engine that a test driving weeks of time need not fire often; rounds start by hand unless a
 * test sets the schedule.
 */
const DEFAULTS = { SCHEDULER_TICK_SECONDS: '3600', DELIVERY_SWEEP_SECONDS: '3600', LOG_LEVEL: 'info', CHECKIN_SCHEDULE: 'off' };

/** A person of the directory as a Teams user: `29:anna-schulte`, with the directory's Entra object id or a made-up one. */
export function memberOf(person: Person, index: number): TeamsMember {
  const slug = fold(person.name).replace(/[^a-z0-9]+/g, '-');
  const aadObjectId = person.aadObjectId || `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  return { id: `29:${slug}`, name: person.name, aadObjectId, email: person.email, tenantId: TEST_TENANT };
}

/**
 * The whole bot on a driven clock, installed in the group's team, with every person of the directory a member
 * of that team (so the delivery pipeline can open their 1:1 chats). Reads what reached each person's chat.
 */
export class CheckinRig {
  private readonly members = new Map<string, TeamsMember>();

  private constructor(
    private running: TestBot,
    readonly clock: ManualClock,
    private readonly env: Record<string, string>,
  ) {}

  /** `people: false`: nobody in the team; `except`: these people are not members of the team (cannot be reached). */
  static async start(at: string, env: Record<string, string> = {}, options: { people?: boolean; except?: readonly string[] } = {}): Promise<CheckinRig> {
    const clock = new ManualClock(at);
    const connector = await TeamsConnector.start();
    const settings = { ...DEFAULTS, ...env };
    const rig = new CheckinRig(await startTestBot(settings, { clock, connector }), clock, settings);
    await rig.bot.post(rig.bot.teams.installationUpdate('add', 'team'));
    if (options.people !== false) await rig.addDirectoryMembers(options.except ?? []);
    await rig.settle();
    return rig;
  }

  /** The running bot (another one after {@link restart}). */
  get bot(): TestBot {
    return this.running;
  }

  /** Stops the bot and starts it again on the same tables, connector and clock; `meanwhile` runs while it is down. */
  async restart(meanwhile: () => Promise<void> = async () => {}): Promise<void> {
    await this.running.app.close();
    await meanwhile();
    this.running = await startTestBot({ ...this.env, TABLE_PREFIX: this.running.config.tablePrefix }, { clock: this.clock, connector: this.running.connector });
  }

  /** Makes every person of the directory a member of the team, but those named. */
  async addDirectoryMembers(except: readonly string[]): Promise<void> {
    (await this.bot.app.storage.repos.people.list()).forEach((person, i) => {
      const member = memberOf(person, i);
      this.members.set(person.email, member);
      if (!except.includes(person.email)) this.bot.connector.addMember(member);
    });
  }

  member(email: string): TeamsMember {
    const member = this.members.get(email);
    if (!member) throw new Error(`${email} is not a member of the team`);
    return member;
  }

  /** Lets the scheduler and the delivery pipeline do what is due within `ms` from now (moving the clock). */
  settle(ms = 0): Promise<void> {
    return runFor(this.clock, ms, this.bot.app.scheduler, this.bot.app.outbox);
  }

  /** Moves the clock to `iso`, running everything that falls due on the way. */
  until(iso: string): Promise<void> {
    return this.settle(Date.parse(iso) - this.clock.now().getTime());
  }

  /** The person's 1:1 chats with the bot: opened by the bot, or the one they wrote in. */
  chatsOf(email: string): string[] {
    const member = this.member(email);
    const opened = this.bot.connector.calls.filter((c) => c.kind === 'createConversation' && c.status < 300 && c.body?.members?.[0]?.id === member.id).map((c) => c.assignedId);
    return [...opened, `a:personal-${member.id}`];
  }

  /** New messages the bot sent into the person's 1:1 chats, in order (not replies to what they wrote). */
  sentTo(email: string): ConnectorCall[] {
    const chats = this.chatsOf(email);
    return this.bot.connector.calls.filter((c) => c.kind === 'send' && c.status < 300 && chats.includes(c.conversationId));
  }

  /** The cards among {@link sentTo}. */
  cardsTo(email: string): any[] {
    return this.sentTo(email).map((c) => cardOf(c.body)).filter(Boolean);
  }

  /** New posts in the team's channels. */
  channelPosts(): ConnectorCall[] {
    return this.bot.connector.calls.filter((c) => c.kind === 'createConversation' && c.status < 300 && c.body?.channelData?.channel?.id === TEAM.id);
  }

  /** Updates of sent messages (cards replaced in place), in order. */
  updates(): ConnectorCall[] {
    return this.bot.connector.calls.filter((c) => c.kind === 'update' && c.status < 300);
  }

  async close(): Promise<void> {
    await this.running.close();
    await this.running.connector.close();
  }
}
