import type { TurnContext } from 'botbuilder';
import type { BotDependencies } from '../../platform/teams/dependencies';
import { turnInfo } from '../../platform/teams/turn';

/** Sends the welcome card: what Kümmerer is and what it can do. Also the answer to `hilfe` / `help`. */
export async function sendWelcome(context: TurnContext, deps: BotDependencies): Promise<void> {
  const { t, person } = turnInfo(context);
  const firstName = person?.name.split(/\s+/)[0];
  await context.sendActivity(
    deps.cards.message('welcome', {
      title: firstName ? t('welcome.titleNamed', { name: firstName }) : t('welcome.title'),
      intro: t('welcome.intro'),
      capabilitiesTitle: t('welcome.capabilitiesTitle'),
      capabilities: [
        { title: t('ask.capabilityTitle'), text: t('ask.capabilityText') },
        { title: t('checkin.help.title'), text: t('checkin.help.text') },
        { title: t('welcome.capabilityHelpTitle'), text: t('welcome.capabilityHelpText') },
      ],
      hint: t('welcome.channelHint'),
      fallback: t('welcome.fallback'),
    }),
  );
}
