import type { ConversationRepository } from './repositories';

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
