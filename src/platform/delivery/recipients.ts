import type { ConversationAddress, ConversationScope } from '../storage/conversations';
import type { Person } from '../directory/model';
import { linkPerson } from '../directory/identity';
import type { DeliveryRepository, Recipient, UnreachableReason } from './outbox';
import type { PersonRepository } from '../directory/repositories';
import type { ConversationRepository } from '../storage/conversations';
import type { ConnectorAnswer, ConnectorApi, TeamsMember } from './bot-connector';
import type { ConnectorOutcome } from './retry-policy';

/**
 * Where a delivery goes, worked out from its recipient and the stored conversation addresses:
 * - `conversation`: an activity is posted into `conversationId` (a 1:1 chat, a group chat, a channel thread);
 * - `channelPost`: a new post in channel `channelId`, which Teams makes a conversation of its own.
 */
export interface Target {
  readonly kind: 'conversation' | 'channelPost';
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly channelId: string;
  readonly tenantId: string;
  /** The conversation Teams' per-conversation limits apply to (a channel's threads count with the channel). */
  readonly limitKey: string;
  /** The stored reference: bot and user accounts for the activity. */
  readonly reference: Readonly<Record<string, unknown>>;
  /** The stored address to mark stale when Teams refuses for good, and which refusals do. */
  readonly address: { readonly scope: ConversationScope; readonly key: string; readonly staleOn: readonly number[] };
}

export type Resolution =
  | { readonly kind: 'target'; readonly target: Target }
  | { readonly kind: 'unreachable'; readonly reason: UnreachableReason }
  /** A request made while resolving (reading members, creating the 1:1 chat) failed; the caller decides about retrying. */
  | { readonly kind: 'failed'; readonly outcome: ConnectorOutcome }
  /**
   * Not yet: the channel post whose thread this replies in (`deliveryId`) is not sent yet. Look again when it is
   * sent, or at the latest at `until` (epoch ms: when that delivery is next tried, or its claim runs out).
   */
  | { readonly kind: 'wait'; readonly deliveryId: string; readonly until: number };

/** Runs one Bot Connector request within the rate limits (waiting for a slot if needed). */
export type LimitedCall = <T>(request: () => Promise<ConnectorAnswer<T>>) => Promise<ConnectorAnswer<T>>;

type Roster = { readonly kind: 'members'; readonly members: readonly TeamsMember[] } | { readonly kind: 'failed'; readonly outcome: ConnectorOutcome };

/**
 * How a person would be reached: through their stored 1:1 chat; through a team the bot shares with them (the
 * 1:1 chat is opened at the first send); not at all, for the reason a delivery would record; or `unknown`
 * when a team's member list cannot be read just now.
 */
export type Reachability = { readonly kind: 'chat' } | { readonly kind: 'team' } | { readonly kind: 'unreachable'; readonly reason: UnreachableReason } | { readonly kind: 'unknown' };

/** The member of a team who is the person: by Entra object id, e-mail or user principal name. */
function findMember(members: readonly TeamsMember[], person: Person): TeamsMember | undefined {
  return members.find(
    (m) =>
      (person.aadObjectId && m.aadObjectId?.toLowerCase() === person.aadObjectId) ||
      m.email?.toLowerCase() === person.email ||
      m.userPrincipalName?.toLowerCase() === person.email,
  );
}

/** How long a team's member list is reused for further people (one broadcast reads it once). */
const ROSTER_CACHE_MS = 5 * 60_000;

/**
 * Resolves recipients to targets. A person is reached through their stored 1:1 chat (by Entra object id);
 * without one, the bot looks for them in the members of the teams it is installed in and creates the 1:1 chat
 * (`POST /v3/conversations` with the tenant), stores its address, and links the person's Entra object id if
 * the directory did not know it.
 */
export class RecipientResolver {
  private readonly rosters = new Map<string, { readonly at: number; readonly members: Promise<Roster> }>();

  constructor(
    private readonly deps: {
      readonly people: PersonRepository;
      /** Where the channel post of a `threadOf` recipient is looked up. */
      readonly deliveries: Pick<DeliveryRepository, 'get'>;
      readonly conversations: ConversationRepository;
      readonly connector: ConnectorApi;
      readonly limited: LimitedCall;
      readonly now: () => Date;
    },
  ) {}

  async resolve(recipient: Recipient): Promise<Resolution> {
    switch (recipient.kind) {
      case 'person':
        return this.person(recipient.email);
      case 'groupChat': {
        const address = await this.deps.conversations.get('groupChat', recipient.conversationId);
        if (!address) return { kind: 'unreachable', reason: 'chatNotInstalled' };
        return this.toTarget(address, 'conversation', address.conversationId, address.conversationId, [403, 404]);
      }
      case 'channel':
      case 'thread': {
        const team = await this.deps.conversations.get('team', recipient.teamId);
        if (!team) return { kind: 'unreachable', reason: 'teamNotInstalled' };
        const channelId = recipient.channelId ?? recipient.teamId;
        // A missing thread (404) says nothing about the team; only a refusal of the bot (403) makes the team stale.
        if (recipient.kind === 'channel') return this.toTarget(team, 'channelPost', channelId, channelId, [403]);
        return this.toTarget(team, 'conversation', `${channelId};messageid=${recipient.messageId}`, channelId, [403]);
      }
      case 'threadOf':
        return this.threadOf(recipient.deliveryId);
    }
  }

  /** The thread of the channel post another delivery makes: once that post is sent, its thread; until then, wait. */
  private async threadOf(deliveryId: string): Promise<Resolution> {
    const post = (await this.deps.deliveries.get(deliveryId))?.value;
    if (!post || post.recipient.kind !== 'channel' || post.status === 'failed' || post.status === 'unreachable') return { kind: 'unreachable', reason: 'threadNotPosted' };
    // Sent once (a later update of the post makes it pending again, but its id stays).
    if (post.activityId) {
      const { teamId, channelId = teamId } = post.recipient;
      return this.resolve({ kind: 'thread', teamId, channelId, messageId: post.activityId });
    }
    const next = post.status === 'sending' ? Date.parse(post.claimUntil) : Date.parse(post.nextAttemptAt);
    return { kind: 'wait', deliveryId, until: Number.isNaN(next) ? this.deps.now().getTime() : next };
  }

  private toTarget(address: ConversationAddress, kind: Target['kind'], conversationId: string, channelId: string, staleOn: readonly number[]): Resolution {
    if (address.stale) return { kind: 'unreachable', reason: 'conversationStale' };
    return {
      kind: 'target',
      target: {
        kind,
        serviceUrl: String(address.reference.serviceUrl ?? ''),
        conversationId,
        channelId,
        tenantId: address.tenantId,
        limitKey: kind === 'conversation' && address.scope !== 'team' ? conversationId : channelId,
        reference: address.reference,
        address: { scope: address.scope, key: address.key, staleOn },
      },
    };
  }

  private async person(email: string): Promise<Resolution> {
    const person = await this.deps.people.get(email);
    if (!person) return { kind: 'unreachable', reason: 'unknownPerson' };
    if (person.aadObjectId) {
      const address = await this.deps.conversations.getPersonal(person.aadObjectId);
      if (address) return this.toTarget(address, 'conversation', address.conversationId, address.conversationId, [403, 404]);
    }
    for (const team of await this.deps.conversations.list('team')) {
      if (team.stale) continue;
      const roster = await this.roster(team);
      if (roster.kind === 'failed') return roster;
      const member = findMember(roster.members, person);
      if (member) return this.createPersonalChat(team, member, person);
    }
    return { kind: 'unreachable', reason: 'notInTeam' };
  }

  /**
   * How each person would be reached now ({@link Reachability}), decided as {@link resolve} decides, but
   * without opening a chat: the stored 1:1 chats and the teams are read once for all, each team's members
   * at most once (and not again within {@link ROSTER_CACHE_MS}).
   */
  async reachability(people: readonly Person[]): Promise<Reachability[]> {
    const [chats, teams] = await Promise.all([this.deps.conversations.list('personal'), this.deps.conversations.list('team')]);
    const chatOf = new Map(chats.map((c) => [c.key.toLowerCase(), c]));
    const rosters = await Promise.all(teams.filter((t) => !t.stale).map((team) => this.roster(team)));
    return people.map((person): Reachability => {
      const chat = person.aadObjectId ? chatOf.get(person.aadObjectId.toLowerCase()) : undefined;
      if (chat) return chat.stale ? { kind: 'unreachable', reason: 'conversationStale' } : { kind: 'chat' };
      if (rosters.some((r) => r.kind === 'members' && findMember(r.members, person))) return { kind: 'team' };
      return rosters.some((r) => r.kind === 'failed') ? { kind: 'unknown' } : { kind: 'unreachable', reason: 'notInTeam' };
    });
  }

  /** A team's members, read once per {@link ROSTER_CACHE_MS} (and once for deliveries asking at the same time). */
  private roster(team: ConversationAddress): Promise<Roster> {
    const now = this.deps.now().getTime();
    const cached = this.rosters.get(team.key);
    if (cached && now - cached.at < ROSTER_CACHE_MS) return cached.members;
    const members = this.readRoster(team);
    this.rosters.set(team.key, { at: now, members });
    // A failed read is not kept: the next delivery asks again.
    void members.then((r) => r.kind === 'failed' && this.rosters.get(team.key)?.members === members && this.rosters.delete(team.key));
    return members;
  }

  private async readRoster(team: ConversationAddress): Promise<Roster> {
    const members: TeamsMember[] = [];
    let continuationToken: string | undefined;
    do {
      const token = continuationToken;
      const answer = await this.deps.limited(() => this.deps.connector.getPagedMembers(String(team.reference.serviceUrl ?? ''), team.key, token));
      if (!answer.body) return { kind: 'failed', outcome: answer.outcome };
      members.push(...(answer.body.members ?? []));
      continuationToken = answer.body.continuationToken || undefined;
    } while (continuationToken);
    return { kind: 'members', members };
  }

  private async createPersonalChat(team: ConversationAddress, member: TeamsMember, person: Person): Promise<Resolution> {
    const serviceUrl = String(team.reference.serviceUrl ?? '');
    const bot = team.reference.bot as Record<string, unknown> | undefined;
    const answer = await this.deps.limited(() =>
      this.deps.connector.createConversation(serviceUrl, {
        isGroup: false,
        bot,
        members: [{ id: member.id }],
        tenantId: team.tenantId,
        channelData: { tenant: { id: team.tenantId } },
      }),
    );
    if (!answer.body?.id) return { kind: 'failed', outcome: answer.outcome };
    const aadObjectId = (member.aadObjectId ?? person.aadObjectId).toLowerCase();
    const conversation = { id: answer.body.id, conversationType: 'personal', tenantId: team.tenantId };
    const address: ConversationAddress = {
      scope: 'personal',
      key: aadObjectId || member.id,
      conversationId: answer.body.id,
      tenantId: team.tenantId,
      teamId: '',
      userAadObjectId: aadObjectId,
      reference: { channelId: 'msteams', serviceUrl, bot, user: { id: member.id, aadObjectId }, conversation },
      lastSeenAt: this.deps.now().toISOString(),
    };
    await this.deps.conversations.add(address);
    if (aadObjectId && !person.aadObjectId) await linkPerson(this.deps.people, person, aadObjectId);
    return this.toTarget(address, 'conversation', address.conversationId, address.conversationId, [403, 404]);
  }
}
