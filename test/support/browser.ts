import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, unless CHROMIUM_PATH names another one. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The flags a headless Chromium needs here: no sandbox as root, no GPU, no network of its own. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Starts headless Chromium for a browser test. Without it the test is skipped with a message on a developer
 * machine, and fails in CI (`.ci/run` installs the Debian package and sets KUEMMERER_REQUIRE_BROWSER=1).
 */
export async function startBrowser(context: Mocha.Context): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    if (process.env.KUEMMERER_REQUIRE_BROWSER) throw new Error(`Chromium not found at ${CHROMIUM}: install the Debian package chromium or set CHROMIUM_PATH`);
    console.warn(`      (skipped: no Chromium at ${CHROMIUM}; install the Debian package chromium to run the browser tests)`);
    context.skip();
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
