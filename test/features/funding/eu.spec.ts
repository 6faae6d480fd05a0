// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { featureTables } from '../../../src/app';
import { runCli } from '../../../src/cli/main';
import { EuFetchError, fetchEuTopics } from '../../../src/features/funding/eu';
import { fundingRepositories } from '../../../src/features/funding/tables';
import { openStorage, type OpenStorage } from '../../../src/platform/storage';
import { cardTexts } from '../../support/cards';
import { CheckinRig } from '../../support/checkin-rig';
import { CliRecorder } from '../../support/cli-output';
import { EuPortal, type PortalAnswer } from '../../support/eu-portal';
import { testConnectionString, uniquePrefix } from '../../support/hooks';

const PAGES = path.join(__dirname, '../../fixtures/funding/eu');
const page = (name: string): PortalAnswer => ({ json: JSON.parse(fs.readFileSync(path.join(PAGES, `${name}.json`), 'utf8')) });
/** The recorded answers: two pages for "smart city" (the second empty), one for "digital". */
function recorded(text: string, pageNumber: number): PortalAnswer {
  if (text === 'smart city') return page(`smart-city-page-${pageNumber}`);
  if (text === 'digital' && pageNumber === 1) return page('digital-page-1');
  return { status: 404, text: 'no such page' };
}
const NOW = new Date('2026-11-30T08:00:00.000Z');

describe('EU calls from the Funding & Tenders Portal', function () {
  this.timeout(60_000);
  let portal: EuPortal;
  let env: Record<string, string>;
  let output: CliRecorder;
  let storage: OpenStorage;

  beforeEach(async () => {
    portal = await EuPortal.start(recorded);
    env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix(), FUNDING_EU_API_URL: portal.url };
    output = new CliRecorder();
    storage = await openStorage({ tablesConnectionString: env.TABLES_CONNECTION_STRING!, dataDir: '', tablePrefix: env.TABLE_PREFIX! }, 'cli', featureTables());
  });
  afterEach(async () => {
    await storage.close();
    await portal.close();
  });

  const fetchEu = (...options: string[]) => runCli(['funding', 'fetch', 'eu', ...options], env, output, () => NOW);
  const calls = () => fundingRepositories(storage.store).fundingCalls.list();

  it('asks the search API with a multipart body whose parts are JSON, one search per keyword, page by page until a page is empty', async () => {
    assert.equal(await fetchEu('--keywords', 'smart city,digital'), 0);
    assert.deepEqual(
      portal.requests.map((r) => [r.method, r.path, r.query]),
      [
        ['POST', '/search-api/prod/rest/search', { apiKey: 'SEDIA', text: 'smart city', pageSize: '100', pageNumber: '1' }],
        ['POST', '/search-api/prod/rest/search', { apiKey: 'SEDIA', text: 'smart city', pageSize: '100', pageNumber: '2' }],
        ['POST', '/search-api/prod/rest/search', { apiKey: 'SEDIA', text: 'digital', pageSize: '100', pageNumber: '1' }],
      ],
    );
    for (const request of portal.requests) {
      assert.match(request.contentType, /^multipart\/form-data; boundary=/);
      assert.deepEqual(
        request.parts.map((p) => [p.name, p.type, JSON.parse(p.text)]),
        [
          ['query', 'application/json', { bool: { must: [{ terms: { type: ['1', '2', '8'] } }, { terms: { status: ['31094501', '31094502'] } }] } }],
          ['languages', 'application/json', ['en']],
          ['sort', 'application/json', { field: 'sortStatus', order: 'ASC' }],
        ],
      );
    }
  });

  it('stores each topic once with its next deadline, skipping closed topics and those whose deadlines are past', async () => {
    assert.equal(await fetchEu('--keywords', 'smart city,digital'), 0);
    assert.deepEqual(output.stdout, [
      'EU-Förderaufrufe: 3 gefunden, 2 neu, 0 geändert, 0 unverändert, 1 übersprungen (Frist vorbei).',
      'Der laufende Bot gleicht sie innerhalb von 15 Sekunden mit den Projekten ab und plant die Erinnerungen.',
    ]);
    const [edih, horizon] = await calls();
    assert.deepEqual(
      [horizon?.id, horizon?.title, horizon?.programme, horizon?.funder, horizon?.level, horizon?.deadline, horizon?.link, horizon?.keywords, horizon?.source],
      [
        'eu-horizon-cl5-2027-d4-01-03',
        'Climate-neutral and smart cities: digital twins for local authorities',
        'HORIZON',
        'Europäische Kommission',
        'eu',
        { kind: 'date', date: '2027-02-10', time: '' },
        'https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/HORIZON-CL5-2027-D4-01-03',
        ['smart city', 'Digital twin', 'Urban planning', 'Smart cities'],
        'eu',
      ],
    );
    assert.deepEqual(
      [edih?.id, edih?.deadline, edih?.link, edih?.keywords],
      [
        'eu-digital-2027-cloud-ai-09-edih',
        { kind: 'date', date: '2027-04-22', time: '' },
        'https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/DIGITAL-2027-CLOUD-AI-09-EDIH',
        ['smart city', 'digital', 'Public administration', 'Digital transformation'],
      ],
    );
  });

  it('updates a known call with what the portal says now, keeping what a coordinator added', async () => {
    await fetchEu('--keywords', 'smart city,digital');
    const repo = fundingRepositories(storage.store).fundingCalls;
    const horizon = (await repo.get('eu-horizon-cl5-2027-d4-01-03'))!;
    await repo.upsert([{ ...horizon, fields: ['Smart Region'], rate: 70 }]);
    const first = page('smart-city-page-1') as { json: any };
    first.json.results[0].metadata.deadlineDate = ['2027-03-03T00:00:00.000+0000'];
    portal.answer = (text, n) => (text === 'smart city' && n === 1 ? first : recorded(text, n));
    assert.equal(await fetchEu('--keywords', 'smart city,digital'), 0);
    assert.deepEqual(output.stdout.slice(-2, -1), ['EU-Förderaufrufe: 3 gefunden, 0 neu, 1 geändert, 1 unverändert, 1 übersprungen (Frist vorbei).']);
    const updated = await repo.get('eu-horizon-cl5-2027-d4-01-03');
    assert.deepEqual([updated?.deadline, updated?.fields, updated?.rate, updated?.revision], [{ kind: 'date', date: '2027-03-03', time: '' }, ['Smart Region'], 70, 2]);
  });

  it('stores nothing when the portal answers 500, and says so', async () => {
    portal.answer = (text, n) => (text === 'digital' ? { status: 500, text: '<html>Internal Server Error</html>' } : recorded(text, n));
    assert.equal(await fetchEu('--keywords', 'smart city,digital'), 1);
    assert.deepEqual(output.stderr, ['Abruf abgebrochen, nichts wurde gespeichert: das EU-Portal antwortet mit HTTP 500']);
    assert.deepEqual(await calls(), []);
  });

  it('stores nothing when an answer is no search result', async () => {
    portal.answer = () => ({ status: 200, text: '<html>Wartungsarbeiten</html>' });
    assert.equal(await fetchEu(), 1);
    assert.deepEqual(output.stderr, ['Abruf abgebrochen, nichts wurde gespeichert: die Antwort des EU-Portals ist kein lesbares Suchergebnis']);
    assert.deepEqual(portal.requests.map((r) => r.query.text), ['***']);
  });

  it('counts without storing on a dry run', async () => {
    assert.equal(await fetchEu('--keywords', 'smart city,digital', '--dry-run'), 0);
    assert.deepEqual(output.stdout, ['EU-Förderaufrufe: 3 gefunden, 2 neu, 0 geändert, 0 unverändert, 1 übersprungen (Frist vorbei).', 'Probelauf: nichts wurde gespeichert.']);
    assert.deepEqual(await calls(), []);
  });

  it('refuses a wrong call of the command with the usage', async () => {
    assert.equal(await runCli(['funding', 'fetch', 'bund'], env, output, () => NOW), 2);
    assert.equal(output.stderr[0], 'Unbekannte Quelle „bund“: möglich ist eu.');
    assert.equal(await runCli(['funding', 'fetch', 'eu', '--keywords'], env, output, () => NOW), 2);
    assert.equal(output.stderr.find((l) => l.startsWith('Nach --keywords')), 'Nach --keywords fehlen die Stichworte, z. B. --keywords "smart city,digital".');
    assert.deepEqual(portal.requests, []);
  });

  it('refuses an answer larger than its limit', async () => {
    await assert.rejects(
      fetchEuTopics({ baseUrl: portal.url, keywords: ['smart city'], maxBytes: 1000 }),
      (error: unknown) => error instanceof EuFetchError && error.reason === 'tooLarge' && error.details.max === 1000,
    );
  });

  it('is what the real API answers a plain JSON body with: nothing (the portal stand-in behaves so)', async () => {
    const response = await fetch(`${portal.url}?apiKey=SEDIA&text=digital&pageSize=100&pageNumber=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.deepEqual(await response.json(), { totalResults: 0, results: [] });
  });

  it("runs on the bot's schedule (FUNDING_FETCH_SCHEDULE) and offers what fits to the projects' owners", async () => {
    // Monday 30 November 2026, 05:59 in Berlin: the fetch is due at 06:00.
    const rig = await CheckinRig.start('2026-11-30T04:59:00.000Z', { FUNDING_FETCH_SCHEDULE: '0 6 * * 1', FUNDING_EU_KEYWORDS: 'smart city', FUNDING_EU_API_URL: portal.url, SCHEDULER_TICK_SECONDS: '15' });
    try {
      await rig.until('2026-11-30T04:59:50.000Z');
      assert.equal(portal.requests.length, 0);
      await rig.until('2026-11-30T05:01:00.000Z');
      assert.deepEqual(portal.requests.map((r) => [r.query.text, r.query.pageNumber]), [['smart city', '1'], ['smart city', '2']]);
      const stored = await fundingRepositories(rig.bot.app.storage.store).fundingCalls.list();
      assert.deepEqual(stored.map((c) => c.id), ['eu-digital-2027-cloud-ai-09-edih', 'eu-horizon-cl5-2027-d4-01-03']);
      // "smart city" is in the title of the LoRaWAN project (Smart-City-Sensorik): its owner gets the call.
      const offers = rig.cardsTo('daniel.schroeder@olfen.example').map((c) => cardTexts(c)[0]);
      assert.deepEqual(offers.sort(), ['Förderaufruf: Climate-neutral and smart cities: digital twins for local authorities', 'Förderaufruf: European Digital Innovation Hubs for public administrations']);
    } finally {
      await rig.close();
    }
  });
});
