import assert from 'node:assert/strict';
import { checkDraft, parseTags, parseTrendLine, splitTitle } from '../../../../src/features/trends/domain/drafts';

describe('trend notes: drafts', () => {
  it('takes the link, the tags and the text of a line apart', () => {
    assert.deepEqual(parseTrendLine('https://example.org/x KI im Bürgerbüro #KI #Bürgerservice'), {
      title: 'KI im Bürgerbüro',
      link: 'https://example.org/x',
      summary: '',
      tags: ['KI', 'Bürgerservice'],
      field: '',
    });
  });

  it('keeps the link clean of a closing bracket or full stop', () => {
    assert.deepEqual(parseTrendLine('Bericht (https://example.org/bericht).'), { title: 'Bericht.', link: 'https://example.org/bericht', summary: '', tags: [], field: '' });
  });

  it('keeps a bracket that belongs to the address', () => {
    assert.equal(parseTrendLine('Begriff https://de.wikipedia.org/wiki/Smart_City_(Begriff). Mehr').link, 'https://de.wikipedia.org/wiki/Smart_City_(Begriff)');
  });

  it('takes a link that is not http(s) as the link, so that it can be refused', () => {
    assert.equal(parseTrendLine('ftp://example.org/a Datei').link, 'ftp://example.org/a');
  });

  it('ends the first sentence after a word, not after an abbreviation', () => {
    assert.deepEqual(splitTitle('Das Land fördert z. B. Chatbots. Anträge bis Mai.'), { title: 'Das Land fördert z. B. Chatbots.', summary: 'Anträge bis Mai.' });
  });

  it('cuts a long first sentence at a word before 120 characters and keeps the rest as summary', () => {
    const text = `${'Wort '.repeat(30)}Ende`;
    const { title, summary } = splitTitle(text);
    assert.equal(title.length <= 120, true);
    assert.equal(`${title} ${summary}`, text);
  });

  it('reads tags separated by commas or spaces, with or without #', () => {
    assert.deepEqual(parseTags('#KI, Bürgerservice  Open-Data;Schule'), ['KI', 'Bürgerservice', 'Open-Data', 'Schule']);
  });

  it('drops duplicate tags and writes the field as the directory does', () => {
    const { draft, errors } = checkDraft({ title: 'T', link: '', summary: '', tags: ['KI', 'ki', 'Kí'], field: 'buergerservice' }, ['Bürgerservice']);
    assert.deepEqual([draft.tags, draft.field, errors], [['KI'], 'Bürgerservice', {}]);
  });
});
