import ExcelJS from 'exceljs';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { readTable } from '../../../src/platform/files/tabular';
import { CliRecorder } from '../../support/cli-output';
import { TempDirs } from '../../support/temp-dirs';
import { teamsError } from '../../support/teams-connector';
import { ANNA, BroadcastDriver, JUERGEN } from './driver';

const temp = new TempDirs();
/** A CDO whose name a spreadsheet would run as a formula (the directory takes names as they are). */
const FORMULA = { email: 'zz.formel@olfen.example', name: '=HYPERLINK("http://evil.example","Klick")', roles: ['cdo' as const], municipality: 'Olfen', aadObjectId: '' };

describe('npm run cli -- broadcasts', function () {
  this.timeout(120_000);
  let driver: BroadcastDriver;
  let broadcastId: string;

  before(async () => {
    driver = await BroadcastDriver.start();
    await driver.rig.bot.app.storage.repos.people.upsert([FORMULA]);
    await driver.greet([ANNA, JUERGEN]);
    await driver.settle(10_000);
    driver.connector.injectFault({ conversationId: driver.chatOf(JUERGEN), status: 403, body: teamsError('ConversationBlockedByUser') });
    ({ broadcastId } = await driver.send({ ack: 'true' }));
    await driver.settle(10_000);
    await driver.rig.until('2026-11-30T08:15:00.000Z');
    const [copy] = driver.copiesTo(ANNA);
    await driver.click('broadcast.ack', { broadcastId }, { activityId: copy!.assignedId }, ANNA);
    await driver.preview({ title: 'Nur ein Entwurf' });
  });
  after(async () => driver?.close());

  async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const output = new CliRecorder();
    const env = { TABLES_CONNECTION_STRING: driver.rig.bot.config.tablesConnectionString, TABLE_PREFIX: driver.rig.bot.config.tablePrefix, LOG_LEVEL: 'silent' };
    const code = await runCli(['broadcasts', ...args], env, output, () => driver.rig.clock.now());
    return { code, out: output.stdout, err: output.stderr };
  }

  it('lists the broadcasts (not the drafts) with id, state, title, audience and counts', async () => {
    assert.deepEqual(await cli(), {
      code: 0,
      out: [`${broadcastId}  gesendet, abgeschlossen am Mo., 30.11.2026, 09:00  Haushaltsansätze 2027  (Alle CDOs (1:1); 10 zugestellt, 1 fehlgeschlagen, 1 nicht erreichbar, 0 ausstehend · 1 gelesen)`],
      err: [],
    });
  });

  it('exports one row per recipient as CSV: name, municipality, outcome, sent at, read at, formulas neutralised', async () => {
    const file = path.join(temp.make(), 'rundschreiben.csv');
    assert.deepEqual(await cli('export', broadcastId, file), { code: 0, out: [`12 Empfänger von „Haushaltsansätze 2027“ nach ${file} exportiert.`], err: [] });
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.length, 14);
    assert.deepEqual(lines.slice(0, 2), ['\uFEFFname,municipality,outcome,sent_at,read_at', 'Anna Schulte,Dülmen,zugestellt,2026-11-30 09:00,2026-11-30 09:15']);
    assert.ok(lines.includes('Jürgen Weiß,Havixbeck,nicht zugestellt: hat den Bot blockiert (ConversationBlockedByUser),,'));
    assert.equal(lines[12], `"'=HYPERLINK(""http://evil.example"",""Klick"")",Olfen,nicht zugestellt: nicht (mehr) im Team (notInTeam),,`);
    assert.equal(lines[13], '');
  });

  it('exports the same rows as XLSX', async () => {
    const file = path.join(temp.make(), 'rundschreiben.xlsx');
    assert.equal((await cli('export', broadcastId, file)).code, 0);
    const table = await readTable(file);
    assert.deepEqual(table.header, ['name', 'municipality', 'outcome', 'sent_at', 'read_at']);
    assert.equal(table.rows.length, 12);
    assert.deepEqual(table.rows[0]!.cells, { name: 'Anna Schulte', municipality: 'Dülmen', outcome: 'zugestellt', sent_at: '2026-11-30 09:00', read_at: '2026-11-30 09:15' });
    // The project's own reader takes the neutralising ' away again; Excel sees it.
    assert.equal(table.rows[11]!.cells.name, '=HYPERLINK("http://evil.example","Klick")');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    assert.equal(workbook.worksheets[0]!.getRow(13).getCell(1).value, `'=HYPERLINK("http://evil.example","Klick")`);
  });

  it('refuses an unknown id, another format and a wrong call, with the exit codes of the command line', async () => {
    const dir = temp.make();
    assert.deepEqual(await cli('export', '0000000000000', path.join(dir, 'x.csv')), { code: 1, out: [], err: ['Kein Rundschreiben mit der ID „0000000000000“ (die IDs zeigt „npm run cli -- broadcasts“).'] });
    assert.deepEqual((await cli('export', broadcastId, path.join(dir, 'x.txt'))).err, [`Unbekanntes Dateiformat „${path.join(dir, 'x.txt')}“: erlaubt sind .csv und .xlsx.`]);
    assert.equal((await cli('export', broadcastId)).code, 2);
    const wrong = await cli('delete');
    assert.equal(wrong.code, 2);
    assert.equal(wrong.err[0], 'Unbekannter Rundschreiben-Befehl „delete“.');
    assert.ok(wrong.err[1]!.includes('npm run cli -- broadcasts [export ID DATEI]'));
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});
