import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';

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
