import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/app';
import type { AskSettings } from '../../../src/features/ask/settings';
import { problemsOf } from '../../support/config-problems';
import { TempDirs } from '../../support/temp-dirs';
import { startTestBot } from '../../support/test-bot';
import { cardOf, cardReadout } from '../../support/cards';

describe('ask configuration', () => {
  const temp = new TempDirs();
  after(() => temp.removeAll());

  it('keeps the last question for 10 minutes and adds no words by default', () => {
    assert.deepEqual(parseConfig({}).settings.ask, { contextMinutes: 10, vocabulary: undefined });
  });

  it('takes the minutes from ASK_CONTEXT_MINUTES, 0 turning follow-ups off', () => {
    assert.equal((parseConfig({ ASK_CONTEXT_MINUTES: '0' }).settings.ask as AskSettings).contextMinutes, 0);
    assert.deepEqual(problemsOf({ ASK_CONTEXT_MINUTES: 'zehn' }), ['ASK_CONTEXT_MINUTES must be a whole number from 0 to 1440, got "zehn"']);
  });

  it('reads the word groups of ASK_VOCABULARY_FILE', () => {
    const file = temp.fileWith('words.json', JSON.stringify({ groups: [['bicycle', 'Lastenrad']] }));
    assert.deepEqual((parseConfig({ ASK_VOCABULARY_FILE: file }).settings.ask as AskSettings).vocabulary, { groups: [['bicycle', 'Lastenrad']] });
  });

  it('refuses a vocabulary file that is missing, not JSON or of the wrong shape, naming the variable', () => {
    const missing = `${temp.fileWith('x.json', '{}')}.gone`;
    assert.deepEqual(problemsOf({ ASK_VOCABULARY_FILE: missing }), [`ASK_VOCABULARY_FILE "${missing}" cannot be used: the file does not exist`]);
    const broken = temp.fileWith('broken.json', '{ groups: ');
    assert.deepEqual(problemsOf({ ASK_VOCABULARY_FILE: broken }), [`ASK_VOCABULARY_FILE "${broken}" cannot be used: it is not valid JSON`]);
    const single = temp.fileWith('single.json', JSON.stringify({ groups: [['nur eins']] }));
    assert.deepEqual(problemsOf({ ASK_VOCABULARY_FILE: single }), [`ASK_VOCABULARY_FILE "${single}" group 1 must be an array of at least two words (each at most 80 characters)`]);
  });

  it('finds a project by a word of the added vocabulary', async () => {
    const file = temp.fileWith('words.json', JSON.stringify({ groups: [['hydrants', 'Geodaten']] }));
    const bot = await startTestBot({ ASK_VOCABULARY_FILE: file });
    try {
      const reply = await bot.reply(bot.teams.personalMessage('Who owns the hydrants?'));
      assert.equal(cardReadout(cardOf(reply))[0], 'Owner of Geodaten und 3D-Stadtmodell');
    } finally {
      await bot.close();
    }
  });

  it('answers no follow-up with ASK_CONTEXT_MINUTES=0', async () => {
    const bot = await startTestBot({ ASK_CONTEXT_MINUTES: '0' });
    try {
      await bot.reply(bot.teams.personalMessage('Wer kümmert sich um LoRaWAN?'));
      const reply = await bot.reply(bot.teams.personalMessage('und die Vertretung?'));
      assert.equal(cardReadout(cardOf(reply))[0], 'Ich habe nicht erkannt, welches Projekt Sie meinen.');
    } finally {
      await bot.close();
    }
  });
});
