import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { openStorage } from '../../../src/platform/storage';
import { CliRecorder, importDirectoryFiles } from '../../support/cli-output';
import { testConnectionString, uniquePrefix } from '../../support/hooks';
import { checkinRepositories } from '../../../src/features/checkins/tables';
import { featureTables } from '../../../src/app';

const SAMPLE = path.resolve(__dirname, '../../../sample-data');

describe('npm run cli -- checkin', () => {
  let env: Record<string, string>;
  const now = () => new Date('2026-11-30T08:00:00.000Z');

  beforeEach(async () => {
    env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix(), LOG_LEVEL: 'silent' };
    await importDirectoryFiles(SAMPLE, env);
  });

  it('starts a round like the coordinator does and says what it contains', async () => {
    const output = new CliRecorder();
    assert.equal(await runCli(['checkin', 'start'], env, output, now), 0);
    assert.deepEqual(output.stdout, [
      'Runde gestartet: 19 Projekte, 13 Personen. Erinnerung am Mi., 02.12.2026, 09:00, Abschluss am Mo., 07.12.2026, 17:00. 1 Projekt hat niemanden, der gefragt werden kann. Der Bot schickt die Karten 1:1 an die Gefragten, sobald er die Runde sieht (wenn er läuft, spätestens nach 15 Sekunden).',
    ]);
    const storage = await openStorage({ tablesConnectionString: env.TABLES_CONNECTION_STRING!, dataDir: '', tablePrefix: env.TABLE_PREFIX! }, 'cli', featureTables());
    const { round } = await checkinRepositories(storage.store).checkinRounds.current();
    assert.deepEqual(round?.startedBy, { kind: 'cli' });
    assert.equal((await checkinRepositories(storage.store).checkinRounds.prompts(round!.id)).length, 19);
  });

  it('refuses a second round while one is open, in the configured language', async () => {
    await runCli(['checkin', 'start'], env, new CliRecorder(), now);
    const output = new CliRecorder();
    assert.equal(await runCli(['checkin', 'start'], { ...env, DEFAULT_LOCALE: 'en' }, output, now), 1);
    assert.deepEqual(output.stderr, ['A check-in round is already running (started Mon 30 Nov 2026, 09:00, closes Mon 7 Dec 2026, 17:00). Write “round status” to see where it stands.']);
  });

  it('explains the usage for an unknown check-in command', async () => {
    const output = new CliRecorder();
    assert.equal(await runCli(['checkin', 'stop'], env, output, now), 2);
    assert.equal(output.stderr[0], 'Unbekannter Check-in-Befehl „stop“.');
    assert.ok(output.stderr[1]!.split('\n').some((line) => line.startsWith('  npm run cli -- checkin start ')));
  });
});
