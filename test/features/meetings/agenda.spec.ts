// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { meetingRepositories } from '../../../src/features/meetings/tables';
import { cardActions, cardInput, cardOf, cardReadout, textAfterInput } from '../../support/cards';
import { CDO, COORDINATOR, MEMBER, MeetingRig } from '../../support/meeting-rig';
import { STRANGER } from '../../support/test-bot';

const MONDAY = '2026-08-10T08:00:00.000Z';

describe('meeting agendas, end to end', function () {
  this.timeout(90_000);
  let rig: MeetingRig;

  afterEach(async () => {
    await rig?.close();
  });

  /** The buttons of an agenda card: [verb, item title] in order, for the item lines that have them. */
  function buttons(card: any): [string, string][] {
    const result: [string, string][] = [];
    for (const container of card.body.filter((e: any) => e.type === 'Container')) {
      const line = container.items[0].text;
      for (const action of container.items.find((i: any) => i.type === 'ActionSet')?.actions ?? []) result.push([action.verb, line]);
    }
    return result;
  }

  /** Presses the button of an item (by its verb and the item's line) on an agenda card. */
  function press(card: any, verb: string, line: string, email = COORDINATOR): Promise<any> {
    const container = card.body.find((e: any) => e.type === 'Container' && e.items[0].text === line && e.items.some((i: any) => i.type === 'ActionSet' && i.actions.some((a: any) => a.verb === verb)));
    assert.ok(container, `no ${verb} for "${line}"`);
    const action = container.items.find((i: any) => i.type === 'ActionSet').actions.find((a: any) => a.verb === verb);
    return rig.execute(verb, action.data, email);
  }

  async function agendaItems() {
    const [meeting] = await rig.meetings();
    return (await meetingRepositories(rig.bot.app.storage.store).agenda.items(meeting!.id)).map((i) => i.value);
  }

  it('takes a proposal from anyone in the directory, lets a coordinator accept and order it, and publishes it in the thread', async () => {
    rig = await MeetingRig.start(MONDAY);
    await rig.say('Sitzung am 18.08.2026 14:00 Kreishaus Coesfeld');
    const series = await rig.onlySeries();
    await rig.settle();
    assert.equal(
      (await rig.say('TOP vorschlagen: Bericht Glasfaser-Ausbau', MEMBER)).text,
      'Danke! Ihr Vorschlag „Bericht Glasfaser-Ausbau“ ist für die Sitzung am Dienstag, 18. August 2026, 14:00–16:00 Uhr eingereicht. Die Koordination entscheidet über die Aufnahme.',
    );
    // Proposals are listed in the order they came in; two in the same millisecond have none.
    await rig.settle(1000);
    await rig.say('propose agenda item: OZG roll-out', CDO, 'en-GB');
    assert.deepEqual((await agendaItems()).map((i) => [i.title, i.status, i.proposerEmail, i.minutes]), [
      ['Bericht Glasfaser-Ausbau', 'proposed', MEMBER, 15],
      ['OZG roll-out', 'proposed', CDO, 15],
    ]);
    // Members see the accepted items only.
    assert.deepEqual(cardReadout(cardOf(await rig.say('Tagesordnung', MEMBER))).slice(2), ['Tagesordnungspunkte', 'Noch keine angenommenen Punkte.']);

    let card = cardOf(await rig.say('Tagesordnung'));
    assert.deepEqual(cardReadout(card), [
      'Tagesordnung: Sitzung der AG Digitalisierung',
      'Dienstag, 18. August 2026, 14:00–16:00 Uhr',
      'Tagesordnungspunkte',
      'Noch keine angenommenen Punkte.',
      '2 offene Vorschläge',
      'Bericht Glasfaser-Ausbau',
      '15 Min. · vorgeschlagen von Petra Hüsing',
      'OZG roll-out',
      '15 Min. · vorgeschlagen von Anna Schulte',
    ]);
    card = await press(card, 'agenda.accept', 'Bericht Glasfaser-Ausbau');
    card = await press(card, 'agenda.accept', 'OZG roll-out');
    assert.deepEqual(buttons(card), [
      ['agenda.down', 'TOP 1: Bericht Glasfaser-Ausbau'],
      ['agenda.remove', 'TOP 1: Bericht Glasfaser-Ausbau'],
      ['agenda.carry', 'TOP 1: Bericht Glasfaser-Ausbau'],
      ['agenda.up', 'TOP 2: OZG roll-out'],
      ['agenda.remove', 'TOP 2: OZG roll-out'],
      ['agenda.carry', 'TOP 2: OZG roll-out'],
    ]);
    card = await press(card, 'agenda.up', 'TOP 2: OZG roll-out');
    assert.deepEqual(cardReadout(card).slice(2), [
      'Tagesordnungspunkte',
      'TOP 1: OZG roll-out',
      'ab 14:00 Uhr · 15 Min. · vorgeschlagen von Anna Schulte',
      'TOP 2: Bericht Glasfaser-Ausbau',
      'ab 14:15 Uhr · 15 Min. · vorgeschlagen von Petra Hüsing',
    ]);
    assert.deepEqual((await agendaItems()).map((i) => [i.title, i.status, i.position]), [
      ['Bericht Glasfaser-Ausbau', 'accepted', 2],
      ['OZG roll-out', 'accepted', 1],
    ]);

    assert.equal((await rig.say('Tagesordnung veröffentlichen')).text, 'Die Tagesordnung der Sitzung am Dienstag, 18. August 2026, 14:00–16:00 Uhr wird im Kanal im Thread der Sitzung veröffentlicht.');
    assert.equal((await rig.say('Tagesordnung veröffentlichen')).text, 'Diese Tagesordnung ist unverändert bereits veröffentlicht.');
    await rig.settle();
    const thread = rig.thread(await rig.threadOf(series.id));
    assert.deepEqual(cardReadout(thread[0]!.card), [
      'Tagesordnung: Sitzung der AG Digitalisierung',
      'Dienstag, 18. August 2026, 14:00–16:00 Uhr · Kreishaus Coesfeld',
      '14:00',
      'TOP 1: OZG roll-out',
      '15 Min. · vorgeschlagen von Anna Schulte',
      '14:15',
      'TOP 2: Bericht Glasfaser-Ausbau',
      '15 Min. · vorgeschlagen von Petra Hüsing',
    ]);

    // A change, published again: the new version, marked as updated.
    card = await press(cardOf(await rig.say('Tagesordnung')), 'agenda.remove', 'TOP 1: OZG roll-out');
    const published = await rig.execute('agenda.publish', { meetingId: (await rig.meetings())[0]!.id });
    assert.equal(cardReadout(published)[2], 'Die geänderte Tagesordnung der Sitzung am Dienstag, 18. August 2026, 14:00–16:00 Uhr wird im Kanal veröffentlicht, als aktualisiert gekennzeichnet.');
    await rig.settle();
    assert.deepEqual(rig.thread(await rig.threadOf(series.id)).map((p) => p.text), ['Tagesordnung: Sitzung der AG Digitalisierung', 'Aktualisierte Tagesordnung: Sitzung der AG Digitalisierung']);
    assert.equal((await agendaItems()).find((i) => i.title === 'OZG roll-out')!.status, 'removed');
  });

  it('shows the item’s project with its latest traffic light, and the items in the reminder', async () => {
    rig = await MeetingRig.start(MONDAY);
    await rig.say('Sitzung am 18.08.2026 14:00 Kreishaus Coesfeld');
    const series = await rig.onlySeries();
    const [meeting] = await rig.meetings();
    const form = cardOf(await rig.say('TOP vorschlagen', CDO));
    assert.deepEqual(cardInput(form, 'meeting').choices, [{ title: 'Di., 18.08.2026, 14:00–16:00 Uhr', value: meeting!.id }]);
    assert.ok(cardInput(form, 'project').choices.some((c: any) => c.value === 'e-akte'));
    const done = await rig.execute('agenda.propose', { title: 'Stand E-Akte', description: 'Rollout im Ordnungsamt', minutes: '20', project: 'e-akte', meeting: meeting!.id }, CDO);
    assert.deepEqual(cardReadout(done), [
      'Tagesordnungspunkt vorschlagen',
      'Danke! Ihr Vorschlag „Stand E-Akte“ ist für die Sitzung am Dienstag, 18. August 2026, 14:00–16:00 Uhr eingereicht. Die Koordination entscheidet über die Aufnahme.',
    ]);
    await rig.bot.app.storage.store.table('checkinanswers').upsertEntity(
      { partitionKey: 'e-akte', rowKey: 'latest', id: 'a1', projectId: 'e-akte', roundId: '', token: 't', authorEmail: CDO, at: MONDAY, phase: 'implementation', light: 'yellow', progress: -1, happened: '', next: '', blockers: '', funding: '', previousLight: '', unchanged: false },
      'Replace',
    );
    await press(cardOf(await rig.say('Tagesordnung')), 'agenda.accept', 'Stand E-Akte');
    await rig.until('2026-08-18T12:00:00.000Z');
    const reminder = rig.thread(await rig.threadOf(series.id)).at(-1)!;
    assert.deepEqual(cardReadout(reminder.card).slice(4), ['Tagesordnung', 'TOP 1: Stand E-Akte', 'ab 14:00 Uhr · 20 Min. · vorgeschlagen von Anna Schulte · Projekt E-Akte (digitale Verwaltungsakte): gelb\n\nRollout im Ordnungsamt']);
  });

  it('adds the items about a project on the next agendas to the project’s details in Ask', async () => {
    rig = await MeetingRig.start(MONDAY);
    await rig.say('Sitzung am 18.08.2026 14:00 Kreishaus Coesfeld');
    const [meeting] = await rig.meetings();
    await rig.execute('agenda.propose', { title: 'Stand E-Akte', description: '', minutes: '20', project: 'e-akte', meeting: meeting!.id }, CDO);
    const facts = () => rig.say('Erzähl mir mehr über die E-Akte', CDO).then((r) => cardReadout(cardOf(r)));
    assert.ok(!(await facts()).some((line) => line.startsWith('Auf der Tagesordnung')), 'a proposal is not on the agenda yet');
    await press(cardOf(await rig.say('Tagesordnung')), 'agenda.accept', 'Stand E-Akte');
    assert.ok((await facts()).includes('Auf der Tagesordnung: Di., 18.08.2026: Stand E-Akte'));
  });

  it('carries an item not dealt with over to the next meeting with one click, marked as postponed', async () => {
    rig = await MeetingRig.start(MONDAY);
    await rig.say('Sitzung am 12.08.2026 14:00 Kreishaus');
    await rig.say('Sitzung am 09.09.2026 14:00 Kreishaus');
    await rig.say('TOP vorschlagen: Bericht Glasfaser-Ausbau', MEMBER);
    await press(cardOf(await rig.say('Tagesordnung')), 'agenda.accept', 'Bericht Glasfaser-Ausbau');
    await rig.until('2026-08-13T08:00:00.000Z');
    // After the first meeting, the agenda of the next one offers the items of the one before.
    let card = cardOf(await rig.say('Tagesordnung'));
    assert.deepEqual(cardReadout(card).slice(1), [
      'Mittwoch, 9. September 2026, 14:00–16:00 Uhr',
      'Tagesordnungspunkte',
      'Noch keine angenommenen Punkte.',
      'Aus der Sitzung vom Mi., 12.08.2026, 14:00–16:00 Uhr – nicht erledigte Punkte vertagen:',
      'TOP 1: Bericht Glasfaser-Ausbau',
      'ab 14:00 Uhr · 15 Min. · vorgeschlagen von Petra Hüsing',
    ]);
    card = await press(card, 'agenda.carry', 'TOP 1: Bericht Glasfaser-Ausbau');
    assert.deepEqual(cardReadout(card).slice(2, 5), ['Tagesordnungspunkte', 'TOP 1: Bericht Glasfaser-Ausbau', 'ab 14:00 Uhr · 15 Min. · vorgeschlagen von Petra Hüsing · vertagt vom 12.08.']);
    const [first, second] = await rig.meetings();
    const repo = meetingRepositories(rig.bot.app.storage.store).agenda;
    assert.deepEqual((await repo.items(first!.id)).map((i) => i.value.status), ['carried']);
    assert.deepEqual((await repo.items(second!.id)).map((i) => [i.value.status, i.value.position, i.value.carriedFrom]), [['accepted', 1, '2026-08-12']]);
  });

  it('refuses decisions, publication and proposals to those without the role, and unknown items', async () => {
    rig = await MeetingRig.start(MONDAY);
    await rig.say('Sitzung am 18.08.2026 14:00 Kreishaus Coesfeld');
    const [meeting] = await rig.meetings();
    await rig.say('TOP vorschlagen: Bericht Glasfaser-Ausbau', MEMBER);
    const [item] = await agendaItems();
    const data = { meetingId: meeting!.id, itemId: item!.id, viewId: meeting!.id };
    const onlyCoordinators = 'Das kann nur die Koordination (Martina Becker, Thomas Overbeck). Bitte wenden Sie sich an sie.';
    assert.equal(await rig.executeText('agenda.accept', data, MEMBER), onlyCoordinators);
    assert.equal((await rig.say('Tagesordnung veröffentlichen', CDO)).text, onlyCoordinators);
    assert.equal(await rig.executeText('agenda.accept', { ...data, itemId: 'nothing-here' }), 'Diesen Tagesordnungspunkt gibt es so nicht (mehr); nichts wurde geändert. Schreiben Sie „Tagesordnung“ für den aktuellen Stand.');
    assert.equal(await rig.executeText('agenda.up', data), 'Diesen Tagesordnungspunkt gibt es so nicht (mehr); nichts wurde geändert. Schreiben Sie „Tagesordnung“ für den aktuellen Stand.');
    assert.equal(await rig.executeText('agenda.accept', { ...data, meetingId: 'x'.repeat(80) }), 'Diese Sitzung kenne ich nicht; nichts wurde geändert.');
    assert.equal(await rig.executeText('agenda.carry', { ...data, meetingId: '000000000000-20260818' }), 'Diese Sitzung kenne ich nicht; nichts wurde geändert.');
    assert.equal((await rig.say('Tagesordnung veröffentlichen')).text, 'Die Tagesordnung hat noch keine angenommenen Punkte; nichts wurde veröffentlicht.');
    assert.deepEqual((await agendaItems()).map((i) => i.status), ['proposed']);
    await rig.settle();
    assert.deepEqual(rig.thread(await rig.threadOf((await rig.onlySeries()).id)), []);
  });

  it('shows the proposal form again with the errors next to the fields, and stores nothing', async () => {
    rig = await MeetingRig.start(MONDAY);
    await rig.say('Sitzung am 18.08.2026 14:00 Kreishaus Coesfeld');
    const card = await rig.execute('agenda.propose', { title: 'x'.repeat(201), description: '', minutes: '500', project: 'no-such-project', meeting: 'nothing-20260818' }, MEMBER);
    assert.equal(textAfterInput(card, 'title'), 'Zu lang: 201 Zeichen, höchstens 200.');
    assert.equal(textAfterInput(card, 'minutes'), 'Bitte eine Dauer von 1 bis 240 Minuten angeben.');
    assert.equal(textAfterInput(card, 'project'), 'Das Projekt „no-such-project“ kenne ich nicht.');
    assert.equal(textAfterInput(card, 'meeting'), 'Diese Sitzung ist nicht (mehr) geplant. Bitte eine andere wählen.');
    assert.equal(cardReadout(cardOf(await rig.say('TOP vorschlagen:', MEMBER)))[0], 'Tagesordnungspunkt vorschlagen');
    assert.deepEqual(await agendaItems(), []);
    assert.ok(cardActions(card).some((a: any) => a.verb === 'agenda.propose'));
  });

  it('tells people outside the directory who can help, and says when there is no meeting to propose for', async () => {
    rig = await MeetingRig.start(MONDAY);
    rig.bot.connector.addMember(STRANGER);
    const stranger = (text: string) => rig.bot.reply(rig.bot.teams.personalMessage(text, { user: STRANGER }));
    assert.equal(
      (await stranger('Wann ist die nächste Sitzung?')).text,
      'Sitzungen und Tagesordnung stehen den Mitgliedern der AG Digitalisierung offen. Sie sind (noch) nicht im Verzeichnis eingetragen; die Koordination (Martina Becker, Thomas Overbeck) kann Sie aufnehmen.',
    );
    assert.equal((await stranger('TOP vorschlagen: Hallo')).text, (await stranger('Tagesordnung')).text);
    assert.equal((await rig.say('TOP vorschlagen: Bericht', MEMBER)).text, 'Zurzeit ist keine Sitzung geplant; Tagesordnungspunkte können vorgeschlagen werden, sobald die Koordination eine Sitzung plant.');
  });
});
