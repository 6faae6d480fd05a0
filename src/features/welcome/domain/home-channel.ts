import { isCoordinator, type Person } from '../../../platform/directory/model';
import type { ConversationScope } from '../../../platform/storage/conversations';
import type { GroupSettingsRepository, HomeChannel } from '../../../platform/storage/group-settings-repository';

/** Where `hier posten` was written. */
export interface ConversationPlace {
  readonly scope: ConversationScope;
  readonly conversationId: string;
  readonly teamId: string;
}

export type SetHomeChannelResult = { readonly kind: 'set'; readonly channel: HomeChannel } | { readonly kind: 'notAllowed' } | { readonly kind: 'notInChannel' };

/** `hier posten` / `post here`: a coordinator makes the channel written in the group's home channel. */
export async function setHomeChannel(groupSettings: GroupSettingsRepository, now: Date, actor: Person | undefined, place: ConversationPlace): Promise<SetHomeChannelResult> {
  if (!isCoordinator(actor)) return { kind: 'notAllowed' };
  if (place.scope !== 'channel' && place.scope !== 'team') return { kind: 'notInChannel' };
  const channel: HomeChannel = { conversationId: place.conversationId, teamId: place.teamId, setBy: actor.email, setAt: now };
  await groupSettings.setHomeChannel(channel);
  return { kind: 'set', channel };
}
