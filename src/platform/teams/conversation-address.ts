import { TurnContext, type Activity } from 'botbuilder';
import type { ConversationAddress, ConversationScope } from '../storage/conversations';

interface TeamsChannelData {
  team?: { id?: string };
  channel?: { id?: string };
  tenant?: { id?: string };
}

/** The tenant an activity comes from (Teams puts it in two places). */
export function tenantOf(activity: Partial<Activity>): string {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  return (activity.conversation?.tenantId ?? channelData.tenant?.id ?? '').toLowerCase();
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
