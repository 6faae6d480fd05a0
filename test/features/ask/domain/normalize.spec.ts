import assert from 'node:assert/strict';
import { fold, stem, tokenize, words } from '../../../../src/features/ask/domain/normalize';
import { typoDistance, typoSimilarity, typoTolerance } from '../../../../src/features/ask/domain/fuzzy';

describe('ask: normalisation', () => {
  it('folds case and writes umlauts and ß out, so both spellings are the same', () => {
    assert.equal(fold('Dülmen'), 'duelmen');
    assert.equal(fold('DUELMEN'), 'duelmen');
    assert.equal(fold('Jürgen Weiß'), 'juergen weiss');
    assert.equal(fold('Lüdinghausen'), fold('Luedinghausen'));
  });

  it('drops other accents and maps letters Unicode cannot decompose', () => {
    assert.equal(fold('Café Noël'), 'cafe noel');
    assert.equal(fold('Ömer Yıldız'), 'oemer yildiz');
    assert.equal(fold('Łódź'), 'lodz');
  });

  it('splits on punctuation and hyphens and remembers where each word was written', () => {
    assert.deepEqual(tokenize('Wer ist für die Bürger-App zuständig?'), [
      { folded: 'wer', raw: 'Wer', start: 0, end: 3 },
      { folded: 'ist', raw: 'ist', start: 4, end: 7 },
      { folded: 'fuer', raw: 'für', start: 8, end: 11 },
      { folded: 'die', raw: 'die', start: 12, end: 15 },
      { folded: 'buerger', raw: 'Bürger', start: 16, end: 22 },
      { folded: 'app', raw: 'App', start: 23, end: 26 },
      { folded: 'zustaendig', raw: 'zuständig', start: 27, end: 36 },
    ]);
  });

  it('keeps digits and drops apostrophes and symbols', () => {
    assert.deepEqual(words("Who's in charge of the 3D-Modell (GIS)?"), ['who', 's', 'in', 'charge', 'of', 'the', '3d', 'modell', 'gis']);
  });

  it('stems one common ending of longer words only, leaving short names alone', () => {
    assert.equal(stem('digitalen'), 'digital');
    assert.equal(stem('digitaler'), 'digital');
    assert.equal(stem('projekten'), 'projekt');
    assert.equal(stem('projects'), 'project');
    assert.equal(stem('olfen'), 'olfen');
    assert.equal(stem('werne'), 'werne');
  });
});

describe('ask: typo tolerance', () => {
  it('allows no typo up to three letters, one up to six, two up to ten, three beyond', () => {
    assert.deepEqual([3, 4, 6, 7, 10, 11, 20].map(typoTolerance), [0, 1, 1, 2, 2, 3, 3]);
  });

  it('counts swapped neighbouring letters as one typo', () => {
    assert.equal(typoDistance('olfne', 'olfen'), 1);
    assert.equal(typoDistance('waermepalnung', 'waermeplanung'), 1);
    assert.ok(typoDistance('abcd', 'badc') >= 2, 'two swaps are two typos');
  });

  it('rates a typo below an exact match and refuses words too far apart', () => {
    assert.equal(typoSimilarity('olfen', 'olfen'), 1);
    assert.equal(typoSimilarity('olfne', 'olfen'), 0.9);
    assert.equal(typoSimilarity('ratsinformationsytem', 'ratsinformationssystem'), 0.8);
    assert.equal(typoSimilarity('senden', 'olfen'), 0);
  });

  it('wants abbreviations exact and short words to start with the same letter', () => {
    assert.equal(typoSimilarity('rsi', 'ris'), 0);
    assert.equal(typoSimilarity('gerne', 'werne'), 0);
    assert.equal(typoSimilarity('werme', 'werne'), 0.9);
  });
});
