import assert from 'node:assert/strict';
import { checkTransition, parseStatusLine } from '../../../../src/features/funding/domain/applications';
import { classifyQuestion } from '../../../../src/features/funding/domain/questions';

describe('questions about funding', () => {
  for (const [text, expected] of [
    ['Welche Förderfristen laufen bald ab?', { kind: 'deadlines' }],
    ['welche foerderfristen laufen demnaechst ab', { kind: 'deadlines' }],
    ['Wann enden die nächsten Förderfristen?', { kind: 'deadlines' }],
    ['Which funding deadlines are coming up?', { kind: 'deadlines' }],
    ['Förderprogramme für Bildung', { kind: 'about', topic: 'Bildung' }],
    ['Gibt es Fördermittel für die E-Akte?', { kind: 'about', topic: 'E-Akte' }],
    ['Fördermittel für die E-Akte', { kind: 'about', topic: 'E-Akte' }],
    ['funding programmes for Bildung', { kind: 'about', topic: 'Bildung' }],
    ['Funding for the E-Akte', { kind: 'about', topic: 'E-Akte' }],
    ['Welche Förderprogramme gibt es?', { kind: 'about', topic: '' }],
    ['Wer ist für Fördermittel zuständig?', { kind: 'about', topic: '' }],
    ['Welche Anträge sind eingereicht?', { kind: 'applications', status: 'submitted' }],
    ['Welche Förderanträge wurden bewilligt?', { kind: 'applications', status: 'approved' }],
    ['Which applications are submitted?', { kind: 'applications', status: 'submitted' }],
    ['Welche Anträge gibt es?', { kind: 'applications', status: undefined }],
    ['Wie viel Fördermittel wurden bewilligt?', { kind: 'approvedSum' }],
    ['Wieviel Förderung haben wir insgesamt bekommen?', { kind: 'approvedSum' }],
    ['How much funding was approved?', { kind: 'approvedSum' }],
    ['Welche Fördermöglichkeiten gibt es für Bildung?', { kind: 'about', topic: 'Bildung' }],
    ['Gibt es Förderungen für die E-Akte?', { kind: 'about', topic: 'E-Akte' }],
  ] as const) {
    it(`understands "${text}"`, () => assert.deepEqual(classifyQuestion(text), expected));
  }

  for (const text of ['Wer kümmert sich um die Online-Anträge?', 'Wer ist für den Digitalen Bauantrag zuständig?', 'Welche Projekte sind rot?', 'Status melden E-Akte', 'Wer kümmert sich um die Bürger-App?', 'Who owns the citizen app?', 'Wer betreut das Fördermittelmanagement?', 'Wer ist für die Fördermitteldatenbank zuständig?']) {
    it(`leaves "${text}" to the others`, () => assert.equal(classifyQuestion(text), undefined));
  }
});

describe('an application changed in one line', () => {
  it('reads status, amount and note', () => {
    assert.deepEqual(parseStatusLine('E-Akte', 'eingereicht 120000'), { target: 'E-Akte', status: 'submitted', statusText: 'eingereicht', amount: 120000, note: '' });
    assert.deepEqual(parseStatusLine('E-Akte / digitalpakt-2027', 'bewilligt 95.000 € – Bescheid vom 3.5.'), {
      target: 'E-Akte / digitalpakt-2027',
      status: 'approved',
      statusText: 'bewilligt',
      amount: 95000,
      note: 'Bescheid vom 3.5.',
    });
    assert.deepEqual(parseStatusLine('Bürger-App', 'in Vorbereitung'), { target: 'Bürger-App', status: 'preparing', statusText: 'in Vorbereitung', amount: undefined, note: '' });
    assert.deepEqual(parseStatusLine('ISMS', 'submitted 80,000 EUR'), { target: 'ISMS', status: 'submitted', statusText: 'submitted', amount: 80000, note: '' });
  });

  it('says what is not a status', () => {
    assert.deepEqual(parseStatusLine('E-Akte', 'fertig 100'), { target: 'E-Akte', status: undefined, statusText: 'fertig', amount: 100, note: '' });
  });
});

describe('the way of an application', () => {
  for (const [from, to] of [
    ['', 'interest'],
    ['interest', 'preparing'],
    ['preparing', 'submitted'],
    ['interest', 'submitted'],
    ['submitted', 'approved'],
    ['submitted', 'rejected'],
    ['preparing', 'withdrawn'],
    ['submitted', 'submitted'],
  ] as const) {
    it(`goes from ${from || 'nothing'} to ${to} for everyone allowed to change it`, () => assert.equal(checkTransition(from, to, false, false), 'ok'));
  }

  for (const [from, to] of [
    ['interest', 'approved'],
    ['preparing', 'rejected'],
    ['approved', 'submitted'],
    ['withdrawn', 'interest'],
    ['', 'approved'],
  ] as const) {
    it(`takes a coordinator with a note from ${from || 'nothing'} to ${to}`, () => {
      assert.equal(checkTransition(from, to, false, true), 'coordinatorsOnly');
      assert.equal(checkTransition(from, to, true, false), 'noteRequired');
      assert.equal(checkTransition(from, to, true, true), 'ok');
    });
  }
});
