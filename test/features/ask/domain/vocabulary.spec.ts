import assert from 'node:assert/strict';
import { cuesOf, isFiller, isStopWord, phaseOf } from '../../../../src/features/ask/domain/vocabulary';

describe('ask: vocabulary', () => {
  it('knows German and English stop words, folded', () => {
    for (const word of ['der', 'die', 'und', 'fuer', 'ueber', 'the', 'of', 'which']) assert.ok(isStopWord(word), word);
  });

  it('keeps content words of the stop-word list usable as names', () => {
    for (const word of ['offen', 'neue', 'ordnung', 'suche']) assert.ok(!isStopWord(word), word);
  });

  it('treats question shapers as fillers, not as unknown names', () => {
    for (const word of ['projekte', 'projects', 'stadt', 'bitte', 'ums']) assert.ok(isFiller(word), word);
    assert.ok(!isFiller('wasserstoff'));
  });

  it('recognises cue words with their endings and a typo', () => {
    assert.ok(cuesOf('zustaendige').includes('owner'));
    assert.ok(cuesOf('zustaedig').includes('owner'));
    assert.ok(cuesOf('stellvertreterin').includes('deputy'));
    assert.ok(cuesOf('koordiniert').includes('coordinator'));
    assert.ok(cuesOf('digitalisierungsbeauftragter').includes('contact'));
    assert.ok(cuesOf('erreiche').includes('reach'));
  });

  it('does not take a different word for a cue word one typo away in its first letter', () => {
    assert.deepEqual(cuesOf('parking'), []);
  });

  it('names phases in German and English words', () => {
    assert.equal(phaseOf('abgeschlossenen'), 'done');
    assert.equal(phaseOf('finished'), 'done');
    assert.equal(phaseOf('planung'), 'planning');
    assert.equal(phaseOf('umsetzungsphase'), 'implementation');
    assert.equal(phaseOf('ideen'), 'idea');
    assert.equal(phaseOf('pausiert'), 'paused');
    assert.equal(phaseOf('abgeschlosen'), 'done');
    assert.equal(phaseOf('laufen'), undefined);
    assert.equal(phaseOf('olfen'), undefined);
  });
});
