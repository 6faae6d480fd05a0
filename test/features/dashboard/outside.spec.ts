import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startBrowser } from '../../support/browser';
import { cardAction, cardOf, cardTexts } from '../../support/cards';
import { CheckinRig } from '../../support/checkin-rig';
import { importDirectoryFiles, runCliRecorded } from '../../support/cli-output';
import { closeTab, openTab, type OpenTab } from '../../support/tab-page';

const DATA_SET = path.join(__dirname, '../../fixtures/other-district');
// Monday 30 November 2026, 09:00 in Berlin.
const MONDAY_9 = '2026-11-30T08:00:00.000Z';
const COORDINATOR = 'b.hagedorn@kreis-warendorf.example';

/**
 * Issue 18, "how it will be checked": over another district's data (not the sample), imported with the CLI while the
 * bot runs, after a check-in round with two answers, the tab opened in headless Chromium shows each municipality and
 * each project's traffic light.
 */
describe("the dashboard tab over another district's data after a check-in round", function () {
  this.timeout(180_000);
  let rig: CheckinRig;
  let browser: Browser;
  let tab: OpenTab | undefined;

  before(async function () {
    browser = await startBrowser(this);
    rig = await CheckinRig.start(MONDAY_9, { SAMPLE_DATA: 'false', MicrosoftAppId: '', DASHBOARD_LOCAL_USER: COORDINATOR }, { people: false });
    const env = { TABLES_CONNECTION_STRING: rig.bot.config.tablesConnectionString, TABLE_PREFIX: rig.bot.config.tablePrefix };
    await importDirectoryFiles(DATA_SET, env);
    const more = await runCliRecorded(['import', 'projects', path.join(DATA_SET, 'projects-wirtschaft.json')], env);
    assert.equal(more.code, 0, more.stderr.join('\n'));
    await rig.addDirectoryMembers([]);
    await rig.bot.reply(rig.bot.teams.personalMessage('Check-in starten', { user: rig.member(COORDINATOR) }));
    await rig.settle(60_000);
    for (const [email, title, light] of [
      ['k.rethmann@warendorf.example', 'Digitales Rathaus', 'red'],
      ['s.lindemann@telgte.example', 'Smart Parking', 'green'],
    ] as const) {
      const call = rig.sentTo(email).find((c) => cardTexts(cardOf(c.body) ?? { body: [] })[0] === `Statusmeldung: ${title}`)!;
      const card = cardOf(call.body);
      await rig.bot.invoke('checkin.submit', { ...cardAction(card, 'checkin.submit').data, light, phase: 'implementation', progress: '', happened: 'Es geht voran', next: '', blockers: '', funding: '' }, { user: rig.member(email), replyToId: call.assignedId });
    }
  });
  afterEach(async () => {
    await closeTab(tab);
    tab = undefined;
  });
  after(async () => {
    await rig?.close();
    await browser?.close();
  });

  it('shows each municipality with each of its projects and their traffic light', async () => {
    tab = await openTab(browser, rig.bot.app.url, { locale: 'de' });
    const { page } = tab;
    const directory = await rig.bot.app.storage.repos.projects.list();
    const municipalities = (await rig.bot.app.storage.repos.municipalities.list()).map((m) => m.name);
    const rows = await page.locator('table.matrix tbody th').allTextContents();
    assert.deepEqual([...rows].sort(), [...municipalities].sort(), 'a row for every municipality of the district');
    assert.equal(rows[0], 'Kreis Warendorf', 'the district first');
    const lights: Record<string, string> = { 'digitales-rathaus': 'red', 'smart-parking': 'green' };
    for (const project of directory) {
      for (const municipality of [project.lead, ...project.participants].filter((name) => municipalities.includes(name))) {
        const cell = page.locator(`tr[data-municipality="${municipality}"] button.cell[data-project="${project.id}"]`);
        assert.equal(await cell.count(), 1, `${project.title} under ${municipality}`);
        assert.equal(await cell.getAttribute('data-light'), lights[project.id] ?? 'none', `${project.title}'s light under ${municipality}`);
        assert.equal(await cell.getAttribute('data-role'), municipality === project.lead ? 'lead' : 'participant');
      }
    }
    assert.deepEqual(await page.locator('table.portfolio tbody tr').count(), directory.length, 'every project in the table');
    assert.match(await page.locator('table.portfolio tbody tr[data-project="digitales-rathaus"]').innerText(), /Rot/);
  });
});
