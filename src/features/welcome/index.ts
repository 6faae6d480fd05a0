import { defineFeature, type MessageRoute } from '../../platform/feature';
import { command } from '../../platform/teams/router';
import { greetInstall, sendWelcome, setHomeChannelHere } from './teams';

/**
 * Welcome: the greeting when the app is installed, the help card (`hilfe` / `help`, which lists what every
 * feature does), and `@Kümmerer hier posten`, which makes a channel the group's home channel.
 */
export const welcome = defineFeature({
  name: 'welcome',
  create(platform) {
    const routes: MessageRoute[] = [
      { name: 'welcome.help', matches: command('hilfe', 'help', 'start', 'hallo', 'hello', 'hi', '?', ''), handle: (context) => sendWelcome(context, platform) },
      { name: 'welcome.homeChannel', matches: command('hier posten', 'post here'), handle: (context) => setHomeChannelHere(context, platform) },
    ];
    return {
      routes,
      installed: (context, installation) => greetInstall(context, installation, platform),
    };
  },
});
