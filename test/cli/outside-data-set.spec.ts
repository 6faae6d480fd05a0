import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TeamsActivities, type TeamsActivity } from '../support/activities';
import { spawnBot, type BotProcess } from '../support/bot-process';
import { cardAction, cardOf, cardTexts } from '../support/cards';
import { cardTitle } from '../support/cards';
import { postActivity, runCliProcess } from '../support/process-rig';
import { TeamsConnector, type ConnectorCall, type TeamsMember } from '../support/teams-connector';
import { TempDirs } from '../support/temp-dirs';

const DATA_SET = path.join(__dirname, '../fixtures/other-district');

/**
 * Issue 2, "how it will be checked": an outside data set (not the sample) is imported with the CLI and the
 * columns of the issue, and served. The bot runs on an empty DATA_DIR without sample data; the data comes in
 * through `npm run cli` while it runs. The tests build on each other in order: import, export, chat, and issue 5's
 * check: a check-in round over this data set.
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

  describe("issue 5's check: a check-in round over this data set", () => {
    const birgit = { id: '29:birgit', name: 'Birgit Hagedorn', aadObjectId: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e01' };
    const klaus: TeamsMember = { id: '29:klaus', name: 'Klaus Rethmann', aadObjectId: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e05', email: 'k.rethmann@warendorf.example' };
    const sven: TeamsMember = { id: '29:sven', name: 'Sven Lindemann', aadObjectId: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e06', email: 's.lindemann@telgte.example' };
    const maria: TeamsMember = { id: '29:maria', name: 'Maria Schulze Elshoff', aadObjectId: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e03', email: 'm.schulze-elshoff@beckum.example' };
    // Fatma wrote to the bot above: her 1:1 chat is known.
    const fatma: TeamsMember = { id: '29:fatma', name: 'F. Özdemir', aadObjectId: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e02' };
    const teams = () => new TeamsActivities(connector.serviceUrl, birgit);

    /** The status cards that reached a member's 1:1 chat: the one they wrote in, or the one the bot opened with them. */
    function promptsTo(member: TeamsMember): ConnectorCall[] {
      const opened = connector.calls.filter((c) => c.kind === 'createConversation' && c.body?.members?.[0]?.id === member.id).map((c) => c.assignedId);
      const chats = [`a:personal-${member.id}`, ...opened];
      return connector.calls.filter((c) => c.kind === 'send' && chats.includes(c.conversationId) && cardTexts(cardOf(c.body) ?? { body: [] })[0]?.startsWith('Statusmeldung: '));
    }

    /** Posts an invoke as Teams does and reads the invoke response the bot answers with. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the bot's JSON, read by the assertions
    async function invoke(activity: TeamsActivity): Promise<{ status: number; body: any }> {
      const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      return { status: response.status, body: await response.json() };
    }

    it("a round started by the coordinator reaches every owner's personal chat, none for the done project", async () => {
      // The app is installed in the group's team; the other owners are its members and never wrote to the bot.
      for (const member of [klaus, sven, maria]) connector.addMember(member);
      assert.equal(await postActivity(bot.url, teams().installationUpdate('add', 'team')), 200);
      connector.clear();
      assert.equal(await postActivity(bot.url, teams().personalMessage('Check-in starten')), 200);
      const [started] = await connector.waitForActivities(1, (c) => c.kind === 'reply');
      assert.match(started!.body.text, /^Runde gestartet: 4 Projekte, 4 Personen\. .* Die Karten gehen jetzt 1:1 an die Gefragten\.$/);
      await connector.waitForActivities(4, (c) => c.kind === 'send' && cardOf(c.body) !== undefined, 30_000);
      const titles = (member: TeamsMember) => promptsTo(member).map((c) => cardTexts(cardOf(c.body))[0]);
      assert.deepEqual(titles(klaus), ['Statusmeldung: Digitales Rathaus']);
      assert.deepEqual(titles(sven), ['Statusmeldung: Smart Parking']);
      assert.deepEqual(titles(maria), ['Statusmeldung: Coworking auf dem Land']);
      assert.deepEqual(titles(fatma), ['Statusmeldung: KI in der Verwaltung'], 'paused is not done: asked too');
      // Glasfaser für Schulen is done: its owner, the coordinator, gets no card.
      assert.deepEqual(titles(birgit as TeamsMember), []);
    });

    it('a card submitted the way Teams does is stored, and "Status Smart Parking" shows it', async () => {
      const [prompt] = promptsTo(sven);
      const inputs = { phase: 'implementation', light: 'yellow', progress: '35', happened: 'Sensoren in der Altstadt montiert', next: 'App-Test mit Händlern', blockers: 'Funknetz am Markt lückenhaft', funding: '' };
      const submit = new TeamsActivities(connector.serviceUrl, sven).adaptiveCardAction('checkin.submit', { ...cardAction(cardOf(prompt!.body), 'checkin.submit').data, ...inputs }, { replyToId: prompt!.assignedId });
      const { status, body } = await invoke(submit);
      assert.equal(status, 200);
      assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
      assert.equal(cardTexts(body.value)[0], 'Status gemeldet: Smart Parking');

      connector.clear();
      assert.equal(await postActivity(bot.url, new TeamsActivities(connector.serviceUrl, fatma).personalMessage('Status Smart Parking')), 200);
      const [reply] = await connector.waitForActivities(1);
      const texts = cardTexts(cardOf(reply!.body));
      assert.equal(texts[0], 'Aktueller Stand: Smart Parking');
      assert.match(texts[1]!, /^Sven Lindemann, .* · in der Check-in-Runde$/);
      for (const expected of ['🟡 Gelb', 'Sensoren in der Altstadt montiert', 'App-Test mit Händlern', 'Funknetz am Markt lückenhaft']) {
        assert.ok(JSON.stringify(cardOf(reply!.body)).includes(expected), expected);
      }
    });
  });
});
