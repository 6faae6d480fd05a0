import type { TurnContext } from 'botbuilder';
import type { Installation, Platform } from '../../platform/feature';
import { addressOf } from '../../platform/teams/conversation-address';
import { turnInfo } from '../../platform/teams/turn';
import './cards';
import { setHomeChannel } from './domain/home-channel';

/** Sends the welcome card: what Kümmerer is and what it can do. Also the answer to `hilfe` / `help`. */
export async function sendWelcome(context: TurnContext, platform: Platform): Promise<void> {
  const { t, person } = turnInfo(context);
  const firstName = person?.name.split(/\s+/)[0];
  await context.sendActivity(
    platform.cards.message('welcome', {
      title: firstName ? t('welcome.titleNamed', { name: firstName }) : t('welcome.title'),
      intro: t('welcome.intro'),
      capabilitiesTitle: t('welcome.capabilitiesTitle'),
      // What the other features do, then how to get this card again.
      capabilities: [...platform.helpTopics(), { title: 'welcome.capabilityHelpTitle', text: 'welcome.capabilityHelpText' } as const].map((topic) => ({ title: t(topic.title), text: t(topic.text) })),
      hint: t('welcome.channelHint'),
      fallback: t('welcome.fallback'),
    }),
  );
}

/**
 * The bot was added to a personal chat, group chat or team: the first time only, it introduces itself — the
 * welcome card to a person, a short introduction in a team's General channel or a group chat.
 */
export async function greetInstall(context: TurnContext, installation: Installation, platform: Platform): Promise<void> {
  if (!installation.isNew) return;
  const { t } = turnInfo(context);
  if (installation.address.scope === 'personal') {
    await sendWelcome(context, platform);
    return;
  }
  const title = installation.address.scope === 'groupChat' ? t('teamIntro.titleChat') : t('teamIntro.title');
  await context.sendActivity(platform.cards.message('team-intro', { title, text: t('teamIntro.text'), fallback: `${title}. ${t('teamIntro.fallback')}` }));
}

/** `@Kümmerer hier posten` / `post here`: the group's home channel. */
export async function setHomeChannelHere(context: TurnContext, platform: Platform): Promise<void> {
  const { person, t, log } = turnInfo(context);
  const address = addressOf(context.activity, platform.now());
  const result = await setHomeChannel(platform.repos.groupSettings, platform.now(), person, { scope: address.scope, conversationId: address.conversationId, teamId: address.teamId });
  if (result.kind === 'set') log.info({ conversationId: address.conversationId }, 'home channel set');
  await context.sendActivity(t(`welcome.homeChannel.${result.kind}`));
  if (result.kind === 'set') await platform.homeChannelSet(result.channel);
}
