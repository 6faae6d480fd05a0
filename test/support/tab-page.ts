import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';

/** How a test opens the tab: its language, the system's colour scheme, the window's width. */
export interface TabOptions {
  readonly path?: string;
  readonly locale?: 'de' | 'en';
  readonly colorScheme?: 'light' | 'dark';
  readonly width?: number;
  /** To inject axe-core: the page's policy allows no script from elsewhere. */
  readonly bypassCSP?: boolean;
}

/** An opened tab page and what the browser reported while it ran. */
export interface OpenTab {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Uncaught errors of the page's script. */
  readonly errors: string[];
}

/**
 * Opens the tab in a fresh browser context, the way a local user does (a browser on the bot's address, no Teams
 * around it), and waits until the page marks itself ready (everything loaded and rendered). `/tab?locale=…`
 * chooses the language as the README tells local users.
 */
export async function openTab(browser: Browser, baseUrl: string, options: TabOptions = {}): Promise<OpenTab> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.colorScheme ?? 'light', bypassCSP: options.bypassCSP ?? false, locale: 'de-DE' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const path = options.path ?? '/tab';
  await page.goto(`${baseUrl}${path}${options.locale ? `${path.includes('?') ? '&' : '?'}locale=${options.locale}` : ''}`);
  await page.waitForSelector('html[data-ready="true"], [role="alert"]', { timeout: 15_000 });
  return { page, context, errors };
}

/**
 * Closes a test's tab (after each test), then fails the test when the page's script threw: closed first, so that a
 * failing page leaves no browser context behind.
 */
export async function closeTab(tab: OpenTab | undefined): Promise<void> {
  if (!tab) return;
  await tab.context.close();
  assert.deepEqual(tab.errors, [], 'the page ran without script errors');
}

/** A violation axe-core found: its rule, how bad, and where. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly targets: string[];
}

/** Runs axe-core's WCAG 2.x A/AA rules on the page (opened with `bypassCSP`) and returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: createRequire(__filename).resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    // The test's TypeScript has no DOM types: the page's globals by name.
    const { axe } = globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } };
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** The browser's globals a test reads, typed by hand: the tests' TypeScript has no DOM library. */
interface BrowserGlobals {
  readonly document: {
    readonly activeElement: { getAttribute(name: string): string | null; closest(selector: string): unknown } | null;
    readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
  };
  getComputedStyle(element: unknown): { readonly borderTopColor: string; readonly borderTopStyle: string };
}

/** The element that has the focus: an attribute of it, and whether it is inside `selector`. */
export function focused(page: Page, attribute: string, within: string): Promise<{ attribute: string | null; inside: boolean }> {
  return page.evaluate(
    ([name, selector]) => {
      const active = (globalThis as unknown as BrowserGlobals).document.activeElement;
      return { attribute: active?.getAttribute(name!) ?? null, inside: Boolean(active?.closest(selector!)) };
    },
    [attribute, within],
  );
}

/** How far the page is wider than the window (0 when nothing scrolls sideways). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as BrowserGlobals).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/** A matrix cell's look: its border's colour and style, and the symbol beside the colour. */
export function cellLook(page: Page, selector: string): Promise<{ border: string; style: string; symbol: string | null }> {
  return page.locator(selector).evaluate((cell) => {
    const style = (globalThis as unknown as BrowserGlobals).getComputedStyle(cell);
    return { border: style.borderTopColor, style: style.borderTopStyle, symbol: cell.querySelector('.symbol')?.textContent ?? null };
  });
}

/** What the stand-in Teams client tells the tab. */
export interface TeamsHostOptions {
  /** The tab's path on the bot (`/tab?scope=channel`, `/tab/config`). */
  readonly path: string;
  readonly frameContext: 'content' | 'settings';
  /** Teams' locale tag (`en-us`) and theme. */
  readonly locale: string;
  readonly theme: 'default' | 'dark' | 'contrast';
  /** The SSO token `getAuthToken` gives; none: Teams refuses to give one. */
  readonly token?: string;
  readonly tenantId?: string;
  readonly userObjectId?: string;
}

/** Where the stand-in Teams client and the tab are served in the browser (both routed by the test, never reached). */
const TEAMS_ORIGIN = 'https://teams.microsoft.com';
export const TAB_ORIGIN = 'https://kuemmerer.test';

/**
 * Opens the tab inside a stand-in for the Teams web client (`teams-host.browser.js`) at Teams' own origin, which
 * teams-js accepts as its host: the tab's requests to its https origin are passed to the bot on loopback. Waits until
 * the tab marks itself ready.
 */
export async function openInTeams(browser: Browser, baseUrl: string, options: TeamsHostOptions): Promise<OpenTab & { frame: Frame }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route(`${TEAMS_ORIGIN}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html><body><iframe id="tab" title="tab" src="${TAB_ORIGIN}${options.path}" style="width:100%;height:800px"></iframe><script type="application/json" id="host-options">${JSON.stringify(options).replace(/</g, '\\u003c')}</script><script>${fs.readFileSync(path.join(__dirname, 'teams-host.browser.js'), 'utf8')}</script></body></html>`,
    }),
  );
  await context.route(`${TAB_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await fetch(`${baseUrl}${url.pathname}${url.search}`, { headers: await route.request().allHeaders() });
    await route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${TEAMS_ORIGIN}/host`);
  const frame = page.frame({ url: (url) => url.origin === TAB_ORIGIN })!;
  await frame.waitForSelector('html[data-ready="true"], [role="alert"]', { timeout: 15_000 });
  return { page, context, errors, frame };
}

/** What the stand-in Teams client recorded: the calls the tab made, the tab configurations it saved. */
export function teamsHostRecord(page: Page): Promise<{ calls: string[]; configs: Record<string, string>[]; valid: boolean | undefined; saved: unknown }> {
  return page.evaluate(() => {
    const { calls, configs, valid, saved } = (globalThis as unknown as { teamsHost: { calls: string[]; configs: Record<string, string>[]; valid: boolean | undefined; saved: unknown } }).teamsHost;
    return { calls, configs, valid, saved };
  });
}

/** Makes the stand-in Teams client send an event to the tab: a theme change, or the Save button pressed. */
export function teamsHostSends(page: Page, event: { theme: string } | 'save'): Promise<void> {
  return page.evaluate((sent) => {
    const host = (globalThis as unknown as { teamsHost: { changeTheme(theme: string): void; pressSave(): void } }).teamsHost;
    if (sent === 'save') host.pressSave();
    else host.changeTheme(sent.theme);
  }, event);
}
