import type { TurnContext } from 'botbuilder';
import type { HelpTopic, Installation, Platform } from '../../platform/feature';
import { translator, type Translate } from '../../platform/i18n';
import type { Locale } from '../../platform/config';
import { addressOf } from '../../platform/teams/conversation-address';
import { turnInfo } from '../../platform/teams/turn';
import type { MessageButton } from './cards';
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
      capabilities: [...platform.helpTopics(), HELP_TOPIC].map((topic) => ({ title: t(topic.title), text: t(topic.text), examples: (topic.examples ?? []).map((key) => button(t, key)) })),
      hint: t('welcome.channelHint'),
      fallback: t('welcome.fallback'),
    }),
  );
}

/** The welcome's own line on the help card. */
const HELP_TOPIC: HelpTopic = { title: 'welcome.capabilityHelpTitle', text: 'welcome.capabilityHelpText' };

/** A button that sends the example's text. */
function button(t: Translate, key: HelpTopic['title']): MessageButton {
  const text = t(key);
  return { title: text, text };
}

/** „Hallo“: a short greeting with the first example of every feature as a button, and one for the whole help. */
export async function sendHello(context: TurnContext, platform: Platform): Promise<void> {
  const { t, person } = turnInfo(context);
  const firstName = person?.name.split(/\s+/)[0];
  const title = firstName ? t('welcome.hello.title', { name: firstName }) : t('welcome.hello.titleAnonymous');
  const buttons = platform.helpTopics().flatMap((topic) => (topic.examples ?? []).slice(0, 1).map((key) => button(t, key)));
  buttons.push({ title: t('welcome.hello.helpButton'), text: t('welcome.hello.helpCommand') });
  await context.sendActivity(platform.cards.message('welcome-hello', { title, text: t('welcome.hello.text'), buttons, fallback: t('welcome.hello.fallback') }));
}

/** „Danke“, „Super“, "thanks": a short friendly answer, in the language of the word. */
export async function sayYoureWelcome(context: TurnContext, locale: Locale | undefined): Promise<void> {
  const t = locale ? translator(locale) : turnInfo(context).t;
  await context.sendActivity(t('welcome.thanks'));
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
