import assert from 'node:assert/strict';
import path from 'node:path';
import { importDirectoryFiles } from '../../support/cli-output';
import { startTestBot, type TestBot } from '../../support/test-bot';
import { readCorpus, runCorpus, turnsOf, type CorpusEntry, type CorpusResult } from './corpus-runner';

const REQUIRED_ACCURACY = 0.95;
/** The first corpus (questions over the sample data from before follow-ups) must not get worse. */
const FIRST_CORPUS_ACCURACY = 0.97;

function report(name: string, result: CorpusResult, required = REQUIRED_ACCURACY): void {
  const accuracy = result.correct / result.total;
  console.log(`      ${name}: ${result.correct}/${result.total} correct (${(accuracy * 100).toFixed(1)} %)`);
  for (const failure of result.failures) console.log(`        wrong: ${failure}`);
  assert.deepEqual(result.personNamedForUnknown, [], 'a person was named for an entity that was not found');
  assert.ok(accuracy >= required, `accuracy ${(accuracy * 100).toFixed(1)} % is below ${required * 100} %`);
}

/** How many questions, conversations of two or three turns and English questions about German-named projects a corpus holds. */
function size(corpus: readonly CorpusEntry[]): { questions: number; conversations: number; englishGerman: number } {
  return {
    questions: corpus.reduce((n, e) => n + turnsOf(e).length, 0),
    conversations: corpus.filter((e) => [2, 3].includes(e.turns?.length ?? 1)).length,
    englishGerman: corpus.filter((e) => e.kind === 'englishGerman' && e.locale === 'en').length,
  };
}

describe('ask corpus, through HTTP against the running bot', function () {
  this.timeout(240_000);
  let bot: TestBot;
  afterEach(async () => {
    await bot?.close();
  });

  it('answers at least 97 % of the first questions over the sample data right and never names a person for an unknown entity', async () => {
    bot = await startTestBot();
    const corpus = readCorpus(path.join(__dirname, 'corpus.json'));
    assert.ok(corpus.length >= 150);
    report('sample data (Kreis Coesfeld)', await runCorpus(bot, corpus, 'first'), FIRST_CORPUS_ACCURACY);
  });

  it('answers follow-ups, combined filters, shared projects, counts, gaps, roles and English questions over the sample data', async () => {
    bot = await startTestBot();
    const corpus = readCorpus(path.join(__dirname, 'conversations.json'));
    report('sample data, second step (Kreis Coesfeld)', await runCorpus(bot, corpus, 'second'));
  });

  it('does as well over a made-up district imported through the CLI, so nothing is fitted to the sample', async () => {
    bot = await startTestBot({ SAMPLE_DATA: 'false' });
    const env = { TABLES_CONNECTION_STRING: bot.config.tablesConnectionString, TABLE_PREFIX: bot.config.tablePrefix };
    await importDirectoryFiles(path.join(__dirname, 'fixtures', 'lindenau'), env);
    report('made-up district (Landkreis Lindenau)', await runCorpus(bot, readCorpus(path.join(__dirname, 'fixtures', 'lindenau', 'corpus.json')), 'lindenau'));
    report('made-up district, second step', await runCorpus(bot, readCorpus(path.join(__dirname, 'fixtures', 'lindenau', 'conversations.json')), 'lindenau-second'));
  });

  it('grows by at least 120 questions of the second step, 30 of them conversations of two or three turns and 20 English questions about German-named projects', () => {
    const sample = size(readCorpus(path.join(__dirname, 'conversations.json')));
    const lindenau = size(readCorpus(path.join(__dirname, 'fixtures', 'lindenau', 'conversations.json')));
    assert.ok(sample.questions + lindenau.questions >= 120, `${sample.questions + lindenau.questions} questions`);
    assert.ok(sample.conversations + lindenau.conversations >= 30, `${sample.conversations + lindenau.conversations} conversations`);
    assert.ok(sample.englishGerman + lindenau.englishGerman >= 20, `${sample.englishGerman + lindenau.englishGerman} English questions about German-named projects`);
  });
});
