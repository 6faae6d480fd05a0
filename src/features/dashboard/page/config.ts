/**
 * The configurable tab's configuration page: tells the channel what the tab shows and, inside Teams, saves the
 * tab (the overview in channel mode) as soon as the user presses Save. Outside Teams it only explains.
 */
import { pages } from '@microsoft/teams-js';
import { applyTheme, connectHost } from './host';
import { embeddedTexts, Texts } from './texts';

async function main(): Promise<void> {
  const embedded = embeddedTexts();
  const host = await connectHost();
  applyTheme(host.theme);
  host.onThemeChange(applyTheme);
  const texts = new Texts(host.locale, embedded[host.locale]);
  document.documentElement.lang = host.locale;
  // The server wrote the page in the request's language; Teams' locale decides.
  for (const element of document.querySelectorAll<HTMLElement>('[data-text]')) element.textContent = texts.t(element.dataset.text!);
  if (!host.inTeams) {
    // Outside Teams there is no Save button to press: say so instead.
    document.querySelector<HTMLElement>('[data-text="configSave"]')?.toggleAttribute('hidden', true);
    document.getElementById('outside')?.toggleAttribute('hidden', false);
    document.documentElement.dataset.ready = 'true';
    return;
  }
  const origin = window.location.origin;
  // Teams fills in {locale} and {theme} when it loads the tab, so the page starts in the user's language and theme.
  pages.config.registerOnSaveHandler((save) => {
    pages.config
      .setConfig({ entityId: 'overview', contentUrl: `${origin}/tab?scope=channel&locale={locale}&theme={theme}`, websiteUrl: `${origin}/tab`, suggestedDisplayName: texts.t('title') })
      .then(
        () => save.notifySuccess(),
        (error: unknown) => save.notifyFailure(String(error)),
      );
  });
  pages.config.setValidityState(true);
  document.documentElement.dataset.ready = 'true';
}

void main();
