import assert from 'node:assert/strict';
import * as ACData from 'adaptivecards-templating';
import sinon from 'sinon';
import { CardRenderer } from '../../../src/platform/teams/cards';

describe('card renderer', () => {
  afterEach(() => sinon.restore());
  const intro = (text: string) => ({ title: 'Neue Runde', text, fallback: `Neue Runde: ${text}` });

  it('renders the same card with the same content once, however often a batch asks for it', () => {
    const expand = sinon.spy(ACData.Template.prototype, 'expand');
    const renderer = new CardRenderer();
    const payloads = Array.from({ length: 5 }, () => renderer.payload('team-intro', intro('Bitte bis Freitag antworten.')));
    assert.equal(expand.callCount, 1);
    assert.deepEqual(payloads[4], payloads[0]);
  });

  it('renders each distinct content, and gives every caller a card of its own to change', () => {
    const expand = sinon.spy(ACData.Template.prototype, 'expand');
    const renderer = new CardRenderer();
    const first = renderer.card('team-intro', intro('eins'));
    renderer.card('team-intro', intro('zwei'));
    assert.equal(expand.callCount, 2);
    (first.content as { body: unknown[] }).body.length = 0;
    assert.notDeepEqual((renderer.card('team-intro', intro('eins')).content as { body: unknown[] }).body, []);
    assert.equal(expand.callCount, 2);
  });
});
