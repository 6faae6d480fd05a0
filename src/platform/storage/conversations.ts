/**
 * The kinds of conversation the bot lives in. A team install is addressed through its General channel
 * (`team`, keyed by team id); other channels become known when someone writes to the bot there.
 */
export const CONVERSATION_SCOPES = ['personal', 'groupChat', 'team', 'channel'] as const;
export type ConversationScope = (typeof CONVERSATION_SCOPES)[number];

/** A stored way to reach a conversation proactively. `reference` is the channel's own, opaque to the domain. */
export interface ConversationAddress {
  readonly scope: ConversationScope;
  /** Personal: the user's Entra object id (else Teams user id); team: team id; others: conversation id. */
  readonly key: string;
  readonly conversationId: string;
  readonly tenantId: string;
  readonly teamId: string;
  readonly userAadObjectId: string;
  readonly reference: Readonly<Record<string, unknown>>;
  /** ISO time of the last activity seen in this conversation. */
  readonly lastSeenAt: string;
  /**
   * Set when Teams refused a proactive message here for good (blocked, uninstalled, not found): nothing more
   * is sent until someone writes in the conversation again, which stores the address anew without it.
   */
  readonly stale?: { readonly since: string; readonly reason: string };
}

/** What happened to the bot's membership of a conversation. */
export type InstallEvent = { kind: 'installed'; address: ConversationAddress } | { kind: 'uninstalled'; address: ConversationAddress };

/**
 * Records an install or uninstall. Returns true when the bot was newly installed in the conversation, which
 * is when it introduces itself: Teams sends both `installationUpdate` and `conversationUpdate` for one
 * install, and the Agents Playground re-sends both on every page load.
 */
export async function recordInstallEvent(conversations: ConversationRepository, event: InstallEvent): Promise<boolean> {
  if (event.kind === 'uninstalled') {
    await conversations.remove(event.address.scope, event.address.key);
    return false;
  }
  return conversations.add(event.address);
}

/**
 * Refreshes the stored address on every incoming message: service URLs and ids can change. A message in a
 * team's channel also refreshes the team's own address (its General channel), which proactive posts to the
 * team use and which would otherwise keep the service URL of the install.
 *
 * @param team the address of the team the message's channel belongs to, if any.
 */
export async function recordContact(conversations: ConversationRepository, address: ConversationAddress, team?: ConversationAddress): Promise<void> {
  await Promise.all([conversations.refresh(address), team && conversations.refresh(team)]);
}

/**
 * The conversation repository of one bot instance, remembering which addresses it wrote lately: a refresh of an
 * address this instance stored unchanged (same reference, ids and tenant) less than `windowMs` ago is skipped,
 * so a user who writes several messages in a row costs one write, not one per message. `lastSeenAt` is then
 * at most `windowMs` old. Every other call goes straight to storage; `add`, `remove` and `markStale` forget
 * what they touch, so a stale mark set through this instance is cleared by the user's next message. A mark set
 * by another instance is cleared at most `windowMs` later. Only an optimisation: no other instance relies on it.
 */
export class RecentContacts implements ConversationRepository {
  private readonly written = new Map<string, { fingerprint: string; at: number }>();

  constructor(
    private readonly inner: ConversationRepository,
    private readonly options: { readonly now: () => Date; readonly windowMs: number; readonly maxEntries?: number },
  ) {}

  async refresh(address: ConversationAddress): Promise<void> {
    const id = `${address.scope}|${address.key}`;
    const fingerprint = JSON.stringify([address.conversationId, address.tenantId, address.teamId, address.userAadObjectId, address.reference]);
    const now = this.options.now().getTime();
    const last = this.written.get(id);
    if (last && last.fingerprint === fingerprint && now - last.at >= 0 && now - last.at < this.options.windowMs) return;
    await this.inner.refresh(address);
    // Oldest first: Map keeps insertion order, so re-inserting moves an entry to the end.
    this.written.delete(id);
    this.written.set(id, { fingerprint, at: now });
    if (this.written.size > (this.options.maxEntries ?? 10_000)) this.written.delete(this.written.keys().next().value!);
  }

  async add(address: ConversationAddress): Promise<boolean> {
    this.forget(address.scope, address.key);
    return this.inner.add(address);
  }

  async remove(scope: ConversationScope, key: string): Promise<void> {
    this.forget(scope, key);
    if (scope === 'team') for (const id of [...this.written.keys()]) if (id.startsWith('channel|')) this.written.delete(id);
    await this.inner.remove(scope, key);
  }

  async markStale(scope: ConversationScope, key: string, stale: NonNullable<ConversationAddress['stale']>): Promise<void> {
    this.forget(scope, key);
    await this.inner.markStale(scope, key, stale);
  }

  getPersonal(userKey: string): Promise<ConversationAddress | undefined> {
    return this.inner.getPersonal(userKey);
  }

  get(scope: ConversationScope, key: string): Promise<ConversationAddress | undefined> {
    return this.inner.get(scope, key);
  }

  list(scope: ConversationScope): Promise<ConversationAddress[]> {
    return this.inner.list(scope);
  }

  private forget(scope: ConversationScope, key: string): void {
    this.written.delete(`${scope}|${key}`);
  }
}

/** Where the bot can reach people and channels outside a turn. */
export interface ConversationRepository {
  /** Stores an address; true when it was not stored before (a new install), false when it was refreshed. */
  add(address: ConversationAddress): Promise<boolean>;
  /** Creates or replaces an address without asking whether it existed (one write, for every message). */
  refresh(address: ConversationAddress): Promise<void>;
  /** The personal chat of a user (by Entra object id, else Teams user id). */
  getPersonal(userKey: string): Promise<ConversationAddress | undefined>;
  get(scope: ConversationScope, conversationId: string): Promise<ConversationAddress | undefined>;
  list(scope: ConversationScope): Promise<ConversationAddress[]>;
  /** Forgets a conversation; for a team, also every channel of that team. */
  remove(scope: ConversationScope, conversationId: string): Promise<void>;
  /**
   * Marks a stored address stale (see {@link ConversationAddress.stale}); nothing happens when it is not
   * stored. {@link refresh} and {@link add} clear the mark.
   */
  markStale(scope: ConversationScope, key: string, stale: NonNullable<ConversationAddress['stale']>): Promise<void>;
}
