import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { addDays, format } from 'date-fns';
import type { Browser, Locator, Page } from 'playwright-core';
import { translator } from '../../src/platform/i18n';
import { PROJECT_ROOT } from '../../src/platform/paths';
import { spawnBot, type BotProcess } from '../support/bot-process';
import { startBrowser } from '../support/browser';
import { startPlayground, type RunningPlayground } from '../support/playground';
import { PlaygroundUi } from '../support/playground-ui';
import { TempDirs } from '../support/temp-dirs';

/** Where a failing scenario leaves a screenshot of the Playground. */
const SCREENSHOTS = path.join(PROJECT_ROOT, 'build', 'e2e');
const BOT_NAME = 'Kümmerer';
const t = translator('de');

/**
 * The bot as a user meets it in a Teams-like client: the bot runs as `npm start` runs it (its own embedded Table
 * Storage in a fresh folder, the sample data, German forced as `npm run playground` does), the Microsoft 365 Agents
 * Playground runs against it with the project's `.m365agentsplayground.yml` (the user is Martina Becker,
 * coordinator at the district), and headless Chromium clicks and types in the Playground's web page. The scenarios
 * share one browser session, as one user's afternoon: the welcome card is only sent at the first install.
 */
describe('in the Microsoft 365 Agents Playground (headless Chromium)', function () {
  this.timeout(90_000);
  const dirs = new TempDirs();
  let browser: Browser | undefined;
  let bot: BotProcess | undefined;
  let playground: RunningPlayground | undefined;
  let page: Page;
  let ui: PlaygroundUi;

  before(async function () {
    this.timeout(180_000);
    browser = await startBrowser(this);
    bot = await spawnBot({ DATA_DIR: dirs.make('kuemmerer-e2e-data-'), FORCE_LOCALE: 'de', LOG_LEVEL: 'info' }, { readyTimeoutMs: 120_000 });
    playground = await startPlayground(`${bot.url}/api/messages`, dirs.make('kuemmerer-e2e-playground-'));
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    ui = new PlaygroundUi(page);
    await page.goto(playground.url);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !page) return;
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${this.currentTest.title.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`      screenshot: ${path.relative(PROJECT_ROOT, file)}`);
  });

  after(async () => {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
    dirs.removeAll();
  });

  it('greets the user with the welcome card when the app is installed', async () => {
    const card = await ui.shown(ui.cardWith(t('welcome.titleNamed', { name: 'Martina' })));
    assert.match(await card.innerText(), new RegExp(escape(t('welcome.capabilitiesTitle'))));
  });

  it('answers a German question in the personal chat with the project owner', async () => {
    await ui.open('Personal Chat');
    await ui.send('Wer kümmert sich um die E-Akte?');
    const card = await ui.shown(ui.cardWith(t('ask.ownerTitle', { project: 'E-Akte (digitale Verwaltungsakte)' })));
    const text = await card.innerText();
    assert.match(text, /Anna Schulte\s+Dülmen · CDO · anna\.schulte@duelmen\.example/);
    assert.match(text, /Petra Hüsing/);
  });

  it('replaces a check-in card, filled in and submitted, by its summary in place', async () => {
    await ui.open('Personal Chat');
    await ui.send('Check-in starten');
    const ozg = 'OZG-Umsetzung: Online-Dienste';
    const isms = 'Informationssicherheit (ISMS)';
    // Martina owns both projects: both cards come, through the outbox.
    const form = await ui.shown(ui.cardWith(t('checkin.form.title', { project: ozg })));
    await ui.shown(ui.cardWith(t('checkin.form.title', { project: isms })));
    const formBeforeOther = await isBefore(ui.cardWith(t('checkin.form.title', { project: ozg })), ui.cardWith(t('checkin.form.title', { project: isms })));

    await form.getByText('Gelb').click();
    await form.getByRole('textbox').first().fill('Pilot mit Olfen und Senden gestartet');
    await form.getByRole('button', { name: t('checkin.form.submit') }).click();

    const summary = await ui.shown(ui.cardWith(t('checkin.summary.title', { project: ozg })));
    const text = await summary.innerText();
    assert.match(text, /Gelb/);
    assert.match(text, /Pilot mit Olfen und Senden gestartet/);
    assert.equal(await ui.cardWith(t('checkin.form.title', { project: ozg })).count(), 0, 'the form is gone');
    assert.equal(await ui.cardWith(t('checkin.summary.title', { project: ozg })).count(), 1, 'one summary, not a second message');
    assert.equal(await isBefore(ui.cardWith(t('checkin.summary.title', { project: ozg })), ui.cardWith(t('checkin.form.title', { project: isms }))), formBeforeOther, 'where the form was');
  });

  it('answers a question in the team channel when it is @mentioned', async () => {
    await ui.open('General');
    await ui.postMentioning(BOT_NAME, 'Wer ist der CDO von Olfen?');
    const card = await ui.shown(ui.post('Wer ist der CDO von Olfen?').locator('.ac-adaptiveCard').filter({ hasText: t('ask.contactTitle', { municipality: 'Olfen' }) }));
    assert.match(await card.innerText(), /Daniel Schröder\s+Olfen · CDO · daniel\.schroeder@olfen\.example/);
  });

  it('posts the announcement of a meeting scheduled in the chat to the home channel', async function () {
    if (!fs.existsSync(path.join(PROJECT_ROOT, 'src/features/meetings/index.ts'))) {
      console.log('      (skipped: the meetings feature is not in src/features/meetings yet)');
      this.skip();
    }
    await ui.open('General');
    await ui.postMentioning(BOT_NAME, 'hier posten');
    await ui.shown(ui.post('hier posten').getByText(t('welcome.homeChannel.set')));

    const place = 'Kreishaus Coesfeld';
    await ui.open('Personal Chat');
    await ui.send(`Sitzung am ${format(addDays(new Date(), 30), 'dd.MM.yyyy')} 14:00 ${place}`);

    await ui.open('General');
    const announcement = await ui.shown(ui.cardWith(place));
    assert.equal(await ui.cardWith(place).count(), 1);
    assert.match(await announcement.innerText(), /14:00/);
  });
});

/** True when the first match of `a` comes before the first match of `b` in the page. */
async function isBefore(a: Locator, b: Locator): Promise<boolean> {
  const other = await b.first().elementHandle();
  // 4 = Node.DOCUMENT_POSITION_FOLLOWING: `other` follows `node`.
  return a.first().evaluate((node, that) => Boolean(that && node.compareDocumentPosition(that) & 4), other);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
