import { isCoordinator, type Person } from '../../../platform/directory/model';
import { MAX_ID_LENGTH, type CardData } from './answers';
import { personRef, type CheckinContext, type PersonRef } from './context';
import { awaitsAnswer, isRoundOpen } from './model';
import type { CheckinNotifier } from './notifier';

/** What pressing „Erinnern“ beside a person in the round's live state did. */
export type NudgeResult =
  | { readonly kind: 'sent' | 'alreadySent' | 'nothingToChase'; readonly person: PersonRef }
  | { readonly kind: 'notAllowed' | 'roundClosed' | 'invalid' };

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}$/;

/**
 * `checkin.nudge`: a coordinator reminds one person who has not answered yet, once more, through the outbox (at
 * most once per person and round). Card data comes from outside and is checked.
 */
export async function nudge(ctx: CheckinContext, notifier: CheckinNotifier, actor: Person | undefined, data: CardData): Promise<NudgeResult> {
  if (!isCoordinator(actor)) return { kind: 'notAllowed' };
  const { roundId, email } = data;
  if (typeof roundId !== 'string' || roundId === '' || roundId.length > MAX_ID_LENGTH || typeof email !== 'string' || !EMAIL.test(email)) return { kind: 'invalid' };
  const round = await ctx.repos.checkinRounds.get(roundId);
  if (!round) return { kind: 'invalid' };
  if (!isRoundOpen(round, ctx.now())) return { kind: 'roundClosed' };
  const person = await personRef(ctx, email);
  const open = (await ctx.repos.checkinRounds.prompts(round.id)).filter((p) => awaitsAnswer(p) && p.askedEmail === email);
  if (open.length === 0) return { kind: 'nothingToChase', person };
  const sent = await notifier.sendNudge(round, email, open, { email: actor.email, name: actor.name });
  return { kind: sent ? 'sent' : 'alreadySent', person };
}
