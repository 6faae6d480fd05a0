import assert from 'node:assert/strict';
import { ProjectConcerns } from '../../../../src/features/trends/domain/concerns';
import type { Trend } from '../../../../src/features/trends/domain/model';
import { resolveField, TrendIndex } from '../../../../src/features/trends/domain/search';
import { projects } from '../../ask/domain/directory-fixture';

function note(id: string, day: number, fields: Partial<Trend>): Trend {
  return { id, title: '', link: '', summary: '', tags: [], field: '', scoutEmail: 's@example.org', createdAt: new Date(Date.UTC(2026, 10, day)), source: 'line', projects: [], deliveryId: '', postId: '', postConversationId: '', ...fields };
}

describe('trend notes: which projects a text concerns', () => {
  const concerns = new ProjectConcerns(projects);

  it('finds a project by a name or alias written with other hyphens and case', () => {
    assert.deepEqual(
      concerns.concerned('Neue Regeln für die E Vergabe und das serviceportal').map((p) => p.id),
      ['buergerportal', 'e-vergabe'],
    );
  });

  it('does not find a name inside another word', () => {
    assert.deepEqual(concerns.concerned('Die Ratsapparate werden erneuert'), []);
  });

  it('ties a note filed under a field to its project by a word only that project uses', () => {
    assert.deepEqual(
      concerns.concerned('Schulen bekommen Tablets', 'Bildung').map((p) => p.id),
      ['digitale-schule'],
    );
    assert.deepEqual(concerns.concerned('Schulen bekommen Tablets'), [], 'not without the field');
  });

  it('names the fields of action a text mentions', () => {
    assert.deepEqual(concerns.fieldsIn('Neues aus Bildung und Bürgerservice'), ['Bildung', 'Bürgerservice']);
  });
});

describe('trend notes: the search index', () => {
  const index = new TrendIndex([
    note('a', 1, { title: 'KI-Assistenten im Bürgerbüro', tags: ['KI'] }),
    note('b', 3, { title: 'Mobilitätsplattform im Test', summary: 'On-Demand-Verkehr' }),
    note('c', 2, { title: 'Tablets in Grundschulen', field: 'Bildung', projects: [{ id: 'digitale-schule', title: 'Digitale Schule' }] }),
  ]);
  const titles = (topic: string) => index.search(topic).items.map((t) => t.id);

  it('finds by tag, by a typo, by the beginning of a word and by the same topic in English', () => {
    assert.deepEqual([titles('KI'), titles('Assitenten'), titles('Mobil'), titles('AI')], [['a'], ['a'], ['b'], ['a']]);
  });

  it('needs every content word and leaves filler words out', () => {
    assert.deepEqual([titles('bitte Tablets Grundschule'), titles('Tablets Mobilität')], [['c'], []]);
  });

  it('finds notes by the projects they concern, and lists a project’s notes', () => {
    assert.deepEqual([titles('Digitale Schule'), index.concerning('digitale-schule', 3).map((t) => t.id)], [['c'], ['c']]);
  });

  it('lists the newest first with the total', () => {
    assert.deepEqual(
      [index.latest(2).items.map((t) => t.id), index.latest(2).total],
      [['b', 'c'], 3],
    );
  });

  it('resolves a field of action written with a typo or without umlauts', () => {
    assert.deepEqual([resolveField('Bilung', ['Bildung', 'Bürgerservice']), resolveField('buergerservice', ['Bildung', 'Bürgerservice']), resolveField('Raumfahrt', ['Bildung'])], ['Bildung', 'Bürgerservice', undefined]);
  });
});
