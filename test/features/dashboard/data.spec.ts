import assert from 'node:assert/strict';
import type { ApiCharts, ApiDue, ApiOverview, ApiProjectSheet, ApiRound } from '../../../src/features/dashboard/api';
import { messagesUnder } from '../../../src/platform/i18n';
import { cardAction } from '../../support/cards';
import { TestClock } from '../../support/checkin-context';
import { ANNA } from '../../support/checkin-users';
import { runCliRecorded } from '../../support/cli-output';
import { CALLS_HEADER } from '../../support/funding';
import { TempDirs } from '../../support/temp-dirs';
import { startTestBot, type TestBot } from '../../support/test-bot';

const MONDAY_9 = '2026-11-30T08:00:00.000Z';
const E_AKTE = 'E-Akte (digitale Verwaltungsakte)';
const INPUTS = { phase: 'implementation', light: 'red', progress: '40', happened: 'Pilot im Hauptamt läuft', next: 'Rollout Ordnungsamt', blockers: 'Scanner fehlen', funding: '' };

describe('Dashboard API over the bot\'s data (local use)', () => {
  const temp = new TempDirs();
  let bot: TestBot;
  let clock: TestClock;

  before(async () => {
    clock = new TestClock(new Date(MONDAY_9));
    bot = await startTestBot({ MicrosoftAppId: '' }, { now: clock.now });
    // A round, and Anna's red status for the E-Akte in it.
    await bot.reply(bot.teams.personalMessage('Check-in starten'));
    clock.set('2026-11-30T09:30:00.000Z');
    const form = await bot.reply(bot.teams.personalMessage('Status melden E-Akte', { user: ANNA }));
    await bot.invoke('checkin.submit', { ...cardAction(form.attachments[0].content, 'checkin.submit').data, ...INPUTS }, { user: ANNA });
    // A meeting, and funding calls: one ending within 60 days, one beyond.
    await bot.reply(bot.teams.personalMessage('Sitzung am 14.12.2026 14:00 Kreishaus Coesfeld'));
    const env = { TABLES_CONNECTION_STRING: bot.config.tablesConnectionString, TABLE_PREFIX: bot.config.tablePrefix };
    const calls = [
      CALLS_HEADER,
      'smart-region-2027,Smart Region 2027,Smart.Land,Land NRW,land,2027-01-15 12:00,https://www.land.nrw/smart-region,Smart Region,Kommunen,80,150000,,',
      'digital-spaeter,Digitale Dörfer später,Dorf.Digital,Bund,federal,2027-03-31,https://www.bund.example/doerfer,Smart Region,Kommunen,,,,',
    ];
    const result = await runCliRecorded(['import', 'funding', temp.fileWith('calls.csv', calls.join('\n'))], env, clock.now);
    assert.deepEqual(result.stderr, []);
  });
  after(async () => {
    await bot?.close();
    temp.removeAll();
  });

  async function get<T>(path: string): Promise<{ status: number; body: T; headers: Headers }> {
    const response = await fetch(`${bot.app.url}${path}`);
    return { status: response.status, body: (await response.json()) as T, headers: response.headers };
  }

  it('gives every project its latest light, every municipality its projects, and the page\'s texts', async () => {
    const { status, body, headers } = await get<ApiOverview>('/api/tab/overview');
    assert.equal(status, 200);
    assert.equal(headers.get('cache-control'), 'no-store');
    assert.equal(headers.get('x-content-type-options'), 'nosniff');
    const eAkte = body.projects.find((p) => p.id === 'e-akte')!;
    assert.equal(eAkte.light, 'red');
    assert.equal(eAkte.lightLabel, 'Rot');
    assert.equal(eAkte.progress, 40);
    assert.equal(eAkte.statusAt, '2026-11-30T09:30:00.000Z');
    assert.equal(eAkte.owner, 'Anna Schulte');
    assert.match(eAkte.searchText, /duelmen/);
    assert.deepEqual(body.projects.filter((p) => p.light !== undefined).map((p) => p.id), ['e-akte']);
    assert.equal(body.projects.find((p) => p.id === 'buerger-app')!.lightLabel, 'kein Status');
    assert.equal(body.municipalities[0]!.name, 'Kreis Coesfeld');
    const duelmen = body.municipalities.find((m) => m.name === 'Dülmen')!;
    assert.deepEqual(duelmen.projects.filter((p) => p.id === 'e-akte' || p.id === 'digitaler-bauantrag'), [{ id: 'e-akte', role: 'lead' }, { id: 'digitaler-bauantrag', role: 'participant' }]);
    assert.ok(duelmen.projects.findIndex((p) => p.role === 'participant') > duelmen.projects.findLastIndex((p) => p.role === 'lead'), 'lead projects first');
    assert.deepEqual(body.lights.map((l) => l.key), ['green', 'yellow', 'red', 'none']);
    assert.deepEqual(body.texts, messagesUnder('de', 'dashboard.page'));
  });

  it('speaks English with locale=en and refuses another language with 400', async () => {
    const en = await get<ApiOverview>('/api/tab/overview?locale=en');
    assert.equal(en.body.locale, 'en');
    assert.equal(en.body.projects.find((p) => p.id === 'e-akte')!.lightLabel, 'Red');
    assert.deepEqual(en.body.phases.map((p) => p.label), ['Idea', 'Planning', 'Implementation', 'Done', 'Paused']);
    const xx = await get<{ error: string; message: string }>('/api/tab/overview?locale=xx');
    assert.equal(xx.status, 400);
    assert.deepEqual(xx.body, { error: 'bad-request', message: 'Die Sprache muss de oder en sein.' });
  });

  it('gives a project\'s fact sheet with its history, newest first', async () => {
    const { status, body } = await get<ApiProjectSheet>('/api/tab/projects/e-akte');
    assert.equal(status, 200);
    assert.equal(body.project.title, E_AKTE);
    assert.equal(body.history.length, 1);
    assert.deepEqual(body.history[0], {
      at: '2026-11-30T09:30:00.000Z',
      light: 'red',
      lightLabel: 'Rot',
      phaseLabel: 'Umsetzung',
      progress: 40,
      texts: [
        { label: 'Was ist passiert?', value: 'Pilot im Hauptamt läuft' },
        { label: 'Nächste Schritte', value: 'Rollout Ordnungsamt' },
        { label: 'Hindernisse / Unterstützung nötig', value: 'Scanner fehlen' },
      ],
      author: 'Anna Schulte',
    });
    assert.deepEqual(
      body.facts.filter((f) => ['Priorität', 'Beginn', 'Ende', 'Budget'].includes(f.label)),
      [
        { label: 'Priorität', value: 'hoch' },
        { label: 'Beginn', value: '01/2025' },
        { label: 'Ende', value: '12/2027' },
        { label: 'Budget', value: '240.000\u00a0€' },
      ],
      'the fact sheet as the reader writes it: months, euros, the priority in words',
    );
    const english = await get<ApiProjectSheet>('/api/tab/projects/e-akte?locale=en');
    assert.deepEqual(english.body.facts.find((f) => f.label === 'Budget'), { label: 'Budget', value: '€240,000' });
  });

  it('answers 404 for an unknown project and 400 for an id that cannot be one', async () => {
    const unknown = await get<{ error: string }>('/api/tab/projects/no-such-project');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error, 'not-found');
    const bad = await get<{ error: string }>('/api/tab/projects/%3Cscript%3E');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, 'bad-request');
  });

  it('shows the next meeting, the funding deadlines within 60 days and the open round', async () => {
    const { body } = await get<ApiDue>('/api/tab/due');
    assert.deepEqual(body.panels.map((p) => p.key), ['meetings.next', 'funding.deadlines', 'dashboard.round']);
    const meeting = body.panels[0]!.items[0]!;
    assert.equal(meeting.at, '2026-12-14T13:00:00.000Z');
    assert.equal(meeting.detail, 'Kreishaus Coesfeld');
    assert.match(meeting.url!, /^\/meetings\/[a-z0-9]+\.ics\?key=/);
    assert.deepEqual(body.panels[1]!.items.map((i) => [i.title, i.at, i.url]), [['Smart Region 2027', '2027-01-15T11:00:00.000Z', 'https://www.land.nrw/smart-region']]);
    const round = body.panels[2]!;
    assert.equal(round.coordinatorOnly, true);
    assert.equal(round.title, 'Offene Check-in-Runde: 1 von 18 beantwortet');
    assert.equal(round.items.some((i) => i.title === 'Anna Schulte' && i.detail!.includes('E-Akte')), false, 'Anna answered for the E-Akte');
  });

  it('gives coordinators the round: who has not answered, with their projects', async () => {
    const { body } = await get<ApiRound>('/api/tab/round');
    assert.equal(body.round!.answered, 1);
    assert.equal(body.round!.total, 18);
    assert.equal(body.round!.startedAt, MONDAY_9);
    const markus = body.round!.unanswered.find((p) => p.email === 'markus.terhorst@coesfeld.example')!;
    assert.deepEqual(markus.projects, ['Bürger-App', 'Digitale Personalakte', 'Geodaten und 3D-Stadtmodell']);
  });

  it('gives the report\'s three charts as SVG', async () => {
    const { body } = await get<ApiCharts>('/api/tab/charts?locale=en');
    assert.deepEqual(body.charts.map((c) => c.name), ['lights', 'phases', 'municipalities']);
    assert.ok(body.charts.every((c) => c.svg.startsWith('<svg')));
  });
});
