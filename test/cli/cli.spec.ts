import assert from 'node:assert/strict';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { openStorage } from '../../src/platform/storage';
import { emulatorConnectionString } from '../../src/platform/storage/embedded-table-storage';
import { TeamsActivities } from '../support/activities';
import { spawnBot } from '../support/bot-process';
import { testConnectionString, uniquePrefix } from '../support/hooks';
import { cardTitle } from '../support/cards';
import { CliRecorder } from '../support/cli-output';
import { postActivity, runCliProcess } from '../support/process-rig';
import { TeamsConnector } from '../support/teams-connector';
import { TempDirs } from '../support/temp-dirs';

const FIXTURES = path.join(__dirname, '../fixtures/directory');
const USAGE_DE = [
  'Aufruf:',
  '  npm run cli -- import municipalities|people|projects DATEI [--dry-run]   Verzeichnis importieren (DATEI: .csv, .xlsx oder .json)',
  '  npm run cli -- export municipalities|people|projects DATEI             Verzeichnis exportieren',
  '  npm run cli -- checkin start                                           Check-in-Runde starten',
  '  npm run cli -- meetings list|feed|rotate-key [SERIE]                   Sitzungen mit Kalender-Link, Abo-Link der AG, neuer geheimer Schlüssel',
  '  npm run cli -- feeds add URL [--keywords "KI,Chatbot"] [--tags KI] | list | remove ID | import DATEI.opml | export DATEI.opml   Feeds des Trend-Radars',
  '  npm run cli -- broadcasts [export ID DATEI]                            Rundschreiben auflisten; je Empfänger exportieren (DATEI: .csv oder .xlsx)',
  '  npm run cli -- import|export funding DATEI [--dry-run]                 Förderaufrufe (Spalten: id,title,programme,funder,level,deadline,link,fields,eligible,rate,max_amount,summary,keywords)',
  '  npm run cli -- funding fetch eu [--keywords "smart city,digital"] [--dry-run]   offene EU-Aufrufe abrufen',
  '  npm run cli -- funding withdraw ID                                     Förderaufruf zurückziehen',
  '  npm run cli -- report --out DATEI [--since DATUM] [--lang de|en]       Strategiebericht schreiben (DATEI: .md, .html, .xlsx oder .csv; Zeitraum ab DATUM, sonst ein Jahr)',
  '  npm run cli -- publish --out ORDNER [--lang de|en]                      öffentliche Projektliste schreiben (projects.csv, Schema, dcat.ttl, index.html)',
  '  npm run cli -- deliveries                                              offene und fehlgeschlagene Zustellungen mit Grund',
  '  npm run cli -- jobs                                                    geplante Aufgaben, nächste Ausführung und letzte Läufe',
  '  npm run cli -- send --to all|ROLLE|E-MAIL[,E-MAIL…] --text TEXT [--batch NAME]   Textnachricht 1:1; der laufende Bot sendet sie',
].join('\n');
const temp = new TempDirs();

describe('command line import and export', () => {
  after(() => temp.removeAll());

  describe('runCli on Table Storage', () => {
    let env: Record<string, string>;
    let output: CliRecorder;
    beforeEach(() => {
      env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix() };
      output = new CliRecorder();
    });

    /** The municipalities stored under this test's prefix. */
    async function storedMunicipalities(): Promise<string[]> {
      const storage = await openStorage({ tablesConnectionString: env.TABLES_CONNECTION_STRING!, dataDir: '', tablePrefix: env.TABLE_PREFIX! }, 'cli');
      try {
        return (await storage.repos.municipalities.list()).map((m) => m.name);
      } finally {
        await storage.close();
      }
    }

    describe('usage errors', () => {
      it('prints the usage and exits with 2 when called without arguments', async () => {
        assert.equal(await runCli([], env, output), 2);
        assert.deepEqual(output.stderr, [USAGE_DE]);
        assert.deepEqual(output.stdout, []);
      });

      it('prints the usage on stdout and exits with 0 for --help', async () => {
        assert.equal(await runCli(['--help'], env, output), 0);
        assert.deepEqual(output.stdout, [USAGE_DE]);
      });

      const cases: [string, string[], string][] = [
        ['an unknown command', ['importieren', 'people', 'p.csv'], 'Unbekannter Befehl „importieren“.'],
        ['a missing kind', ['import'], 'Es fehlt, was importiert oder exportiert werden soll: municipalities, people, projects, funding.'],
        ['an unknown kind', ['import', 'personen', 'p.csv'], 'Unbekannte Art „personen“: erlaubt sind municipalities, people, projects, funding.'],
        ['a missing file', ['export', 'people'], 'Es fehlt die DATEI.'],
        ['an unknown file format', ['export', 'people', 'people.txt'], 'Unbekanntes Dateiformat „people.txt“: erlaubt sind .csv, .xlsx und .json.'],
        ['a mistyped option', ['import', 'people', 'p.csv', '--dryrun'], 'Unbekannte Option „--dryrun“.'],
        ['--dry-run on an export', ['export', 'people', 'p.csv', '--dry-run'], 'Unbekannte Option „--dry-run“.'],
        ['one argument too many', ['export', 'people', 'p.csv', 'q.csv'], 'Eine Angabe zu viel: „q.csv“.'],
      ];
      for (const [what, argv, message] of cases) {
        it(`refuses ${what} with the usage and exit code 2`, async () => {
          assert.equal(await runCli(argv, env, output), 2);
          assert.deepEqual(output.stderr, [message, USAGE_DE]);
        });
      }

      it('does not import anything when --dry-run is mistyped', async () => {
        assert.equal(await runCli(['import', 'municipalities', path.join(FIXTURES, 'municipalities.csv'), '--dry_run'], env, output), 2);
        assert.deepEqual(await storedMunicipalities(), []);
      });

      it('exits with 1 when the file to import does not exist', async () => {
        const file = path.join(temp.make(), 'fehlt.csv');
        assert.equal(await runCli(['import', 'people', file], env, output), 1);
        assert.deepEqual(output.stderr, [`Datei nicht gefunden: ${file}`]);
      });

      it('exits with 1 and says so when the configured storage does not answer', async () => {
        const closed = net.createServer();
        await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
        const { port } = closed.address() as AddressInfo;
        await new Promise((resolve) => closed.close(resolve));
        assert.equal(await runCli(['export', 'people', 'p.csv'], { TABLES_CONNECTION_STRING: emulatorConnectionString(port) }, output), 1);
        assert.deepEqual(output.stderr, [`Die Tabellenablage ist nicht erreichbar: connect ECONNREFUSED 127.0.0.1:${port}`]);
      });

      it('exits with 1 and names the variable when the configuration is wrong', async () => {
        assert.equal(await runCli(['export', 'people', 'p.csv'], { ...env, DEFAULT_LOCALE: 'fr' }, output), 1);
        assert.deepEqual(output.stderr, ['Configuration error: DEFAULT_LOCALE must be one of de, en, got "fr"']);
      });
    });

    describe('import', () => {
      const BAD_PEOPLE = 'email,name,roles,municipality,aad_object_id\nanna.schulte(at)duelmen.example,Anna Schulte,cdo,Dülmen,\njan@example.org,,Chef,,\n';

      it('prints one German line per problem with row and column, exits with 1 and saves nothing', async () => {
        assert.equal(await runCli(['import', 'municipalities', path.join(FIXTURES, 'municipalities.csv')], env, new CliRecorder()), 0);
        assert.equal(await runCli(['import', 'people', temp.fileWith('people.csv', BAD_PEOPLE)], env, output), 1);
        assert.deepEqual(output.stderr, [
          'Import abgebrochen: 3 Probleme gefunden, nichts wurde gespeichert.',
          'Zeile 2, Spalte „email“: „anna.schulte(at)duelmen.example“ ist keine gültige E-Mail-Adresse',
          'Zeile 3, Spalte „name“: Pflichtfeld ist leer',
          'Zeile 3, Spalte „roles“: „Chef“ ist nicht erlaubt (erlaubt: member, cdo, coordinator, scout, admin)',
        ]);
        assert.deepEqual(output.stdout, []);
      });

      it('prints the problems in English with DEFAULT_LOCALE=en', async () => {
        assert.equal(await runCli(['import', 'people', temp.fileWith('people.csv', BAD_PEOPLE)], { ...env, DEFAULT_LOCALE: 'en' }, output), 1);
        assert.deepEqual(output.stderr, [
          'Import stopped: 4 problems found, nothing was saved.',
          'Row 2, column “email”: “anna.schulte(at)duelmen.example” is not a valid e-mail address',
          'Row 2, column “municipality”: municipality “Dülmen” is not known – import the municipalities first',
          'Row 3, column “name”: required value is empty',
          'Row 3, column “roles”: “Chef” is not allowed (allowed: member, cdo, coordinator, scout, admin)',
        ]);
      });

      it('says in one line when a problem concerns a whole row', async () => {
        assert.equal(await runCli(['import', 'municipalities', temp.fileWith('m.csv', 'name,kind,website\n')], env, output), 1);
        assert.deepEqual(output.stderr, ['Import abgebrochen: 1 Problem gefunden, nichts wurde gespeichert.', 'Zeile 2: die Datei enthält keine Datenzeilen']);
      });

      it('says why a file cannot be read, in German', async () => {
        const file = temp.fileWith('m.csv', 'name,kind,website\n"Olfen,municipality,\n');
        assert.equal(await runCli(['import', 'municipalities', file], env, output), 1);
        assert.deepEqual(output.stderr, [`Die Datei ${file} kann nicht gelesen werden: in Zeile 2 ist ein Anführungszeichen nicht geschlossen oder falsch gesetzt`]);
      });

      it('says why a file cannot be read, in English', async () => {
        const file = temp.fileWith('m.json', '{"name": "Olfen"}');
        assert.equal(await runCli(['import', 'municipalities', file], { ...env, DEFAULT_LOCALE: 'en' }, output), 1);
        assert.deepEqual(output.stderr, [`Cannot read ${file}: the JSON must be a list of objects: [{…}, {…}]`]);
      });

      it('prints what it created, updated and left unchanged, and exits with 0', async () => {
        assert.equal(await runCli(['import', 'municipalities', path.join(FIXTURES, 'municipalities.csv')], env, output), 0);
        assert.equal(await runCli(['import', 'municipalities', temp.fileWith('m.csv', 'name,kind,website\nOlfen,municipality,https://www.olfen.de\nSenden,municipality,\n')], env, output), 0);
        assert.deepEqual(output.stdout, ['Kommunen: 3 neu, 0 geändert, 0 unverändert.', 'Kommunen: 1 neu, 1 geändert, 0 unverändert.']);
        assert.deepEqual(output.stderr, []);
        assert.deepEqual(await storedMunicipalities(), ['Dülmen', 'Kreis Coesfeld', 'Olfen', 'Senden']);
      });

      it('counts but saves nothing with --dry-run, and says so', async () => {
        assert.equal(await runCli(['import', 'municipalities', path.join(FIXTURES, 'municipalities.csv'), '--dry-run'], { ...env, DEFAULT_LOCALE: 'en' }, output), 0);
        assert.deepEqual(output.stdout, ['Municipalities: 3 created, 0 updated, 0 unchanged.', 'Dry run: nothing was saved.']);
        assert.deepEqual(await storedMunicipalities(), []);
      });
    });

    describe('export', () => {
      it('writes the stored rows to the file and says how many', async () => {
        await runCli(['import', 'municipalities', path.join(FIXTURES, 'municipalities.csv')], env, new CliRecorder());
        const file = path.join(temp.make(), 'kommunen.csv');
        assert.equal(await runCli(['export', 'municipalities', file], env, output), 0);
        assert.deepEqual(output.stdout, [`3 Einträge nach ${file} exportiert.`]);
        assert.equal(fs.readFileSync(file, 'utf8'), `\uFEFF${fs.readFileSync(path.join(FIXTURES, 'municipalities.csv'), 'utf8')}`);
      });

      it('speaks of one entry in the singular', async () => {
        await runCli(['import', 'municipalities', temp.fileWith('m.json', '[{"name":"Olfen","kind":"Gemeinde","website":""}]')], env, new CliRecorder());
        const file = path.join(temp.make(), 'kommunen.json');
        assert.equal(await runCli(['export', 'municipalities', file], { ...env, DEFAULT_LOCALE: 'en' }, output), 0);
        assert.deepEqual(output.stdout, [`Exported 1 entry to ${file}.`]);
        assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), [{ name: 'Olfen', kind: 'municipality', website: '' }]);
      });
    });
  });

  describe('npm run cli as its own process, on the embedded store in DATA_DIR', function () {
    // Each command is a process that loads TypeScript and maybe Azurite, on a machine other runs share.
    this.timeout(180_000);

    it('starts its own emulator when no bot runs, and the next command finds the data', async () => {
      const cwd = temp.make();
      const env = { DATA_DIR: path.join(cwd, 'daten') };
      const imported = await runCliProcess(['import', 'municipalities', path.join(FIXTURES, 'municipalities.csv')], env, cwd);
      assert.deepEqual(imported, { code: 0, stdout: 'Kommunen: 3 neu, 0 geändert, 0 unverändert.\n', stderr: '' });
      assert.deepEqual(fs.readdirSync(env.DATA_DIR), ['tables.json'], 'the emulator wrote its data and released its lock');

      const exported = await runCliProcess(['export', 'municipalities', 'out.csv'], env, cwd);
      assert.deepEqual(exported, { code: 0, stdout: '3 Einträge nach out.csv exportiert.\n', stderr: '' });
      assert.equal(fs.readFileSync(path.join(cwd, 'out.csv'), 'utf8'), `\uFEFF${fs.readFileSync(path.join(FIXTURES, 'municipalities.csv'), 'utf8')}`);
    });

    it('lets two commands started at once on the same DATA_DIR both finish, one after the other', async () => {
      const cwd = temp.make();
      const env = { DATA_DIR: path.join(cwd, 'daten') };
      const results = await Promise.all([
        runCliProcess(['import', 'municipalities', path.join(FIXTURES, 'municipalities.csv')], env, cwd),
        runCliProcess(['import', 'municipalities', path.join(FIXTURES, '../other-district/municipalities.csv')], env, cwd),
      ]);
      assert.deepEqual(results, [
        { code: 0, stdout: 'Kommunen: 3 neu, 0 geändert, 0 unverändert.\n', stderr: '' },
        { code: 0, stdout: 'Kommunen: 6 neu, 0 geändert, 0 unverändert.\n', stderr: '' },
      ]);
      const exported = await runCliProcess(['export', 'municipalities', 'out.json'], env, cwd);
      assert.deepEqual(exported, { code: 0, stdout: '9 Einträge nach out.json exportiert.\n', stderr: '' });
    });

    it('borrows the storage of a bot running on the same DATA_DIR, which then knows the imported person', async () => {
      const cwd = temp.make();
      const dataDir = path.join(cwd, 'daten');
      const connector = await TeamsConnector.start();
      const bot = await spawnBot({ DATA_DIR: dataDir }, { readyTimeoutMs: 60_000 });
      try {
        const file = path.join(cwd, 'people.csv');
        fs.writeFileSync(file, 'email,name,roles,municipality,aad_object_id\ngreta.lohmann@olfen.example,Greta Lohmann,member,olfen,5b0e7d2c-8a41-4f6e-9d3b-2c7a1e9f4b60\n');
        const imported = await runCliProcess(['import', 'people', file], { DATA_DIR: dataDir }, cwd);
        assert.deepEqual(imported, { code: 0, stdout: 'Personen: 1 neu, 0 geändert, 0 unverändert.\n', stderr: '' });

        const greta = { id: '29:greta', name: 'Greta L.', aadObjectId: '5b0e7d2c-8a41-4f6e-9d3b-2c7a1e9f4b60' };
        assert.equal(await postActivity(bot.url, new TeamsActivities(connector.serviceUrl, greta).personalMessage('hilfe')), 200);
        const [reply] = await connector.waitForActivities(1);
        assert.equal(cardTitle(reply!.body), 'Hallo Greta, ich bin Kümmerer');
      } finally {
        await bot.stop('SIGINT');
        await connector.close();
      }
    });
  });
});
