import { randomUUID } from 'node:crypto';
import type { TeamsMember } from './teams-connector';

/** Ids of the test tenant and the bot as Teams addresses them. */
export const TEST_TENANT = '7d1e5f3a-2c4b-4a9e-8f10-1b2c3d4e5f60';
export const BOT = { id: '28:2a8d7c6b-5e4f-4a3b-9c2d-1e0f9a8b7c6d', name: 'Kümmerer' } as const;
export const TEAM = { id: '19:team-ag-digital@thread.tacv2', name: 'AG Digitalisierung', aadGroupId: '0f1e2d3c-4b5a-4678-9abc-def012345678' } as const;
export const GROUP_CHAT_ID = '19:meeting-group-chat@thread.v2';

export interface ActivityOptions {
  user?: TeamsMember;
  locale?: string;
  tenantId?: string;
}

// Activities are JSON as Teams sends them; the tests post them unchanged.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TeamsActivity = Record<string, any>;

/**
 * Builds activities shaped the way Microsoft Teams sends them to a bot: ids, `channelData` with tenant, team
 * and channel, `conversation.conversationType`, `<at>` mentions with their `mention` entity.
 */
export class TeamsActivities {
  constructor(
    readonly serviceUrl: string,
    readonly defaultUser: TeamsMember,
  ) {}

  private base(type: string, conversation: TeamsActivity, options: ActivityOptions, channelData: TeamsActivity = {}): TeamsActivity {
    const user = options.user ?? this.defaultUser;
    const tenantId = options.tenantId ?? TEST_TENANT;
    return {
      type,
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      localTimestamp: new Date().toISOString(),
      serviceUrl: this.serviceUrl,
      channelId: 'msteams',
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      conversation: { tenantId, ...conversation },
      recipient: { ...BOT },
      locale: options.locale ?? 'de-DE',
      entities: [{ type: 'clientInfo', locale: options.locale ?? 'de-DE', country: 'DE', platform: 'Web', timezone: 'Europe/Berlin' }],
      channelData: { tenant: { id: tenantId }, ...channelData },
    };
  }

  private personalConversation(options: ActivityOptions): TeamsActivity {
    const user = options.user ?? this.defaultUser;
    return { id: `a:personal-${user.id}`, conversationType: 'personal' };
  }

  /** A message in the user's 1:1 chat with the bot. */
  personalMessage(text: string, options: ActivityOptions = {}): TeamsActivity {
    return { ...this.base('message', this.personalConversation(options), options), text, textFormat: 'plain' };
  }

  /** A message in a team channel that @mentions the bot, as a new post (`reply` puts it in a thread). */
  channelMessage(text: string, options: ActivityOptions & { channelId?: string; reply?: boolean } = {}): TeamsActivity {
    const channelId = options.channelId ?? TEAM.id;
    const conversationId = options.reply ? `${channelId};messageid=1700000000000` : channelId;
    const mention = `<at>${BOT.name}</at>`;
    const activity = this.base(
      'message',
      { id: conversationId, conversationType: 'channel', isGroup: true },
      options,
      { teamsChannelId: channelId, teamsTeamId: TEAM.id, channel: { id: channelId }, team: { id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId } },
    );
    activity.text = `${mention} ${text}`;
    activity.textFormat = 'plain';
    activity.entities.push({ type: 'mention', text: mention, mentioned: { id: BOT.id, name: BOT.name } });
    return activity;
  }

  /** A message in a group chat that @mentions the bot. */
  groupChatMessage(text: string, options: ActivityOptions = {}): TeamsActivity {
    const mention = `<at>${BOT.name}</at>`;
    const activity = this.base('message', { id: GROUP_CHAT_ID, conversationType: 'groupChat', isGroup: true }, options);
    activity.text = `${mention} ${text}`;
    activity.entities.push({ type: 'mention', text: mention, mentioned: { id: BOT.id, name: BOT.name } });
    return activity;
  }

  /** `installationUpdate` as Teams sends it when the app is added to or removed from a scope. */
  installationUpdate(action: 'add' | 'remove', scope: 'personal' | 'team' | 'groupChat', options: ActivityOptions = {}): TeamsActivity {
    return { ...this.scoped('installationUpdate', scope, options), action };
  }

  /** `conversationUpdate` with the bot (or, with `member`, someone else) added or removed. */
  conversationUpdate(change: 'membersAdded' | 'membersRemoved', scope: 'personal' | 'team' | 'groupChat', options: ActivityOptions & { member?: { id: string; aadObjectId?: string } } = {}): TeamsActivity {
    const activity = this.scoped('conversationUpdate', scope, options);
    activity[change] = [options.member ?? { id: BOT.id }];
    if (scope === 'team') activity.channelData.eventType = change === 'membersAdded' ? 'teamMemberAdded' : 'teamMemberRemoved';
    return activity;
  }

  /** An `Action.Submit` from a card: a message whose `value` holds the inputs. */
  submitAction(value: Record<string, unknown>, options: ActivityOptions & { replyToId?: string } = {}): TeamsActivity {
    return { ...this.base('message', this.personalConversation(options), options), value, replyToId: options.replyToId ?? randomUUID() };
  }

  /** An `Action.Execute`: an `adaptiveCard/action` invoke with the inputs merged into `action.data`. */
  adaptiveCardAction(verb: string, data: Record<string, unknown>, options: ActivityOptions & { replyToId?: string } = {}): TeamsActivity {
    return {
      ...this.base('invoke', this.personalConversation(options), options),
      name: 'adaptiveCard/action',
      replyToId: options.replyToId ?? randomUUID(),
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    };
  }

  /** The conversation of a channel post's thread, as Teams addresses activities about the post. */
  private channelThread(postId: string, options: ActivityOptions, channelId: string = TEAM.id): [TeamsActivity, TeamsActivity] {
    return [
      { id: `${channelId};messageid=${postId}`, conversationType: 'channel', isGroup: true },
      { teamsChannelId: channelId, teamsTeamId: TEAM.id, channel: { id: channelId }, team: { id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId } },
    ];
  }

  /** An `Action.Execute` on a card the bot posted in a channel (`postId`: the post's activity id). */
  channelCardAction(verb: string, data: Record<string, unknown>, postId: string, options: ActivityOptions = {}): TeamsActivity {
    const [conversation, channelData] = this.channelThread(postId, options);
    return {
      ...this.base('invoke', conversation, options, channelData),
      name: 'adaptiveCard/action',
      replyToId: postId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    };
  }

  /**
   * A `messageReaction` to a post of the bot in a channel, as Teams sends it: in the post's thread, `replyToId`
   * naming the message (by default the post's id; Teams may write it in another form).
   */
  messageReaction(postId: string, change: { added?: string[]; removed?: string[] }, options: ActivityOptions & { replyToId?: string } = {}): TeamsActivity {
    const [conversation, channelData] = this.channelThread(postId, options);
    return {
      ...this.base('messageReaction', conversation, options, channelData),
      replyToId: options.replyToId ?? postId,
      ...(change.added ? { reactionsAdded: change.added.map((type) => ({ type })) } : {}),
      ...(change.removed ? { reactionsRemoved: change.removed.map((type) => ({ type })) } : {}),
    };
  }

  private scoped(type: string, scope: 'personal' | 'team' | 'groupChat', options: ActivityOptions): TeamsActivity {
    if (scope === 'personal') return this.base(type, this.personalConversation(options), options);
    if (scope === 'groupChat') return this.base(type, { id: GROUP_CHAT_ID, conversationType: 'groupChat', isGroup: true }, options);
    return this.base(
      type,
      { id: TEAM.id, conversationType: 'channel', isGroup: true },
      options,
      { channel: { id: TEAM.id }, team: { id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId } },
    );
  }
}
