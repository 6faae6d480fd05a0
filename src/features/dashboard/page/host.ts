import { app, authentication } from '@microsoft/teams-js';
import type { ApiLocale } from '../api';

/** How the page looks: Teams' three themes; a browser's light or dark maps to the first two. */
export type Theme = 'default' | 'dark' | 'contrast';

/** Where the page runs and what it knows from there. */
export interface Host {
  readonly inTeams: boolean;
  readonly locale: ApiLocale;
  readonly theme: Theme;
  /** Teams' SSO token for the bot's API; undefined outside Teams (the bot then serves its local user). */
  token(): Promise<string | undefined>;
  onThemeChange(handler: (theme: Theme) => void): void;
  /** The context Teams gave (the configuration page needs it); undefined outside Teams. */
  readonly context?: app.Context;
}

/** How long to wait for Teams to answer `initialize` before treating the page as opened in a plain browser frame. */
const INITIALIZE_TIMEOUT_MS = 3000;

function toLocale(tag: string | null | undefined): ApiLocale | undefined {
  const language = (tag ?? '').trim().toLowerCase().slice(0, 2);
  return language === 'de' || language === 'en' ? language : undefined;
}

function toTheme(name: string | undefined): Theme {
  return name === 'dark' || name === 'contrast' ? name : 'default';
}

/** Applies a theme to the page: the CSS keys its colours on `<html data-theme>`. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

/**
 * Teams runs a tab in a frame (desktop, web) or a web view with a native bridge (mobile). A top-level page
 * without that bridge is a plain browser tab — the local use the README describes — and need not wait for Teams.
 */
function mayBeTeams(): boolean {
  return window.self !== window.top || 'nativeInterface' in window;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => (window.clearTimeout(timer), resolve(value)),
      (error: unknown) => (window.clearTimeout(timer), reject(error)),
    );
  });
}

/** The page outside Teams: locale from `?locale=`, else the browser's; theme from the system's preference. */
function browserHost(): Host {
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const locale = toLocale(new URLSearchParams(window.location.search).get('locale')) ?? toLocale(navigator.language) ?? 'de';
  return {
    inTeams: false,
    locale,
    theme: dark.matches ? 'dark' : 'default',
    token: async () => undefined,
    onThemeChange: (handler) => dark.addEventListener('change', (event) => handler(event.matches ? 'dark' : 'default')),
  };
}

/** Connects to Teams when the page runs there, else describes the browser it runs in. */
export async function connectHost(): Promise<Host> {
  if (!mayBeTeams()) return browserHost();
  try {
    await withTimeout(app.initialize(), INITIALIZE_TIMEOUT_MS);
  } catch {
    return browserHost();
  }
  const context = await app.getContext();
  return {
    inTeams: true,
    // Teams gives the user's locale as a tag (de-de, en-us); another language reads German, as the bot's cards do
    // with the default locale.
    locale: toLocale(context.app.locale) ?? 'de',
    theme: toTheme(context.app.theme),
    token: () => authentication.getAuthToken(),
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(toTheme(theme))),
    context,
  };
}
