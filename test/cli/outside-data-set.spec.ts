import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TeamsActivities } from '../support/activities';
import { spawnBot, type BotProcess } from '../support/bot-process';
import { cardTitle, postActivity, runCliProcess } from '../support/process-rig';
import { TeamsConnector } from '../support/teams-connector';
import { TempDirs } from '../support/temp-dirs';

const DATA_SET = path.join(__dirname, '../fixtures/other-district');

/**
 * Issue 2, "how it will be checked": an outside data set (not the sample) is imported with the CLI and the
 * columns of the issue, and served. The bot runs on an empty DATA_DIR without sample data; the data comes in
 * through `npm run cli` while it runs. The tests build on each other in order: import, export, chat.
 */
describe('an outside data set imported with the CLI', function () {
  this.timeout(180_000);
  const temp = new TempDirs();
  let cwd: string;
  let env: Record<string, string>;
  let connector: TeamsConnector;
  let bot: BotProcess;

  before(async () => {
    cwd = temp.make();
    env = { DATA_DIR: path.join(cwd, 'daten'), SAMPLE_DATA: 'false' };
    connector = await TeamsConnector.start();
    bot = await spawnBot(env, { readyTimeoutMs: 90_000 });
  });
  after(async () => {
    await bot.stop('SIGINT');
    await connector.close();
    temp.removeAll();
  });

  it('imports municipalities, people and projects from CSV and JSON, each summed up in one line', async () => {
    const steps: [string, string, string][] = [
      ['municipalities', 'municipalities.csv', 'Kommunen: 6 neu, 0 geändert, 0 unverändert.\n'],
      ['people', 'people.csv', 'Personen: 6 neu, 0 geändert, 0 unverändert.\n'],
      ['projects', 'projects.csv', 'Projekte: 3 neu, 0 geändert, 0 unverändert.\n'],
      ['projects', 'projects-wirtschaft.json', 'Projekte: 2 neu, 0 geändert, 0 unverändert.\n'],
    ];
    for (const [kind, file, summary] of steps) {
      assert.deepEqual(await runCliProcess(['import', kind, path.join(DATA_SET, file)], env, cwd), { code: 0, stdout: summary, stderr: '' }, file);
    }
  });

  for (const [kind, expected] of [
    ['municipalities', 'municipalities.csv'],
    ['people', 'people.csv'],
    ['projects', 'export-projects.csv'],
  ] as const) {
    it(`exports the ${kind} exactly as the data set has them, and nothing else`, async () => {
      const out = path.join(cwd, `export-${kind}.csv`);
      const result = await runCliProcess(['export', kind, out], env, cwd);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(fs.readFileSync(out, 'utf8'), `\uFEFF${fs.readFileSync(path.join(DATA_SET, expected), 'utf8')}`);
    });
  }

  it('greets a person of the data set by name, recognised by the Entra object id', async () => {
    const fatma = { id: '29:fatma', name: 'F. Özdemir', aadObjectId: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e02' };
    connector.clear();
    assert.equal(await postActivity(bot.url, new TeamsActivities(connector.serviceUrl, fatma).personalMessage('hilfe')), 200);
    const [reply] = await connector.waitForActivities(1);
    assert.equal(cardTitle(reply!.body), 'Hallo Fatma, ich bin Kümmerer');
  });

  it('greets a person of the data set without an object id by name, found once by e-mail through Teams', async () => {
    const jonas = { id: '29:jonas', name: 'Jonas P.', aadObjectId: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e04', email: 'J.Pohlmann@oelde.example' };
    connector.addMember(jonas);
    connector.clear();
    const teams = new TeamsActivities(connector.serviceUrl, jonas);
    await postActivity(bot.url, teams.personalMessage('help', { locale: 'en-US' }));
    await postActivity(bot.url, teams.personalMessage('help', { locale: 'en-US' }));
    const replies = await connector.waitForActivities(2);
    assert.deepEqual(
      replies.map((r) => cardTitle(r.body)),
      ['Hello Jonas, I am Kümmerer', 'Hello Jonas, I am Kümmerer'],
    );
    assert.equal(connector.memberLookupCount, 1);
  });
});
