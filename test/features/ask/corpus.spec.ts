import assert from 'node:assert/strict';
import path from 'node:path';
import { importDirectoryFiles } from '../../support/cli-output';
import { startTestBot, type TestBot } from '../../support/test-bot';
import { readCorpus, runCorpus, type CorpusResult } from './corpus-runner';

const REQUIRED_ACCURACY = 0.95;

function report(name: string, result: CorpusResult): void {
  const accuracy = result.correct / result.total;
  console.log(`      ${name}: ${result.correct}/${result.total} correct (${(accuracy * 100).toFixed(1)} %)`);
  for (const failure of result.failures) console.log(`        wrong: ${failure}`);
  assert.deepEqual(result.personNamedForUnknown, [], 'a person was named for an entity that was not found');
  assert.ok(accuracy >= REQUIRED_ACCURACY, `accuracy ${(accuracy * 100).toFixed(1)} % is below ${REQUIRED_ACCURACY * 100} %`);
}

describe('ask corpus, through HTTP against the running bot', function () {
  this.timeout(120_000);
  let bot: TestBot;
  afterEach(async () => {
    await bot?.close();
  });

  it('answers at least 95 % of the questions over the sample data right and never names a person for an unknown entity', async () => {
    bot = await startTestBot();
    const corpus = readCorpus(path.join(__dirname, 'corpus.json'));
    assert.ok(corpus.length >= 150);
    report('sample data (Kreis Coesfeld)', await runCorpus(bot, corpus));
  });

  it('does as well over a made-up district imported through the CLI, so nothing is fitted to the sample', async () => {
    bot = await startTestBot({ SAMPLE_DATA: 'false' });
    const env = { TABLES_CONNECTION_STRING: bot.config.tablesConnectionString, TABLE_PREFIX: bot.config.tablePrefix };
    await importDirectoryFiles(path.join(__dirname, 'fixtures', 'lindenau'), env);
    report('made-up district (Landkreis Lindenau)', await runCorpus(bot, readCorpus(path.join(__dirname, 'fixtures', 'lindenau', 'corpus.json'))));
  });
});
