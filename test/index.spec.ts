import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { emulatorConnectionString } from '../src/platform/storage/embedded-table-storage';
import { TableMunicipalityRepository } from '../src/platform/directory/municipality-repository';
import { TableStore } from '../src/platform/storage/table-store';
import { TeamsActivities } from './support/activities';
import { runBotExpectingFailure, spawnBot, type BotProcess } from './support/bot-process';
import { cardTitle } from './support/cards';
import { postActivity, runCliProcess } from './support/process-rig';
import { TeamsConnector } from './support/teams-connector';
import { SAMPLE_COORDINATOR } from './support/test-bot';
import { TempDirs } from './support/temp-dirs';

/** Generous: a process start loads TypeScript and Azurite, on a machine other test runs share. */
const READY = { readyTimeoutMs: 90_000 };
const LOCK_FILE = 'table-storage.lock.json';

/** Parsed JSON log lines of a bot process whose message contains the text. */
function logLines(bot: BotProcess, text: string): Record<string, unknown>[] {
  return bot.stdout.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => String(line.msg).includes(text));
}

describe('Kümmerer as a process, the way npm start runs it', function () {
  this.timeout(180_000);
  const temp = new TempDirs();
  after(() => temp.removeAll());

  describe('on a fresh DATA_DIR', () => {
    let dataDir: string;
    let connector: TeamsConnector;
    let bot: BotProcess;
    before(async () => {
      dataDir = path.join(temp.make(), 'daten');
      connector = await TeamsConnector.start();
      bot = await spawnBot({ DATA_DIR: dataDir }, READY);
    });
    after(async () => {
      await bot.stop('SIGKILL');
      await connector.close();
    });

    it('starts the embedded Table Storage on a free loopback port and loads the sample data into it', async () => {
      assert.deepEqual(logLines(bot, 'embedded Table Storage started').map((l) => l.dataDir), [dataDir]);
      assert.equal(logLines(bot, 'illustrative sample data').length, 1);
      const lock = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as { pid: number; port: number; owner: string };
      assert.deepEqual({ pid: lock.pid, owner: lock.owner }, { pid: bot.child.pid, owner: 'bot' });
      const municipalities = await new TableMunicipalityRepository(new TableStore(emulatorConnectionString(lock.port))).list();
      assert.equal(municipalities.length, 12);
    });

    it('answers /healthz with 200 and reachable storage', async () => {
      const response = await fetch(`${bot.url}/healthz`);
      assert.equal(response.status, 200);
      const body = (await response.json()) as Record<string, unknown>;
      assert.deepEqual({ status: body.status, storage: body.storage }, { status: 'ok', storage: 'ok' });
    });

    it('answers a personal "hilfe" posted over HTTP through the Bot Connector on loopback', async () => {
      const teams = new TeamsActivities(connector.serviceUrl, SAMPLE_COORDINATOR);
      assert.equal(await postActivity(bot.url, teams.personalMessage('hilfe')), 200);
      const [reply] = await connector.waitForActivities(1);
      assert.equal(reply!.kind, 'reply');
      assert.equal(reply!.conversationId, 'a:personal-29:martina-becker');
      assert.equal(cardTitle(reply!.body), 'Hallo Martina, ich bin Kümmerer');
    });

    it('stops a second bot on the same DATA_DIR with one line', async () => {
      const second = await runBotExpectingFailure({ DATA_DIR: dataDir, PORT: '0' });
      assert.equal(second.code, 1);
      assert.equal(second.stderr, `DATA_DIR ${dataDir} is in use by another Kümmerer bot (pid ${bot.child.pid}). Stop it first, or set another DATA_DIR.\n`);
    });

    it('stops a second bot on the same port with one line naming PORT', async () => {
      const port = new URL(bot.url).port;
      const second = await runBotExpectingFailure({ DATA_DIR: path.join(temp.make(), 'daten'), PORT: port });
      assert.equal(second.code, 1);
      assert.equal(second.stderr, `PORT ${port} is already in use by another program. Stop it, or set another PORT.\n`);
    });

    it('stops cleanly on SIGTERM, writing to disk what was imported just before', async () => {
      const file = temp.fileWith('m.csv', 'name,kind,website\nWfC Wirtschaftsförderung,district,https://www.wfc-kreis-coesfeld.de\n');
      assert.equal((await runCliProcess(['import', 'municipalities', file], { DATA_DIR: dataDir }, path.dirname(file))).code, 0);

      assert.equal(await bot.stop('SIGTERM'), 0);
      assert.deepEqual(logLines(bot, 'stopping').map((l) => l.signal), ['SIGTERM']);
      assert.equal(logLines(bot, 'stopped').length, 1);
      assert.equal(fs.existsSync(path.join(dataDir, LOCK_FILE)), false);

      const exported = await runCliProcess(['export', 'municipalities', 'out.json'], { DATA_DIR: dataDir }, path.dirname(file));
      assert.equal(exported.code, 0, exported.stderr);
      const names = (JSON.parse(fs.readFileSync(path.join(path.dirname(file), 'out.json'), 'utf8')) as { name: string }[]).map((m) => m.name);
      assert.equal(names.length, 13);
      assert.ok(names.includes('WfC Wirtschaftsförderung'), names.join(', '));
    });
  });

  it('keeps what was imported across Ctrl-C and a restart, without loading the sample over it', async () => {
    const cwd = temp.make();
    const dataDir = path.join(cwd, 'daten');
    const first = await spawnBot({ DATA_DIR: dataDir }, READY);
    try {
      // Martina goes by Tina now: an import changes a person of the sample, which a second load would undo.
      fs.writeFileSync(path.join(cwd, 'people.csv'), `email,name,roles,municipality,aad_object_id\n${SAMPLE_COORDINATOR.email},Tina Becker,coordinator;admin,Kreis Coesfeld,${SAMPLE_COORDINATOR.aadObjectId}\n`);
      const imported = await runCliProcess(['import', 'people', 'people.csv'], { DATA_DIR: dataDir }, cwd);
      assert.deepEqual(imported, { code: 0, stdout: 'Personen: 0 neu, 1 geändert, 0 unverändert.\n', stderr: '' });
      assert.equal(await first.stop('SIGINT'), 0);
      assert.deepEqual(logLines(first, 'stopping').map((l) => l.signal), ['SIGINT']);
    } finally {
      await first.stop('SIGKILL');
    }

    const connector = await TeamsConnector.start();
    const second = await spawnBot({ DATA_DIR: dataDir }, READY);
    try {
      assert.equal(logLines(second, 'illustrative sample data').length, 0);
      await postActivity(second.url, new TeamsActivities(connector.serviceUrl, SAMPLE_COORDINATOR).personalMessage('hilfe'));
      const [reply] = await connector.waitForActivities(1);
      assert.equal(cardTitle(reply!.body), 'Hallo Tina, ich bin Kümmerer');
    } finally {
      await second.stop('SIGINT');
      await connector.close();
    }
  });

  it('stops the start with one line naming DATA_DIR when it is not a folder', async () => {
    const file = temp.fileWith('keine-mappe', '');
    const result = await runBotExpectingFailure({ DATA_DIR: file, PORT: '0' });
    assert.equal(result.code, 1);
    assert.equal(result.stderr, `DATA_DIR ${file} cannot be used: it is not a folder this user can create and write (EEXIST)\n`);
  });

  it('stops the start with one line naming DATA_DIR when its data file cannot be read, and leaves the file alone', async () => {
    const dataDir = temp.make();
    fs.writeFileSync(path.join(dataDir, 'tables.json'), '{kaputt');
    const result = await runBotExpectingFailure({ DATA_DIR: dataDir, PORT: '0' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`^DATA_DIR ${dataDir} cannot be used: the Table Storage emulator cannot open tables\\.json \\(.+\\)\\n$`));
    assert.equal(fs.readFileSync(path.join(dataDir, 'tables.json'), 'utf8'), '{kaputt');
    assert.deepEqual(fs.readdirSync(dataDir), ['tables.json']);
  });
});
