import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startBrowser } from '../../support/browser';
import { cardAction } from '../../support/cards';
import { TestClock } from '../../support/checkin-context';
import { ANNA, DANIEL } from '../../support/checkin-users';
import { EntraIdentityProvider } from '../../support/entra-identity-provider';
import { axeViolations, cellLook, closeTab, focused, openInTeams, openTab, sidewaysOverflow, TAB_ORIGIN, teamsHostRecord, teamsHostSends, type OpenTab, type TabOptions } from '../../support/tab-page';
import type { TeamsMember } from '../../support/teams-connector';
import { startTestBot, type TestBot } from '../../support/test-bot';

/** What Teams puts in `action.data` on submit besides the card's own data. */
const INPUTS = { phase: 'implementation', progress: '40', happened: 'Pilot im Hauptamt läuft', next: 'Rollout Ordnungsamt', blockers: '', funding: '' };

/** The projects of the sample data that Dülmen leads or takes part in, by id, sorted. */
const DUELMEN = ['digitale-personalakte', 'digitaler-bauantrag', 'e-akte', 'geodaten-3d', 'gewerbeflaechenportal', 'ki-assistent', 'ozg-online-dienste', 'open-data'].sort();

/** Reports a status the way an owner does: „Status melden …“ in the 1:1 chat, then the card's submit. */
async function report(bot: TestBot, clock: TestClock, at: string, user: TeamsMember, project: string, light: 'green' | 'yellow' | 'red'): Promise<void> {
  clock.set(at);
  const reply = await bot.reply(bot.teams.personalMessage(`Status melden ${project}`, { user, locale: 'de-DE' }));
  const form = reply.attachments[0].content;
  await bot.invoke('checkin.submit', { ...cardAction(form, 'checkin.submit').data, ...INPUTS, light }, { user });
}

/** The matrix row of a municipality: each cell's project, light, role and what it says to a screen reader. */
async function matrixRow(page: Page, municipality: string): Promise<{ project: string; light: string; role: string; label: string }[]> {
  const cells = page.locator(`tr[data-municipality="${municipality}"] button.cell`);
  const rows = [];
  for (const cell of await cells.all()) {
    const [project, light, role, label] = await Promise.all(['data-project', 'data-light', 'data-role', 'aria-label'].map((name) => cell.getAttribute(name)));
    rows.push({ project: project!, light: light!, role: role!, label: label! });
  }
  return rows;
}

/** The projects the portfolio table shows, by id, in order. */
async function tableRows(page: Page): Promise<string[]> {
  return page.locator('table.portfolio tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-project')!));
}

describe('the dashboard tab in a browser', function () {
  this.timeout(120_000);
  let browser: Browser;
  let bot: TestBot;
  let tab: OpenTab | undefined;
  const clock = new TestClock(new Date('2026-11-23T08:00:00.000Z'));

  before(async function () {
    browser = await startBrowser(this);
    bot = await startTestBot({ MicrosoftAppId: '' }, { now: clock.now });
    await report(bot, clock, '2026-11-23T08:00:00.000Z', ANNA, 'E-Akte', 'green');
    await report(bot, clock, '2026-11-30T08:00:00.000Z', ANNA, 'E-Akte', 'yellow');
    await report(bot, clock, '2026-11-30T08:05:00.000Z', ANNA, 'KI-Assistent', 'red');
    await report(bot, clock, '2026-11-30T08:10:00.000Z', DANIEL, 'LoRaWAN', 'green');
  });
  afterEach(async () => {
    await closeTab(tab);
    tab = undefined;
  });
  after(async () => {
    await bot?.close();
    await browser?.close();
  });

  const open = async (options: TabOptions = {}): Promise<Page> => {
    tab = await openTab(browser, bot.app.url, options);
    return tab.page;
  };

  describe('the traffic-light matrix', () => {
    it('shows each municipality\'s projects with their latest light, led projects first, taking part marked', async () => {
      const page = await open({ locale: 'de' });
      const duelmen = await matrixRow(page, 'Dülmen');
      assert.deepEqual(duelmen.slice(0, 2), [
        { project: 'e-akte', light: 'yellow', role: 'lead', label: 'E-Akte (digitale Verwaltungsakte): Gelb, federführend' },
        { project: 'ki-assistent', light: 'red', role: 'lead', label: 'KI-Assistent für Bürgeranfragen: Rot, federführend' },
      ]);
      assert.deepEqual(
        duelmen.slice(2).map((c) => c.role),
        Array(6).fill('participant'),
      );
      assert.deepEqual((await matrixRow(page, 'Olfen')).find((c) => c.project === 'lorawan'), { project: 'lorawan', light: 'green', role: 'lead', label: 'LoRaWAN-Netz und Smart-City-Sensorik: Grün, federführend' });
      assert.deepEqual((await matrixRow(page, 'Coesfeld')).find((c) => c.project === 'e-akte'), { project: 'e-akte', light: 'yellow', role: 'participant', label: 'E-Akte (digitale Verwaltungsakte): Gelb, beteiligt' });
      assert.equal((await matrixRow(page, 'Senden')).find((c) => c.project === 'digitale-bauakte')?.light, 'none');
      assert.deepEqual(await page.locator('table.matrix tbody th').allTextContents(), ['Kreis Coesfeld', 'Ascheberg', 'Billerbeck', 'Coesfeld', 'Dülmen', 'Havixbeck', 'Lüdinghausen', 'Nordkirchen', 'Nottuln', 'Olfen', 'Rosendahl', 'Senden']);
    });

    it('colours a cell by its light and shows a symbol beside the colour', async () => {
      const page = await open({ locale: 'de' });
      const look = (project: string, municipality = 'Dülmen') => cellLook(page, `tr[data-municipality="${municipality}"] button.cell[data-project="${project}"]`);
      assert.deepEqual(await look('e-akte'), { border: 'rgb(242, 194, 0)', style: 'solid', symbol: '!' });
      assert.deepEqual(await look('ki-assistent'), { border: 'rgb(197, 15, 31)', style: 'solid', symbol: '✕' });
      assert.deepEqual(await look('digitale-personalakte'), { border: 'rgb(97, 97, 97)', style: 'dashed', symbol: '–' });
      assert.deepEqual(await look('lorawan', 'Olfen'), { border: 'rgb(16, 124, 16)', style: 'solid', symbol: '✓' });
    });

    it('opens a project\'s fact sheet with its history newest first; Escape closes it and focus returns to the cell', async () => {
      const page = await open({ locale: 'de' });
      const cell = page.locator('tr[data-municipality="Dülmen"] button.cell[data-project="e-akte"]');
      await cell.focus();
      await page.keyboard.press('Enter');
      const dialog = page.locator('dialog.sheet[open]');
      await dialog.locator('ol.history').waitFor();
      assert.equal(await dialog.locator('h2').textContent(), 'E-Akte (digitale Verwaltungsakte)');
      assert.deepEqual(await dialog.locator('ol.history > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-light'))), ['yellow', 'green']);
      assert.match((await dialog.locator('ol.history > li').first().textContent())!, /^30\.11\.2026, 09:00.*Gelb · Umsetzung · 40 % · von Anna Schulte/);
      assert.equal((await focused(page, 'class', 'dialog.sheet')).inside, true, 'focus is in the dialog');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('dialog.sheet[open]').count(), 0);
      assert.deepEqual(await focused(page, 'data-project', 'table.matrix'), { attribute: 'e-akte', inside: true });
    });
  });

  describe('the portfolio table', () => {
    it('narrows to a municipality\'s projects, lead or taking part, then to a phase', async () => {
      const page = await open({ locale: 'de' });
      assert.equal(await page.locator('#portfolio .count').textContent(), '24 von 24 Projekten');
      await page.getByLabel('Kommune (federführend oder beteiligt)').selectOption('Olfen');
      assert.deepEqual((await tableRows(page)).sort(), ['kommunale-cloud', 'lorawan', 'mobilitaetsplattform', 'ozg-online-dienste', 'ratsinfo', 'terminvergabe', 'waermeplanung']);
      assert.equal(await page.locator('#portfolio .count').textContent(), '7 von 24 Projekten');
      await page.getByLabel('Phase').selectOption('planning');
      assert.deepEqual(await tableRows(page), ['waermeplanung']);
      assert.equal(await page.locator('#portfolio .count').textContent(), '1 von 24 Projekten');
    });

    it('narrows to a traffic light, projects without a status included as such', async () => {
      const page = await open({ locale: 'de' });
      await page.getByLabel('Ampel', { exact: true }).selectOption('red');
      assert.deepEqual(await tableRows(page), ['ki-assistent']);
      await page.getByLabel('Ampel', { exact: true }).selectOption('none');
      assert.equal((await tableRows(page)).length, 21);
    });

    it('finds Dülmen\'s projects when searched without the umlaut', async () => {
      const page = await open({ locale: 'de' });
      await page.getByLabel('Suche').fill('Dulmen');
      assert.deepEqual((await tableRows(page)).sort(), DUELMEN);
      await page.getByLabel('Suche').fill('duelmen akte');
      assert.deepEqual(await tableRows(page), ['digitale-personalakte', 'e-akte']);
    });

    it('says so when nothing matches, and the reset shows every project again', async () => {
      const page = await open({ locale: 'de' });
      await page.getByLabel('Suche').fill('Mondbasis');
      assert.equal(await page.locator('#portfolio .empty').textContent(), 'Kein Projekt passt zu diesen Filtern.');
      assert.equal(await page.locator('#portfolio .empty').isVisible(), true);
      await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
      await page.locator('#portfolio .count', { hasText: '24 von 24 Projekten' }).waitFor();
      assert.equal(await page.getByLabel('Suche').inputValue(), '');
    });

    it('sorts by the traffic light, red first, and the other way round on a second press', async () => {
      const page = await open({ locale: 'de' });
      const header = page.locator('th:has(button[data-sort="light"])');
      await header.locator('button').click();
      assert.equal(await header.getAttribute('aria-sort'), 'ascending');
      assert.deepEqual((await tableRows(page)).slice(0, 4), ['ki-assistent', 'e-akte', 'lorawan', 'breitband']);
      await header.locator('button').click();
      assert.equal(await header.getAttribute('aria-sort'), 'descending');
      assert.deepEqual((await tableRows(page)).slice(-3), ['lorawan', 'e-akte', 'ki-assistent']);
      assert.equal(await page.locator('th:has(button[data-sort="title"])').getAttribute('aria-sort'), 'none');
    });
  });

  describe('languages', () => {
    it('speaks German with ?locale=de', async () => {
      const page = await open({ locale: 'de' });
      assert.equal(await page.getAttribute('html', 'lang'), 'de');
      assert.equal(await page.title(), 'Übersicht');
      assert.deepEqual(await page.locator('main h2').allTextContents(), ['Ampel nach Kommune', 'Was ansteht', 'Alle Projekte', 'Diagramme aus dem Strategiebericht']);
      assert.equal(await page.locator('header.top p').textContent(), 'Angemeldet als Martina Becker (Koordination) · Stand: 30.11.2026, 09:10');
      assert.deepEqual(await page.locator('table.portfolio thead button').allTextContents(), ['Projekt', 'Ampel', 'Phase', 'Federführung', 'Handlungsfeld', 'Verantwortlich', 'Letzter Status']);
      assert.equal(await page.locator('table.portfolio tr[data-project="e-akte"] td[data-label="Ampel"]').textContent(), '!Gelb');
    });

    it('speaks English with ?locale=en', async () => {
      const page = await open({ locale: 'en' });
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.title(), 'Overview');
      assert.deepEqual(await page.locator('main h2').allTextContents(), ['Traffic lights by municipality', 'What is due', 'All projects', 'Charts from the strategy report']);
      assert.equal(await page.locator('header.top p').textContent(), 'Signed in as Martina Becker (coordinator) · As of 30 Nov 2026, 09:10');
      assert.equal(await page.locator('#portfolio .count').textContent(), '24 of 24 projects');
      assert.equal(await page.locator('tr[data-municipality="Dülmen"] button.cell[data-project="e-akte"]').getAttribute('aria-label'), 'E-Akte (digitale Verwaltungsakte): Yellow, leads');
    });
  });

  describe('what is due', () => {
    it('shows the coordinators\' panel to a coordinator, marked as such', async () => {
      const page = await open({ locale: 'de' });
      const panels = page.locator('#due section[data-coordinator-only="true"]');
      assert.ok((await panels.count()) > 0);
      assert.equal(await panels.first().locator('.badge').textContent(), 'nur für die Koordination sichtbar');
    });
  });

  describe('accessibility and layout', () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`has no serious or critical axe-core violations in the ${colorScheme} theme, the fact sheet open or not`, async () => {
        const page = await open({ locale: 'de', colorScheme, bypassCSP: true });
        assert.equal(await page.getAttribute('html', 'data-theme'), colorScheme === 'dark' ? 'dark' : 'default');
        const serious = (violations: { impact: string | null }[]) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(serious(await axeViolations(page)), []);
        await page.locator('tr[data-municipality="Dülmen"] button.cell[data-project="e-akte"]').click();
        await page.locator('dialog.sheet[open] h3').first().waitFor();
        assert.deepEqual(serious(await axeViolations(page)), []);
      });
    }

    it('fits 320 px (Teams mobile) without scrolling sideways, the fact sheet too', async () => {
      const page = await open({ locale: 'de', width: 320 });
      assert.equal(await sidewaysOverflow(page), 0);
      // Each municipality starts folded to its counts per light; its button unfolds it.
      const cell = page.locator('tr[data-municipality="Dülmen"] button.cell[data-project="e-akte"]');
      const toggle = page.locator('tr[data-municipality="Dülmen"] button.row-toggle');
      assert.equal(await cell.isVisible(), false);
      assert.equal((await toggle.innerText()).replace(/\s+/g, ' ').trim(), 'Projekte: 8 ! 1 Gelb ✕ 1 Rot – 6 kein Status');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await cell.click();
      await page.locator('dialog.sheet[open] h3').first().waitFor();
      assert.equal(await sidewaysOverflow(page), 0);
      assert.equal(await page.locator('dialog.sheet').evaluate((dialog) => dialog.scrollWidth <= dialog.clientWidth), true);
    });

    it('has no serious or critical axe-core violations at 320 px, a row folded and unfolded', async () => {
      const page = await open({ locale: 'de', width: 320, bypassCSP: true });
      const serious = (violations: { impact: string | null }[]) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious(await axeViolations(page)), []);
      await page.locator('tr[data-municipality="Dülmen"] button.row-toggle').click();
      assert.deepEqual(serious(await axeViolations(page)), []);
    });

    it('shows every row open and no fold buttons on a wide screen', async () => {
      const page = await open({ locale: 'de' });
      assert.equal(await page.locator('button.row-toggle').first().isVisible(), false);
      assert.equal(await page.locator('tr[data-municipality="Dülmen"] button.cell[data-project="e-akte"]').isVisible(), true);
    });
  });

  describe('the configuration page', () => {
    it('explains the channel tab in the browser\'s language and says it saves only inside Teams', async () => {
      const page = await open({ path: '/tab/config', locale: 'en' });
      assert.equal(await page.locator('h1').textContent(), 'The Kümmerer overview in this channel');
      assert.match((await page.locator('[data-text="configText"]').textContent())!, /^The “Overview” tab shows every project's traffic light/);
      assert.equal(await page.locator('#outside').isVisible(), true);
      assert.equal(await page.locator('[data-text="configSave"]').isVisible(), false);
    });
  });
});

describe('the dashboard tab for a CDO', function () {
  this.timeout(60_000);
  let browser: Browser;
  let bot: TestBot;
  let tab: OpenTab | undefined;
  before(async function () {
    browser = await startBrowser(this);
    bot = await startTestBot({ MicrosoftAppId: '', DASHBOARD_LOCAL_USER: 'anna.schulte@duelmen.example' });
  });
  after(async () => {
    await tab?.context.close();
    await bot?.close();
    await browser?.close();
  });

  it('leaves out the coordinators\' panels', async () => {
    tab = await openTab(browser, bot.app.url, { locale: 'de' });
    assert.match((await tab.page.locator('header.top p').textContent())!, /^Angemeldet als Anna Schulte · Stand: /);
    assert.equal(await tab.page.locator('#due section[data-coordinator-only]').count(), 0);
    assert.equal(await tab.page.locator('#due').getByText('nur für die Koordination sichtbar').count(), 0);
    assert.deepEqual(tab.errors, []);
  });
});

describe('the dashboard tab when the API refuses', function () {
  this.timeout(60_000);
  let browser: Browser;
  let bot: TestBot;
  let tab: OpenTab | undefined;
  before(async function () {
    browser = await startBrowser(this);
    // With an app id every request needs a Teams token; a browser outside Teams has none.
    bot = await startTestBot({ MicrosoftAppId: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', MicrosoftAppPassword: 'test-only-secret', MicrosoftAppTenantId: '7d1e5f3a-2c4b-4a9e-8f10-1b2c3d4e5f60', ALLOWED_TENANTS: '7d1e5f3a-2c4b-4a9e-8f10-1b2c3d4e5f60', BOT_DOMAIN: 'kuemmerer.example.org' });
  });
  after(async () => {
    await tab?.context.close();
    await bot?.close();
    await browser?.close();
  });

  it('says in the user\'s language that they are not signed in, with a button to try again', async () => {
    tab = await openTab(browser, bot.app.url.replace('[::]', '127.0.0.1'), { locale: 'en' });
    assert.equal(await tab.page.locator('[role="alert"] p').textContent(), 'You are not signed in, or your sign-in has expired. Please reload the tab.');
    assert.equal(await tab.page.getByRole('button', { name: 'Reload' }).isVisible(), true);
  });
});

describe('the dashboard tab inside Teams (a stand-in for the Teams web client)', function () {
  this.timeout(60_000);
  const APP_ID = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  const TENANT = '7d1e5f3a-2c4b-4a9e-8f10-1b2c3d4e5f60';
  /** Markus Terhorst, CDO of Coesfeld in the sample data. */
  const CDO_OID = '3f2a9c4e-1b7d-4e8a-9c01-5a6b7c8d9e02';
  let browser: Browser;
  let entra: EntraIdentityProvider;
  let bot: TestBot;
  let tab: OpenTab | undefined;
  before(async function () {
    browser = await startBrowser(this);
    entra = await EntraIdentityProvider.start(APP_ID);
    bot = await startTestBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-only-secret', MicrosoftAppTenantId: TENANT, ALLOWED_TENANTS: TENANT, BOT_DOMAIN: 'kuemmerer.example.org', ...entra.dashboardEnvironment() });
  });
  afterEach(async () => {
    await closeTab(tab);
    tab = undefined;
  });
  after(async () => {
    await bot?.close();
    await entra?.close();
    await browser?.close();
  });
  const url = () => bot.app.url.replace('[::]', '127.0.0.1');

  it('signs in with the Teams token and shows the token\'s person in the Teams locale and theme, following a theme change', async () => {
    const token = await entra.token(TENANT, { oid: CDO_OID });
    const opened = await openInTeams(browser, url(), { path: '/tab?scope=channel', frameContext: 'content', locale: 'en-us', theme: 'dark', token, tenantId: TENANT, userObjectId: CDO_OID });
    tab = opened;
    const { frame } = opened;
    assert.equal(await frame.getAttribute('html', 'lang'), 'en');
    assert.equal(await frame.getAttribute('html', 'data-theme'), 'dark');
    assert.match((await frame.locator('header.top p').textContent())!, /^Signed in as Markus Terhorst · As of /);
    assert.equal(await frame.locator('#due section[data-coordinator-only]').count(), 0);
    assert.ok((await teamsHostRecord(opened.page)).calls.includes('authentication.getAuthToken'));
    await teamsHostSends(opened.page, { theme: 'contrast' });
    await frame.locator('html[data-theme="contrast"]').waitFor({ state: 'attached' });
  });

  it('says that signing in through Teams did not work when Teams gives no token', async () => {
    const opened = await openInTeams(browser, url(), { path: '/tab', frameContext: 'content', locale: 'de-de', theme: 'default' });
    tab = opened;
    assert.equal(await opened.frame.locator('[role="alert"] p').textContent(), 'Die Anmeldung über Teams ist nicht gelungen. Bitte laden Sie den Tab neu; hilft das nicht, wenden Sie sich an die Koordination.');
  });

  it('saves the channel tab from the configuration page when Save is pressed, named in the Teams locale', async () => {
    const opened = await openInTeams(browser, url(), { path: '/tab/config', frameContext: 'settings', locale: 'de-de', theme: 'default' });
    tab = opened;
    assert.equal(await opened.frame.locator('[data-text="configSave"]').isVisible(), true);
    assert.equal((await teamsHostRecord(opened.page)).valid, true);
    await teamsHostSends(opened.page, 'save');
    await opened.page.waitForFunction(() => (globalThis as unknown as { teamsHost: { saved: unknown } }).teamsHost.saved !== undefined);
    const record = await teamsHostRecord(opened.page);
    assert.equal(record.saved, true);
    assert.deepEqual(record.configs.map((c) => ({ entityId: c.entityId, contentUrl: c.contentUrl, websiteUrl: c.websiteUrl, suggestedDisplayName: c.suggestedDisplayName })), [
      { entityId: 'overview', contentUrl: `${TAB_ORIGIN}/tab?scope=channel&locale={locale}&theme={theme}`, websiteUrl: `${TAB_ORIGIN}/tab`, suggestedDisplayName: 'Übersicht' },
    ]);
  });
});
