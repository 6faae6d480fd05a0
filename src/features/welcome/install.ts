import type { TurnContext } from 'botbuilder';
import { recordInstallEvent } from '../../platform/storage/conversations';
import { addressOf } from '../../platform/teams/conversation-address';
import type { BotDependencies } from '../../platform/teams/dependencies';
import { turnInfo } from '../../platform/teams/turn';
import { sendWelcome } from './teams';

/**
 * The bot was added to a personal chat, group chat or team. Stores the address and, the first time only,
 * introduces itself: the welcome card to a person, a short introduction in a team's General channel or a
 * group chat.
 */
export async function handleInstalled(context: TurnContext, deps: BotDependencies): Promise<void> {
  const address = addressOf(context.activity, deps.now(), true);
  const isNew = await recordInstallEvent(deps.repos.conversations, { kind: 'installed', address });
  const { log, t } = turnInfo(context);
  log.info({ scope: address.scope, isNew }, 'bot installed');
  if (!isNew) return;
  if (address.scope === 'personal') {
    await sendWelcome(context, deps);
    return;
  }
  const title = address.scope === 'groupChat' ? t('teamIntro.titleChat') : t('teamIntro.title');
  await context.sendActivity(deps.cards.message('team-intro', { title, text: t('teamIntro.text'), fallback: `${title}. ${t('teamIntro.fallback')}` }));
}

/** The bot was removed: forget the conversation, so nothing is sent there any more. */
export async function handleUninstalled(context: TurnContext, deps: BotDependencies): Promise<void> {
  const address = addressOf(context.activity, deps.now(), true);
  await recordInstallEvent(deps.repos.conversations, { kind: 'uninstalled', address });
  turnInfo(context).log.info({ scope: address.scope }, 'bot uninstalled');
}
