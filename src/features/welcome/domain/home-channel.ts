import type { ConversationScope } from '../../../platform/storage/conversations';
import type { Person } from '../../../platform/directory/model';
import { isCoordinator, type CheckinContext } from '../../checkins/domain/context';

/** Where `hier posten` was written. */
export interface ConversationPlace {
  readonly scope: ConversationScope;
  readonly conversationId: string;
  readonly teamId: string;
}

export type SetHomeChannelResult = { readonly kind: 'set' } | { readonly kind: 'notAllowed' } | { readonly kind: 'notInChannel' };

/** `hier posten` / `post here`: a coordinator makes the channel written in the group's home channel. */
export async function setHomeChannel(ctx: CheckinContext, actor: Person | undefined, place: ConversationPlace): Promise<SetHomeChannelResult> {
  if (!isCoordinator(actor)) return { kind: 'notAllowed' };
  if (place.scope !== 'channel' && place.scope !== 'team') return { kind: 'notInChannel' };
  await ctx.repos.groupSettings.setHomeChannel({ conversationId: place.conversationId, teamId: place.teamId, setBy: actor.email, setAt: ctx.now() });
  return { kind: 'set' };
}
