import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { cardAction, cardActions, cardOf, cardTexts } from '../../support/cards';
import { CheckinRig } from '../../support/checkin-rig';
import { importDirectoryFiles, runCliRecorded } from '../../support/cli-output';
import { TempDirs } from '../../support/temp-dirs';
import { attribute, byTag, elements, parseHtml, textOf } from './html-tree';

const DATA_SET = path.join(__dirname, '../../fixtures/other-district');
// Monday 30 November 2026, 09:00 in Berlin; the round closes on Monday 7 December, 17:00.
const MONDAY_9 = '2026-11-30T08:00:00.000Z';
const AFTER_CLOSE = '2026-12-07T17:00:00.000Z';
const COORDINATOR = 'b.hagedorn@kreis-warendorf.example';
const temp = new TempDirs();

/**
 * Issue 17, "how it will be checked": over another district's data (not the sample), imported with the CLI while the
 * bot runs, with a finished check-in round answered from the cards: the report in XLSX, HTML and Markdown holds every
 * project with its latest traffic light, the HTML a chart image; `Bericht` answers the coordinator with a card whose
 * link works; `publish` writes a CSV without any e-mail address or person's name.
 */
describe("the report over another district's data with a finished round", function () {
  this.timeout(180_000);
  let rig: CheckinRig;
  let env: Record<string, string>;
  const titles = ['Coworking auf dem Land', 'Digitales Rathaus', 'Glasfaser für Schulen', 'KI in der Verwaltung', 'Smart Parking'];
  const lights: Record<string, string> = { 'Digitales Rathaus': 'Rot', 'Smart Parking': 'Grün' };

  before(async () => {
    rig = await CheckinRig.start(MONDAY_9, { SAMPLE_DATA: 'false' }, { people: false });
    env = { TABLES_CONNECTION_STRING: rig.bot.config.tablesConnectionString, TABLE_PREFIX: rig.bot.config.tablePrefix };
    await importDirectoryFiles(DATA_SET, env);
    const more = await runCliRecorded(['import', 'projects', path.join(DATA_SET, 'projects-wirtschaft.json')], env);
    assert.equal(more.code, 0, more.stderr.join('\n'));
    // The fact sheets: every project public, one summary naming the coordinator and her address.
    const csv = fs.readFileSync(path.join(DATA_SET, 'projects.csv'), 'utf8').split('\n');
    const withFacts = [`${csv[0]},goals,public`, ...csv.slice(1).filter(Boolean).map((line) => `${line},Mehr Service,ja`)].join('\n').replace('für alle Rathäuser im Kreis.', 'für alle Rathäuser im Kreis, koordiniert von Birgit Hagedorn (b.hagedorn@kreis-warendorf.example).');
    const imported = await runCliRecorded(['import', 'projects', temp.fileWith('steckbriefe.csv', `${withFacts}\n`)], env);
    assert.equal(imported.code, 0, imported.stderr.join('\n'));
    await rig.addDirectoryMembers([]);

    const say = (text: string, email: string) => rig.bot.reply(rig.bot.teams.personalMessage(text, { user: rig.member(email) }));
    await say('Check-in starten', COORDINATOR);
    await rig.settle(60_000);
    for (const [email, title, light, blockers] of [
      ['k.rethmann@warendorf.example', 'Digitales Rathaus', 'red', 'Server-Migration verzögert'],
      ['s.lindemann@telgte.example', 'Smart Parking', 'green', ''],
    ] as const) {
      const call = rig.sentTo(email).find((c) => cardTexts(cardOf(c.body) ?? { body: [] })[0] === `Statusmeldung: ${title}`)!;
      const card = cardOf(call.body);
      await rig.bot.invoke('checkin.submit', { ...cardAction(card, 'checkin.submit').data, light, phase: 'implementation', progress: '', happened: 'Es geht voran', next: '', blockers, funding: '' }, { user: rig.member(email), replyToId: call.assignedId });
    }
    await rig.until(AFTER_CLOSE);
  });
  after(async () => {
    await rig?.close();
    temp.removeAll();
  });

  const write = async (name: string) => {
    const file = path.join(temp.make(), name);
    const result = await runCliRecorded(['report', '--out', file], env, () => rig.clock.now());
    assert.equal(result.code, 0, result.stderr.join('\n'));
    return file;
  };

  it('writes an XLSX that holds every project with its latest traffic light', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await write('r.xlsx'));
    const sheet = workbook.getWorksheet('Projekte')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const found: Record<string, string> = {};
    sheet.eachRow((row, n) => {
      if (n > 1) found[String(row.getCell(header.indexOf('Projekt') + 1).value)] = String(row.getCell(header.indexOf('Ampel') + 1).value);
    });
    assert.deepEqual(found, Object.fromEntries(titles.map((t) => [t, lights[t] ?? 'ohne Status'])));
    const rounds = workbook.getWorksheet('Runden')!.getRow(2);
    assert.deepEqual([rounds.getCell(2).value, rounds.getCell(3).value], [4, 2]);
  });

  it('writes HTML with every project, its latest traffic light and the charts as images', async () => {
    const root = parseHtml(fs.readFileSync(await write('r.html'), 'utf8'));
    for (const title of titles) {
      const section = elements(root, (e) => e.tagName === 'section' && elements(e, byTag('h3')).some((h) => textOf(h) === title))[0];
      assert.ok(section, title);
      const facts = elements(section, byTag('dt')).map(textOf);
      const value = textOf(elements(section, byTag('dd'))[facts.indexOf('Ampel')]!);
      assert.ok(value.startsWith(lights[title] ?? 'ohne Status'), `${title}: ${value}`);
    }
    assert.equal(elements(root, (e) => e.tagName === 'img' && (attribute(e, 'src') ?? '').startsWith('data:image/png;base64,')).length, 3);
  });

  it('writes Markdown with every project and its latest traffic light', async () => {
    const markdown = fs.readFileSync(await write('r.md'), 'utf8');
    for (const title of titles) {
      const section = markdown.slice(markdown.indexOf(`\n### ${title}\n`));
      assert.ok(markdown.includes(`\n### ${title}\n`), title);
      assert.match(section, new RegExp(`\\| Ampel \\| ${lights[title] ?? 'ohne Status'}`), title);
    }
  });

  it('answers the coordinator’s Bericht with a card whose download link works', async () => {
    const reply = await rig.bot.reply(rig.bot.teams.personalMessage('Bericht', { user: rig.member(COORDINATOR) }));
    const card = reply.attachments[0].content;
    assert.equal(cardTexts(card)[0], 'Strategiebericht: Stand der Digitalisierungsstrategie');
    const link = new URL(cardActions(card)[0].url);
    const page = await fetch(`${rig.bot.app.url}${link.pathname}${link.search}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    for (const title of titles) assert.ok(html.includes(title), title);
  });

  it('publishes a CSV of the public projects without any e-mail address or name of a person', async () => {
    const dir = temp.make();
    const result = await runCliRecorded(['publish', '--out', dir], env, () => rig.clock.now());
    assert.equal(result.code, 0, result.stderr.join('\n'));
    const text = fs.readFileSync(path.join(dir, 'projects.csv'), 'utf8');
    const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    assert.deepEqual(records.map((r) => r.title).sort(), [...titles.filter((t) => t !== 'KI in der Verwaltung' && t !== 'Coworking auf dem Land')].sort());
    assert.doesNotMatch(text, /@/);
    const people = fs.readFileSync(path.join(DATA_SET, 'people.csv'), 'utf8').split('\n').slice(1).filter(Boolean).map((line) => line.split(',')[1]!);
    for (const name of people) for (const part of [name, name.split(' ').at(-1)!]) assert.ok(!text.includes(part), part);
    assert.equal(records.find((r) => r.id === 'digitales-rathaus')?.summary, 'Online-Anträge, digitale Akten und Terminbuchung für alle Rathäuser im Kreis, koordiniert von … (…).');
  });
});
