import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { checkinFormModel } from '../../../src/features/checkins/teams/views';
import type { CheckinForm } from '../../../src/features/checkins/domain/answers';
import { translator } from '../../../src/platform/i18n';
import { CARDS_DIR, PROJECT_ROOT } from '../../../src/platform/paths';
import { CardRenderer, type CardModels, type CardName } from '../../../src/platform/teams/cards';
import { startBrowser } from '../../support/browser';

/** The narrowest phone Teams supports, in CSS pixels. */
const PHONE_WIDTH = 320;

/**
 * Renders a card with the Adaptive Cards renderer into a box as wide as a phone and lists what does not fit:
 * elements sticking out of the box, text cut off, choices of a drop-down wider than the drop-down
 * (`test/support/card-overflow.browser.js`, loaded into the page).
 */
function overflows(page: Page, card: unknown): Promise<string[]> {
  return page.evaluate((json) => (globalThis as unknown as { kuemmererOverflows(json: unknown): string[] }).kuemmererOverflows(json), card);
}

describe('cards on a phone (320 px, Adaptive Cards renderer in Chromium)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  const renderer = new CardRenderer();

  before(async function () {
    browser = await startBrowser(this);
    page = await browser.newPage({ viewport: { width: 400, height: 900 } });
    // Fonts and input padding as Teams' Fluent UI has them (a drop-down keeps 32 px on the right for its chevron);
    // without Segoe UI the fallback font is wider, which errs on the safe side.
    await page.setContent(`<!doctype html><html><head><style>
      body { margin: 0; font-family: 'Segoe UI', system-ui, sans-serif; font-size: 14px; }
      #card select, #card input, #card textarea { font: inherit; font-size: 14px; box-sizing: border-box; padding: 5px 12px; }
      #card select { padding-right: 32px; }
    </style></head><body><div id="card" style="width:${PHONE_WIDTH}px"></div></body></html>`);
    await page.addScriptTag({ path: path.join(PROJECT_ROOT, 'node_modules/adaptivecards/dist/adaptivecards.min.js') });
    await page.addScriptTag({ path: path.join(__dirname, '../../support/card-overflow.browser.js') });
  });
  after(async () => {
    await browser?.close();
  });

  const templates = fs.readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'));
  for (const file of templates) {
    const name = path.basename(file, '.json') as CardName;
    it(`${name}: nothing sticks out or is cut off with its sample data`, async () => {
      const model = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, `${name}.data.json`), 'utf8')) as CardModels[typeof name];
      // Hidden parts (toggled by a button) are shown too, so that they are checked as well.
      const json = JSON.stringify(renderer.card(name, model).content).replace(/"isVisible":false/g, '"isVisible":true');
      assert.deepEqual(await overflows(page, JSON.parse(json)), []);
    });
  }

  for (const locale of ['de', 'en'] as const) {
    it(`the check-in form fits in ${locale === 'de' ? 'German' : 'English'}, with every part open and every error shown`, async () => {
      const error = { code: 'tooLong' as const, params: { length: 2001, max: 2000 } };
      const form: CheckinForm = {
        projectId: 'geodaten-3d',
        projectTitle: 'Geodaten und 3D-Stadtmodell für die Bauleitplanung',
        roundId: '20261130T080000Z-ab12cd',
        token: 'tok-12345678',
        closesAt: new Date('2026-12-07T16:00:00Z'),
        latest: undefined,
        latestAuthor: undefined,
        values: { phase: 'implementation', light: 'yellow', progress: '40', happened: 'x', next: 'y', blockers: 'z', funding: 'w' },
        errors: { light: { code: 'required' }, phase: { code: 'required' }, progress: { code: 'notANumber' }, happened: error, next: error, blockers: error, funding: error },
      };
      const model = checkinFormModel(form, { t: translator(locale), locale, timezone: 'Europe/Berlin' });
      assert.deepEqual(await overflows(page, renderer.card('checkin', model).content), []);
    });
  }
});
