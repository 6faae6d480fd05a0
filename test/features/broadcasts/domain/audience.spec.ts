import assert from 'node:assert/strict';
import { parseQuickBroadcast } from '../../../../src/features/broadcasts/domain/audience';

describe('the one-line broadcast', () => {
  it('names an audience in German or English, in any case', () => {
    const cases: [string, string][] = [
      ['Rundschreiben an alle CDOs: Text', 'cdos'],
      ['rundschreiben an die Koordination: Text', 'coordinators'],
      ['Rundschreiben an alle: Text', 'everyone'],
      ['Rundschreiben an den Kanal: Text', 'channel'],
      ['broadcast to all CDOs: text', 'cdos'],
      ['Broadcast to everyone: text', 'everyone'],
      ['broadcast to the channel: text', 'channel'],
      ['broadcast to coordinators: text', 'coordinators'],
    ];
    for (const [line, audience] of cases) assert.equal(parseQuickBroadcast(line)?.audience, audience, line);
  });

  it('takes other words for municipalities, separated by commas, "und" or "and"', () => {
    assert.deepEqual(parseQuickBroadcast('Rundschreiben an Dülmen, Olfen und Senden: Bitte melden.'), { audience: 'municipalities', municipalities: ['Dülmen', 'Olfen', 'Senden'], text: 'Bitte melden.' });
    assert.deepEqual(parseQuickBroadcast('broadcast to the municipalities Dülmen and Olfen: hello')?.municipalities, ['Dülmen', 'Olfen']);
    assert.deepEqual(parseQuickBroadcast('Rundschreiben an die Gemeinden Havixbeck: Hallo')?.municipalities, ['Havixbeck']);
  });

  it('keeps the text after the first colon as written, with its line breaks and colons', () => {
    assert.equal(parseQuickBroadcast('Rundschreiben an alle CDOs: Termin: Freitag\nOrt: Kreishaus  ')?.text, 'Termin: Freitag\nOrt: Kreishaus');
  });

  it('is not the command without an audience, a colon or a text', () => {
    for (const line of ['Rundschreiben', 'Rundschreiben Status', 'Rundschreiben an alle CDOs', 'Rundschreiben an alle CDOs:  ', 'Wer ist für Rundschreiben an alle zuständig?']) {
      assert.equal(parseQuickBroadcast(line), undefined, line);
    }
  });
});
