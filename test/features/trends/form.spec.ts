import assert from 'node:assert/strict';
import { cardAction, cardInput, cardOf, cardReadout, textAfterInput } from '../../support/cards';
import { LENA, PETRA, startTrendRig, type TrendRig } from '../../support/trend-rig';

const FIELDS = ['Bildung', 'Bürgerservice', 'Infrastruktur', 'Smart Region', 'Verwaltung digital', 'Wirtschaft'];

describe('trend notes: the form of „Trend melden“', function () {
  this.timeout(60_000);
  let rig: TrendRig;

  afterEach(async () => {
    await rig?.close();
  });

  /** Opens the form as the scout; returns it and what its submit button carries. */
  async function openForm() {
    const card = cardOf(await rig.say(LENA, 'Trend melden'));
    return { card, data: cardAction(card, 'trend.save').data as Record<string, unknown> };
  }

  const inputs = { title: 'Digitale Schulverwaltung in NRW', link: 'https://example.org/schule', summary: 'Das Land stellt ein Schulverwaltungsportal bereit.', tags: '#Schule, Bildung Verwaltung', field: 'Bildung' };

  it('offers the form with the fields of action of the directory', async () => {
    rig = await startTrendRig();
    const { card, data } = await openForm();
    assert.equal(card.version, '1.5');
    assert.deepEqual(
      ['title', 'link', 'summary', 'tags', 'field'].map((id) => cardInput(card, id).type),
      ['Input.Text', 'Input.Text', 'Input.Text', 'Input.Text', 'Input.ChoiceSet'],
    );
    assert.equal(cardInput(card, 'summary').maxLength, 1000);
    assert.deepEqual(
      cardInput(card, 'field').choices.map((c: { value: string }) => c.value),
      FIELDS,
    );
    assert.match(String(data.token), /^[0-9a-f-]{36}$/);
  });

  it('posts the note from the form and answers with the note as it will appear', async () => {
    rig = await startTrendRig();
    const { data } = await openForm();
    const answer = await rig.click(LENA, 'trend.save', { ...data, ...inputs });
    assert.deepEqual(cardReadout(answer), [
      'Trend-Notiz',
      'Digitale Schulverwaltung in NRW',
      'Das Land stellt ein Schulverwaltungsportal bereit.',
      'Schlagworte: #Schule #Bildung #Verwaltung',
      'Handlungsfeld: Bildung',
      'Von: Lena Krüger, 30.11.2026',
      'Betrifft: Schul-IT und DigitalPakt Schule (Christina Lammers)',
      'Noch niemand hat das als relevant markiert.',
      'Wird im Kanal gepostet – den Link schicke ich Ihnen, sobald der Beitrag dort steht.',
    ]);
    await rig.settle();
    assert.deepEqual(
      rig.channelCards().map((c) => cardReadout(c)[1]),
      ['Digitale Schulverwaltung in NRW'],
    );
    const note = await rig.onlyNote();
    assert.deepEqual([note.source, note.field, note.tags, note.link], ['card', 'Bildung', ['Schule', 'Bildung', 'Verwaltung'], 'https://example.org/schule']);
  });

  it('posts once when the button is clicked twice', async () => {
    rig = await startTrendRig();
    const { data } = await openForm();
    await Promise.all([rig.click(LENA, 'trend.save', { ...data, ...inputs }), rig.click(LENA, 'trend.save', { ...data, ...inputs })]);
    await rig.settle();
    assert.equal((await rig.stored()).length, 1);
    assert.equal(rig.channelCards().length, 1);
  });

  it('returns the form with each error next to its input, the input kept, and stores nothing', async () => {
    rig = await startTrendRig();
    const { data } = await openForm();
    const bad = { title: '', link: 'ftp://example.org/datei', summary: 'x'.repeat(1001), tags: 'a b c d e f g h i j k', field: 'Raumfahrt' };
    const answer = await rig.click(LENA, 'trend.save', { ...data, ...bad });
    assert.equal(textAfterInput(answer, 'link'), 'Der Link muss eine Webadresse sein, die mit http:// oder https:// beginnt.');
    assert.equal(textAfterInput(answer, 'summary'), 'Die Zusammenfassung ist zu lang: 1001 Zeichen, erlaubt sind 1000.');
    assert.equal(textAfterInput(answer, 'tags'), 'Höchstens 10 Schlagworte, nicht 11.');
    assert.equal(textAfterInput(answer, 'field'), 'Das Handlungsfeld „Raumfahrt“ kenne ich nicht. Bekannt sind: Bildung, Bürgerservice, Infrastruktur, Smart Region, Verwaltung digital, Wirtschaft.');
    assert.equal(textAfterInput(answer, 'title'), undefined);
    assert.equal(cardInput(answer, 'link').value, 'ftp://example.org/datei');
    assert.equal(cardAction(answer, 'trend.save').data.token, data.token);
    await rig.settle();
    assert.deepEqual(await rig.stored(), []);
    assert.deepEqual(rig.channelCards(), []);
  });

  it('asks for a link or a title when both are empty', async () => {
    rig = await startTrendRig();
    const { data } = await openForm();
    const answer = await rig.click(LENA, 'trend.save', { ...data, title: ' ', link: '', summary: 'Nur Text', tags: '', field: '' });
    assert.equal(textAfterInput(answer, 'title'), 'Bitte geben Sie einen Link oder einen Titel an.');
    assert.deepEqual(await rig.stored(), []);
  });

  it('refuses card data that was tampered with', async () => {
    rig = await startTrendRig();
    const answer = await rig.click(LENA, 'trend.save', { token: 'x', title: { $ne: 1 }, link: 'https://example.org', summary: '', tags: '', field: '' });
    assert.deepEqual(cardReadout(answer).slice(0, 3), ['Trend melden', 'Link oder Titel genügt; der Trend erscheint als Karte im Kanal der AG.', 'Diese Angabe konnte nicht gelesen werden. Bitte öffnen Sie das Formular neu mit „Trend melden“.']);
    assert.deepEqual(await rig.stored(), []);
  });

  it('goes the same way for clients that send Action.Submit', async () => {
    rig = await startTrendRig();
    const { data } = await openForm();
    await rig.bot.post(rig.bot.teams.submitAction({ ...data, ...inputs, verb: 'trend.save' }, { user: rig.base.member(LENA), replyToId: 'form-card-1' }));
    const [update] = rig.bot.connector.calls.filter((c) => c.kind === 'update');
    assert.equal(update!.activityId, 'form-card-1');
    assert.equal(cardReadout(cardOf(update!.body))[1], 'Digitale Schulverwaltung in NRW');
    assert.equal((await rig.stored()).length, 1);
  });

  it("tells a member who asks for the form who can post, in the member's language", async () => {
    rig = await startTrendRig();
    const reply = await rig.say(PETRA, 'report trend', 'en-US');
    assert.equal(reply.text, 'Trends can be posted by the trend scouts (Lena Krüger) and the coordinators (Martina Becker, Thomas Overbeck). Your text was not posted.');
  });
});
