import assert from 'node:assert/strict';
import { cardActions, cardOf, cardReadout } from '../../support/cards';
import { COORDINATOR, LENA, MARKUS, PETRA, startTrendRig, type TrendRig } from '../../support/trend-rig';

/** Notes posted one day apart, oldest first. */
const NOTES = [
  'Trend: https://example.org/ki-buergerbuero KI-Assistenten in Bürgerbüros – erste Erfahrungen aus Kreis X #KI #Bürgerservice',
  'Trend: https://example.org/on-demand On-Demand-Shuttles im ländlichen Raum. Drei Landkreise berichten über Mobilität ohne festen Fahrplan. #Mobilität',
  'Trend: https://example.org/tablets Tablets für alle Grundschulen im Kreis Steinfurt #Bildung #Schule',
  'Trend: https://example.org/chatbot Chatbot beantwortet Fragen zur Grundsteuer #KI',
];

describe('trend notes: finding them again', function () {
  this.timeout(60_000);
  let rig: TrendRig;

  before(async () => {
    rig = await startTrendRig();
    for (const line of NOTES) {
      await rig.say(LENA, line);
      await rig.settle(24 * 3_600_000);
    }
  });

  after(async () => {
    await rig?.close();
  });

  /** The titles of the notes a question finds, and the line under them. */
  async function found(question: string, email = PETRA, locale = 'de-DE'): Promise<string[]> {
    const reply = await rig.say(email, question, locale);
    const card = cardOf(reply);
    if (!card) return [reply.text];
    return cardReadout(card).filter((line) => !/ · /.test(line) && !/^(Drei|$)/.test(line));
  }

  it('finds notes by tag, newest first', async () => {
    assert.deepEqual(await found('Trends zu KI'), ['Trends zu „KI“', 'Chatbot beantwortet Fragen zur Grundsteuer', 'KI-Assistenten in Bürgerbüros – erste Erfahrungen aus Kreis X']);
  });

  it('finds notes by a word written with a typo', async () => {
    assert.deepEqual(await found('Trends zu Assitenten'), ['Trends zu „Assitenten“', 'KI-Assistenten in Bürgerbüros – erste Erfahrungen aus Kreis X']);
  });

  it('finds notes by a word of the summary, asked „Was gibt es Neues zu …?“', async () => {
    assert.deepEqual(await found('Was gibt es Neues zu Mobilität?'), ['Trends zu „Mobilität“', 'On-Demand-Shuttles im ländlichen Raum.']);
  });

  it('finds notes of the same topic asked in English', async () => {
    assert.deepEqual(await found('trends about AI', PETRA, 'en-US'), ['Trends about “AI”', 'Chatbot beantwortet Fragen zur Grundsteuer', 'KI-Assistenten in Bürgerbüros – erste Erfahrungen aus Kreis X']);
  });

  it('finds notes by field of action, written without umlauts', async () => {
    assert.deepEqual(await found('Trends im Handlungsfeld Bildung'), ['Trends im Handlungsfeld Bildung', 'Tablets für alle Grundschulen im Kreis Steinfurt']);
    assert.deepEqual(await found('Trends im Handlungsfeld Buergerservice'), ['Trends im Handlungsfeld Bürgerservice', 'KI-Assistenten in Bürgerbüros – erste Erfahrungen aus Kreis X']);
  });

  it('lists the newest notes with date, scout, tags and a button to open each', async () => {
    const card = cardOf(await rig.say(MARKUS, 'neue Trends'));
    assert.deepEqual(cardReadout(card).slice(0, 3), ['Neue Trends', 'Chatbot beantwortet Fragen zur Grundsteuer', '03.12.2026 · Lena Krüger · #KI']);
    assert.deepEqual(
      cardReadout(card).filter((line) => / · /.test(line)),
      ['03.12.2026 · Lena Krüger · #KI', '02.12.2026 · Lena Krüger · #Bildung #Schule · Bildung', '01.12.2026 · Lena Krüger · #Mobilität', '30.11.2026 · Lena Krüger · #KI #Bürgerservice · Bürgerservice'],
    );
    assert.deepEqual(
      cardActions(card).map((a) => a.url),
      ['https://example.org/chatbot', 'https://example.org/tablets', 'https://example.org/on-demand', 'https://example.org/ki-buergerbuero'],
    );
  });

  it('lists the newest notes for the command of the app\'s menu sent without a topic', async () => {
    assert.equal(cardReadout(cardOf(await rig.say(PETRA, 'Trends zu')))[0], 'Neue Trends');
    assert.equal(cardReadout(cardOf(await rig.say(PETRA, 'Trends on', 'en-US')))[0], 'Latest trends');
  });

  it('answers in a channel when mentioned', async () => {
    const reply = await rig.sayInChannel(COORDINATOR, 'latest trends');
    assert.equal(cardReadout(cardOf(reply))[1], 'Chatbot beantwortet Fragen zur Grundsteuer');
  });

  it('says when it has no notes on a topic', async () => {
    assert.deepEqual(await found('Trends zu Blockchain'), ['Zu „Blockchain“ habe ich noch keine Trends. Alle neuen Trends zeigt „neue Trends“.']);
  });

  it('names the known fields of action for an unknown one', async () => {
    assert.deepEqual(await found('Trends im Handlungsfeld Raumfahrt'), [
      'Das Handlungsfeld „Raumfahrt“ kenne ich nicht. Bekannt sind: Bildung, Bürgerservice, Infrastruktur, Smart Region, Verwaltung digital, Wirtschaft.',
    ]);
  });

  it('shows the latest notes concerning a project in its details in Ask', async () => {
    const card = cardOf(await rig.say(PETRA, 'Erzähl mir mehr über den KI-Assistent für Bürgeranfragen'));
    assert.deepEqual(
      cardReadout(card).filter((line) => line.startsWith('Trends:')),
      ['Trends: Chatbot beantwortet Fragen zur Grundsteuer (03.12.2026); KI-Assistenten in Bürgerbüros – erste Erfahrungen aus Kreis X (30.11.2026)'],
    );
  });
});

describe('trend notes: a list of more than ten', function () {
  this.timeout(90_000);
  let rig: TrendRig;

  after(async () => {
    await rig?.close();
  });

  it('shows ten and the total', async () => {
    rig = await startTrendRig();
    for (let i = 1; i <= 12; i++) {
      await rig.say(LENA, `Trend: https://example.org/${i} Open-Data-Notiz ${i} #OpenData`);
      await rig.settle(60_000);
    }
    const card = cardOf(await rig.say(PETRA, 'Trends zu Open Data'));
    const readout = cardReadout(card);
    assert.equal(readout.filter((line) => line.startsWith('Open-Data-Notiz')).length, 10);
    assert.equal(readout[1], 'Open-Data-Notiz 12');
    assert.equal(readout.at(-1), '10 von 12 angezeigt.');
  });
});
