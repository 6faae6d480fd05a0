import assert from 'node:assert/strict';
import { tokenize } from '../../../../src/features/ask/domain/normalize';
import { DirectoryIndex } from '../../../../src/features/ask/domain/search-index';
import { isFiller, isStopWord } from '../../../../src/features/ask/domain/vocabulary';
import { municipalities, people, projects } from './directory-fixture';

const index = new DirectoryIndex({ municipalities, people, projects });

/** The matches for a text, as "kind:id score", best first. */
function matches(text: string, limit = 3): string[] {
  const tokens = tokenize(text);
  const stop = new Set(tokens.flatMap((t, i) => (isStopWord(t.folded) ? [i] : [])));
  const content = new Set(tokens.flatMap((t, i) => (isFiller(t.folded) ? [] : [i])));
  return index
    .match(tokens, stop, content)
    .slice(0, limit)
    .map((m) => `${m.entity.kind}:${m.entity.id} ${m.score.toFixed(2)}`);
}

describe('ask: search index', () => {
  it('finds a project by its title written exactly, joined or with a space for the hyphen', () => {
    assert.equal(matches('Bürger-Portal')[0], 'project:buergerportal 1.00');
    assert.equal(matches('Buergerportal')[0], 'project:buergerportal 1.00');
    assert.equal(matches('bürger portal')[0], 'project:buergerportal 1.00');
  });

  it('finds a project by an alias, by a part of its title in parentheses and by its id', () => {
    assert.equal(matches('Gremien-App')[0], 'project:ratsapp 1.00');
    assert.equal(matches('elektronische Ausschreibung')[0], 'project:e-vergabe 1.00');
    assert.equal(matches('evergabe')[0], 'project:e-vergabe 1.00');
  });

  it('rates a typo a little lower than the exact name', () => {
    assert.equal(matches('Serviceprotal')[0], 'project:buergerportal 0.90');
  });

  it('identifies an entity by a word no other entity of its kind has', () => {
    assert.equal(matches('Ratsarbeit')[0], 'project:ratsapp 0.75');
  });

  it('gives a word that many titles share little weight', () => {
    const [first, second] = matches('digitale');
    assert.ok(Number(first!.split(' ')[1]) < 0.6 && Number(second!.split(' ')[1]) < 0.6, `${first}, ${second}`);
  });

  it('finds a person by full name, last name and first name, the full name scoring highest', () => {
    assert.equal(matches('Olaf Weiß')[0], 'person:o.weiss@kleinrode.example 1.00');
    assert.equal(matches('Weiss')[0], 'person:o.weiss@kleinrode.example 0.90');
    assert.equal(matches('Olaf')[0], 'person:o.weiss@kleinrode.example 0.75');
  });

  it('finds the district by the general word for it', () => {
    assert.equal(matches('Landkreis')[0], 'municipality:Kreis Altheim 0.90');
  });

  it('matches fields of action from the data', () => {
    assert.equal(matches('Bildung')[0], 'field:Bildung 1.00');
  });

  it('only partly explains a compound that contains a name word', () => {
    assert.deepEqual(
      matches('Serviceportalzugang', 1).map((m) => m.split(' ')[0]),
      ['project:buergerportal'],
    );
    assert.ok(Number(matches('Serviceportalzugang', 1)[0]!.split(' ')[1]) <= 0.5);
  });
});
