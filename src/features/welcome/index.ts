import { defineFeature, type MessageRoute } from '../../platform/feature';
import { command } from '../../platform/teams/router';
import { greetInstall, sayYoureWelcome, sendHello, sendWelcome, setHomeChannelHere } from './teams';

/** Words of thanks and approval, with the language they are in (small talk that deserves an answer). */
const THANKS_DE = ['danke', 'danke schön', 'danke sehr', 'vielen dank', 'besten dank', 'super', 'prima', 'toll', 'klasse', 'perfekt', 'alles klar'];
const THANKS_EN = ['thanks', 'thank you', 'thanks a lot', 'thank you very much', 'great', 'cool', 'perfect', 'awesome'];

/**
 * Welcome: the greeting when the app is installed, the help card (`hilfe` / `help`, which lists what every
 * feature does), and `@Kümmerer hier posten`, which makes a channel the group's home channel.
 */
export const welcome = defineFeature({
  name: 'welcome',
  create(platform) {
    const routes: MessageRoute[] = [
      { name: 'welcome.help', matches: command('hilfe', 'help', 'start', '?', ''), handle: (context) => sendWelcome(context, platform) },
      { name: 'welcome.hello', matches: command('hallo', 'hello', 'hi', 'hey', 'moin', 'servus', 'guten tag', 'guten morgen', 'good morning'), handle: (context) => sendHello(context, platform) },
      { name: 'welcome.thanks.de', matches: command(...THANKS_DE), handle: (context) => sayYoureWelcome(context, 'de') },
      { name: 'welcome.thanks.en', matches: command(...THANKS_EN), handle: (context) => sayYoureWelcome(context, 'en') },
      { name: 'welcome.homeChannel', matches: command('hier posten', 'post here'), handle: (context) => setHomeChannelHere(context, platform) },
    ];
    return {
      routes,
      installed: (context, installation) => greetInstall(context, installation, platform),
    };
  },
});
