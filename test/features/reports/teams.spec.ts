// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { TEST_TENANT } from '../../support/activities';
import { cardActions, cardElements, cardTexts } from '../../support/cards';
import { readPngSize } from '../../support/png';
import { startTestBot, STRANGER, type TestBot } from '../../support/test-bot';
import type { TeamsMember } from '../../support/teams-connector';
import { attribute, byTag, elements, parseHtml, textOf } from './html-tree';
import { AS_OF, drivenYear, type Year } from './year';

const ANNA: TeamsMember = { id: '29:anna-schulte', name: 'Anna Schulte', aadObjectId: '3f2a9c4e-1b7d-4e8a-9c01-5a6b7c8d9e03', email: 'anna.schulte@duelmen.example', tenantId: TEST_TENANT };
const WEEK = 7 * 86_400_000;

describe('the strategy report and fact sheets in Teams', function () {
  this.timeout(120_000);
  let year: Year;
  let bot: TestBot;
  let now: Date;

  before(async () => {
    year = await drivenYear();
    now = AS_OF;
    bot = await startTestBot({ ...year.env, TABLE_PREFIX: year.env.TABLE_PREFIX! }, { now: () => now });
  });
  after(async () => {
    await bot?.close();
  });

  function say(text: string, options: { user?: TeamsMember; locale?: string } = {}): Promise<any> {
    return bot.reply(bot.teams.personalMessage(text, options));
  }

  /** Fetches a path of the bot's server (the link's host is the configured public address). */
  function download(url: string): Promise<Response> {
    const parsed = new URL(url);
    return fetch(`${bot.app.url}${parsed.pathname}${parsed.search}`);
  }

  /** The coordinator's report card and its links. */
  async function reportCard(text = 'Bericht', locale?: string): Promise<{ card: any; reply: any; html: string; xlsx: string; image: string }> {
    const reply = await say(text, { locale });
    const card = reply.attachments[0].content;
    const [html, xlsx] = cardActions(card).map((a: any) => a.url as string);
    const image = cardElements(card).find((e: any) => e.type === 'Image').url as string;
    return { card, reply, html: html!, xlsx: xlsx!, image };
  }

  it('answers a coordinator with a card of the counts, the traffic-light chart and two download links', async () => {
    const { card, reply, html, xlsx, image } = await reportCard();
    assert.deepEqual(cardTexts(card).slice(0, 2), ['Strategiebericht: Stand der Digitalisierungsstrategie', 'Zeitraum: 24.11.2025 – 24.11.2026']);
    assert.deepEqual(card.body[2].facts, [
      { title: 'Projekte', value: '24' },
      { title: 'Phasen', value: 'Idee 2 · Planung 5 · Umsetzung 7 · Abgeschlossen 6 · Pausiert 4' },
      { title: 'Ampeln', value: '🟢 3 · 🟡 0 · 🔴 2 · ohne Status 19' },
      { title: 'Begonnen / abgeschlossen / pausiert', value: '1 / 1 / 1' },
      { title: 'Letzte Runde', value: '16.11.2026: 2 von 18 (11 %)' },
      { title: 'Offene Blocker', value: '2' },
    ]);
    assert.match(html, /^http:\/\/127\.0\.0\.1:\d+\/reports\/[0-9a-f]{16}\.html\?key=[\w-]{43}$/);
    assert.equal(xlsx, html.replace('.html?', '.xlsx?'));
    assert.equal(image, html.replace('.html?', '.png?'));
    assert.deepEqual(cardActions(card).map((a: any) => [a.type, a.title]), [
      ['Action.OpenUrl', 'HTML-Bericht'],
      ['Action.OpenUrl', 'XLSX-Tabelle'],
    ]);
    assert.equal(cardTexts(card).at(-1), 'Die Links gelten bis Di., 01.12.2026, 09:00.');
    assert.ok(JSON.stringify(reply).length < 80_000, 'the message stays far under Teams’ size limit');
  });

  it('serves the chart of the card as a PNG within Teams’ limits for card images', async () => {
    const { image } = await reportCard();
    const response = await download(image);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    const png = Buffer.from(await response.arrayBuffer());
    const size = readPngSize(png);
    assert.ok(size.width <= 1024 && size.height <= 1024 && png.length <= 1024 * 1024, `${size.width} × ${size.height}, ${png.length} bytes`);
    assert.ok(size.width >= 500 && size.height >= 150, `${size.width} × ${size.height}`);
  });

  it('serves the report as HTML and XLSX with the key of the link', async () => {
    const { html, xlsx } = await reportCard();
    const page = await download(html);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const root = parseHtml(await page.text());
    assert.equal(textOf(elements(root, byTag('h1'))[0]!), 'Strategiebericht: Stand der Digitalisierungsstrategie');
    assert.equal(elements(root, byTag('img')).filter((i) => attribute(i, 'src')!.startsWith('data:image/png;base64,')).length, 3);
    assert.equal(elements(root, byTag('h3')).filter((h) => textOf(h) === 'E-Akte (digitale Verwaltungsakte)').length, 1);
    const workbook = new ExcelJS.Workbook();
    const file = await download(xlsx);
    assert.equal(file.status, 200);
    assert.match(file.headers.get('content-disposition')!, /^attachment; filename="strategiebericht-2026-11-24\.xlsx"$/);
    await workbook.xlsx.load(await file.arrayBuffer());
    assert.equal(workbook.getWorksheet('Projekte')!.rowCount, 25);
  });

  it('answers 404 without the key, with a wrong one, for another report and for a file it does not make', async () => {
    const { html } = await reportCard();
    const url = new URL(html);
    const key = url.searchParams.get('key')!;
    const id = url.pathname.slice('/reports/'.length, -'.html'.length);
    const other = (await reportCard()).html;
    const otherKey = new URL(other).searchParams.get('key')!;
    for (const wrong of [
      `/reports/${id}.html`,
      `/reports/${id}.html?key=`,
      `/reports/${id}.html?key=${key.slice(1)}`,
      `/reports/${id}.html?key=${otherKey}`,
      `/reports/0000000000000000.html?key=${key}`,
      `/reports/${id}.pdf?key=${key}`,
      `/reports/${id}?key=${key}`,
    ]) {
      const response = await fetch(`${bot.app.url}${wrong}`);
      assert.equal(response.status, 404, wrong);
      assert.equal(await response.text(), 'Not found\n');
    }
  });

  it('opens a link for seven days and no longer', async () => {
    const { html } = await reportCard();
    now = new Date(AS_OF.getTime() + WEEK - 1000);
    try {
      assert.equal((await download(html)).status, 200);
      now = new Date(AS_OF.getTime() + WEEK);
      assert.equal((await download(html)).status, 404);
    } finally {
      now = AS_OF;
    }
  });

  it('reports from the date asked for', async () => {
    const { card } = await reportCard('Bericht seit 01.06.2026');
    assert.equal(cardTexts(card)[1], 'Zeitraum: 01.06.2026 – 24.11.2026');
    assert.deepEqual(card.body[2].facts[3], { title: 'Begonnen / abgeschlossen / pausiert', value: '0 / 1 / 0' });
    assert.equal((await say('Bericht seit gestern')).text, '„gestern“ ist kein Datum vor heute. Schreiben Sie es z. B. als 01.12.2025 oder 2025-12-01.');
  });

  it('answers in English when Teams is English', async () => {
    const { card } = await reportCard('report', 'en-GB');
    assert.deepEqual(cardTexts(card).slice(0, 2), ['Strategy report: the state of the digitalisation strategy', 'Period: 24 Nov 2025 – 24 Nov 2026']);
  });

  it('refuses the report to anyone who is not a coordinator', async () => {
    assert.equal((await say('Bericht', { user: ANNA })).text, 'Den Strategiebericht kann nur die Koordination abrufen.');
    assert.equal((await say('report', { user: STRANGER, locale: 'en-US' })).text, 'Only coordinators can get the strategy report.');
  });

  it("shows anyone a project's fact sheet with its latest status", async () => {
    const card = (await say('Steckbrief E-Akte', { user: ANNA })).attachments[0].content;
    assert.equal(cardTexts(card)[0], 'Steckbrief: E-Akte (digitale Verwaltungsakte)');
    const facts = Object.fromEntries(card.body.find((e: any) => e.type === 'FactSet').facts.map((f: any) => [f.title, f.value]));
    assert.deepEqual(facts, {
      Phase: 'Umsetzung',
      Ampel: 'Rot (gemeldet am 16.11.2026)',
      Handlungsfeld: 'Verwaltung digital',
      Federführend: 'Dülmen',
      Beteiligt: 'Coesfeld, Lüdinghausen, Senden',
      Verantwortlich: 'Anna Schulte',
      Vertretung: 'Petra Hüsing',
      Priorität: 'hoch (sofort)',
      Beginn: '01/2025',
      Ende: '30.06.2027',
      Budget: '185.000,50\u00a0€',
    });
    const texts = cardTexts(card);
    for (const text of ['Ziele', 'Alle Akten der Kernverwaltung digital führen', 'Indikatoren', 'Anteil digital geführter Akten', 'Letzte Meldung', 'Anna Schulte, 16.11.2026', 'Offene Blocker', 'Scanner fehlen']) assert.ok(texts.includes(text), text);
  });

  it('offers the projects a name fits when it fits several, and shows the one picked', async () => {
    const choice = (await say('Steckbrief Digitale')).attachments[0].content;
    assert.deepEqual(cardTexts(choice).slice(0, 2), ['Welches Projekt meinen Sie?', 'Der Name passt zu mehreren Projekten. Bitte wählen Sie eines:']);
    const button = cardActions(choice).find((a: any) => a.title === 'Digitale Personalakte');
    assert.ok(button, JSON.stringify(cardActions(choice).map((a: any) => a.title)));
    const sheet = await bot.invoke(button.verb, button.data);
    assert.equal(cardTexts(sheet)[0], 'Steckbrief: Digitale Personalakte');
    assert.deepEqual(sheet.body.find((e: any) => e.type === 'FactSet').facts.slice(0, 2), [
      { title: 'Phase', value: 'Pausiert' },
      { title: 'Ampel', value: 'ohne Status' },
    ]);
  });

  it('says so for a project it does not know, and how to name one', async () => {
    assert.equal((await say('Steckbrief Raumfahrtprogramm')).text, 'Ein Projekt „Raumfahrtprogramm“ kenne ich nicht.');
    assert.equal((await say('Steckbrief')).text, 'Zu welchem Projekt? Schreiben Sie z. B. „Steckbrief Breitbandausbau in den weißen Flecken“.');
    assert.equal(cardTexts((await say('fact sheet ISMS', { locale: 'en-US' })).attachments[0].content)[0], 'Fact sheet: Informationssicherheit (ISMS)');
  });
});
