import { TurnContext, type Activity } from 'botbuilder';
import type { ConversationAddress, ConversationScope } from '../storage/conversations';

interface TeamsChannelData {
  team?: { id?: string };
  channel?: { id?: string };
  tenant?: { id?: string };
}

/**
 * The tenant an activity names in each of the two places Teams puts it, lower-case ('' where it names none):
 * `conversation.tenantId` and `channelData.tenant.id`.
 */
export function tenantClaims(activity: Partial<Activity>): { readonly conversation: string; readonly channelData: string } {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const text = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : '');
  return { conversation: text(activity.conversation?.tenantId), channelData: text(channelData.tenant?.id) };
}

/** The tenant an activity comes from: the one it names (in either place; {@link tenantRefusal} checks they agree). */
export function tenantOf(activity: Partial<Activity>): string {
  const claims = tenantClaims(activity);
  return claims.channelData || claims.conversation;
}

/** Why an activity's tenant is refused; see {@link tenantRefusal}. */
export type TenantRefusal = 'mismatch' | 'missing' | 'notAllowed';

/**
 * Whether an activity may be handled, as far as its tenant goes. Teams names the tenant in two places and both
 * must agree: an activity whose two tenants differ is refused always (a check of one of them would let a
 * foreign tenant through behind an allowed one). With an allow-list (lower-case ids), the activity must name
 * its tenant in both places, and that tenant must be on the list. Undefined when it may be handled.
 */
export function tenantRefusal(activity: Partial<Activity>, allowed: readonly string[]): TenantRefusal | undefined {
  const { conversation, channelData } = tenantClaims(activity);
  if (conversation && channelData && conversation !== channelData) return 'mismatch';
  if (allowed.length === 0) return undefined;
  if (!conversation || !channelData) return 'missing';
  return allowed.includes(conversation) ? undefined : 'notAllowed';
}

/**
 * The stored address of the conversation an activity belongs to. In a channel, a reply thread's conversation
 * id ends in `;messageid=…`; the address drops it so proactive posts start a new post in the channel.
 *
 * @param asInstall true for install events in a team: they address the team (its General channel), not the
 *   channel the event happens to arrive in.
 */
export function addressOf(activity: Partial<Activity>, now: Date, asInstall = false): ConversationAddress {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const conversationType = activity.conversation?.conversationType ?? 'personal';
  const conversationId = (activity.conversation?.id ?? '').split(';messageid=')[0]!;
  const teamId = channelData.team?.id ?? '';
  const userAadObjectId = (activity.from?.aadObjectId ?? '').toLowerCase();
  let scope: ConversationScope;
  let key: string;
  if (conversationType === 'channel' || teamId) {
    scope = asInstall ? 'team' : 'channel';
    key = asInstall ? teamId || conversationId : conversationId;
  } else if (conversationType === 'groupChat') {
    scope = 'groupChat';
    key = conversationId;
  } else {
    scope = 'personal';
    key = userAadObjectId || (activity.from?.id ?? conversationId);
  }
  const reference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  if (reference.conversation) reference.conversation = { ...reference.conversation, id: scope === 'team' ? key : conversationId };
  return {
    scope,
    key,
    conversationId: scope === 'team' ? key : conversationId,
    tenantId: tenantOf(activity),
    teamId,
    userAadObjectId: scope === 'personal' ? userAadObjectId : '',
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    lastSeenAt: now.toISOString(),
  };
}
