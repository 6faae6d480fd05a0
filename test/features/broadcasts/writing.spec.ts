// Cards are JSON as the bot sent them.
/* eslint-disable @typescript-eslint/no-explicit-any */
import assert from 'node:assert/strict';
import { cardAction, cardInput, cardOf, cardReadout, cardTexts } from '../../support/cards';
import { STRANGER } from '../../support/test-bot';
import { broadcastRepositories } from '../../../src/features/broadcasts/tables';
import { ANNA, BroadcastDriver, CDOS, COORDINATOR, DANIEL, JUERGEN, JULIA, MARKUS, OTHER_COORDINATOR, inputs } from './driver';

const REFUSAL = 'Rundschreiben verschickt die Koordination (Martina Becker, Thomas Overbeck). Bitte wenden Sie sich an sie.';

/** The error shown right after the input (or the element holding it), '' when there is none. */
function errorNextTo(card: any, id: string): string {
  let found = '';
  const holds = (node: any): boolean => (Array.isArray(node) ? node.some(holds) : node && typeof node === 'object' ? node.id === id || Object.values(node).some(holds) : false);
  const walk = (node: any) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        const next = node[i + 1];
        if (holds(item) && !(item.type === 'Container' && holds(item.items)) && next?.type === 'TextBlock' && next.color === 'Attention') found = next.text;
        walk(item);
      });
    } else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(card.body);
  return found;
}

describe('broadcasts: writing, previewing, drafts, refusals and bad input', function () {
  this.timeout(120_000);
  let driver: BroadcastDriver;
  afterEach(async () => driver?.close());

  const stored = () => broadcastRepositories(driver.rig.bot.app.storage.store).broadcasts.list();

  describe('the form and the preview', () => {
    it('opens the form with the audiences, the municipalities of the directory and Preview', async () => {
      driver = await BroadcastDriver.start();
      const { card } = await driver.openForm();
      assert.equal(card.version, '1.5');
      assert.deepEqual(cardTexts(card).slice(0, 1), ['Neues Rundschreiben']);
      assert.deepEqual(
        ['title', 'text', 'audience', 'municipalities', 'linkTitle', 'link', 'ack', 'sendAt', 'sendAtTime'].map((id) => cardInput(card, id).type),
        ['Input.Text', 'Input.Text', 'Input.ChoiceSet', 'Input.ChoiceSet', 'Input.Text', 'Input.Text', 'Input.Toggle', 'Input.Date', 'Input.Time'],
      );
      assert.equal(cardInput(card, 'text').maxLength, 20000);
      assert.deepEqual(cardInput(card, 'audience').choices.map((c: any) => c.value), ['channel', 'cdos', 'municipalities', 'everyone', 'coordinators']);
      assert.equal(cardInput(card, 'municipalities').isMultiSelect, true);
      assert.equal(cardInput(card, 'municipalities').choices.length, 12);
      const preview = cardAction(card, 'broadcast.preview');
      const { token } = preview.data;
      assert.match(token, /^[0-9a-z]{13}$/, 'the id the new draft will have');
      assert.deepEqual([preview.type, preview.data, preview.fallback.type, preview.fallback.data], ['Action.Execute', { broadcastId: '', token }, 'Action.Submit', { broadcastId: '', token, verb: 'broadcast.preview' }]);
    });

    it('previews the message as recipients see it, with how many it reaches, through their chat, only the team or not at all', async () => {
      // Anna, Daniel and Jürgen wrote to the bot; Julia and Markus share no team with it; the others are only in the team.
      driver = await BroadcastDriver.start({}, { except: [JULIA, MARKUS] });
      await driver.greet([ANNA, DANIEL, JUERGEN]);
      // Jürgen was linked to his Teams account when he wrote: every instance sees it within ASK_REFRESH_SECONDS.
      await driver.settle(10_000);
      const { card } = await driver.preview({ ack: 'true', link: 'https://www.kreis-coesfeld.de/haushalt', linkTitle: 'Zur Vorlage' });
      assert.deepEqual(cardReadout(card), [
        'Vorschau – so sehen es die Empfänger:',
        'An 11 Personen (6 davon nur über das Team, 2 nicht erreichbar: Julia Ahlers, Markus Terhorst).',
        'Versand sofort nach „Senden“. Mit Bitte um Lesebestätigung.',
        'Haushaltsansätze 2027',
        'Rundschreiben von Martina Becker',
        'Bitte bis **Freitag** die Haushaltsansätze melden.',
      ]);
      const message = card.body.find((e: any) => e.type === 'Container' && e.style === 'emphasis');
      const [link, ack] = message.items.filter((e: any) => e.type === 'ActionSet').map((s: any) => s.actions[0]);
      assert.deepEqual([link.type, link.title, link.url], ['Action.OpenUrl', 'Zur Vorlage', 'https://www.kreis-coesfeld.de/haushalt']);
      assert.deepEqual([ack.title, ack.isEnabled], ['Gelesen ✓', false]);
      assert.deepEqual(card.actions.map((a: any) => [a.verb, a.title]), [['broadcast.send', 'Senden'], ['broadcast.edit', 'Bearbeiten'], ['broadcast.discard', 'Verwerfen']]);
      assert.equal(driver.connector.calls.filter((c) => c.kind === 'createConversation').length, 0, 'the preview opens no chat');
    });

    it('previews and sends for clients without Universal Actions (Action.Submit), replacing the card with an update', async () => {
      driver = await BroadcastDriver.start();
      const form = await driver.openForm();
      const user = driver.rig.member(COORDINATOR);
      await driver.rig.bot.post(driver.rig.bot.teams.submitAction({ ...inputs(), verb: 'broadcast.preview' }, { user, replyToId: form.activityId }));
      const preview = cardOf(driver.cardUpdates(form).at(-1)!.body);
      const send = cardAction(preview, 'broadcast.send');
      assert.deepEqual(send.fallback.data, { broadcastId: send.data.broadcastId, verb: 'broadcast.send' });
      await driver.rig.bot.post(driver.rig.bot.teams.submitAction(send.fallback.data, { user, replyToId: form.activityId }));
      assert.equal(cardTexts(cardOf(driver.cardUpdates(form).at(-1)!.body))[1], 'Wird gesendet … · Alle CDOs (1:1)');
      await driver.settle(30_000);
      for (const email of CDOS) assert.equal(driver.copiesTo(email).length, 1, email);
    });

    it('stores one draft when Preview is clicked twice at once on the same form', async () => {
      driver = await BroadcastDriver.start();
      const form = await driver.openForm();
      const data = { ...cardAction(form.card, 'broadcast.preview').data, ...inputs({ broadcastId: '' }) };
      const [first, second] = await Promise.all([driver.click('broadcast.preview', data, form), driver.click('broadcast.preview', data, form)]);
      assert.equal(cardAction(first, 'broadcast.send').data.broadcastId, cardAction(second, 'broadcast.send').data.broadcastId);
      assert.equal((await stored()).length, 1);
    });

    it('previews the one-line command the same way', async () => {
      driver = await BroadcastDriver.start();
      const reply = await driver.say('Rundschreiben an alle CDOs: Bitte bis Freitag die Haushaltsansätze melden.');
      assert.deepEqual(cardReadout(cardOf(reply)), [
        'Vorschau – so sehen es die Empfänger:',
        'An 11 Personen (11 davon nur über das Team).',
        'Versand sofort nach „Senden“.',
        'Mitteilung der Koordination',
        'Rundschreiben von Martina Becker',
        'Bitte bis Freitag die Haushaltsansätze melden.',
      ]);
      const [draft] = await stored();
      assert.deepEqual([draft?.state, draft?.audience, draft?.content.text, draft?.authorEmail], ['draft', 'cdos', 'Bitte bis Freitag die Haushaltsansätze melden.', COORDINATOR]);
    });

    it('writes in English to someone whose Teams is English, municipalities named in the one line', async () => {
      driver = await BroadcastDriver.start();
      const reply = await driver.say('broadcast to Dülmen and Olfen: Please report your budget figures by Friday.', COORDINATOR, 'en-US');
      assert.deepEqual(cardReadout(cardOf(reply)).slice(0, 3), ['Preview – this is what recipients see:', 'To 3 people (3 of them only through the team).', 'Sent right after “Send”.']);
      assert.equal(cardTexts(cardOf(reply))[4], 'Broadcast from Martina Becker');
      assert.deepEqual((await stored())[0]?.municipalities, ['Dülmen', 'Olfen']);
      const form = await driver.openForm(COORDINATOR, 'en-US');
      assert.equal(cardTexts(form.card)[0], 'New broadcast');
    });

    it('keeps drafts until sent or discarded: listed, opened in the form, changed, discarded', async () => {
      driver = await BroadcastDriver.start();
      const preview = await driver.preview();
      await driver.rig.until('2026-11-30T09:00:00.000Z');
      const list = cardOf(await driver.say('Entwürfe'));
      assert.deepEqual(cardReadout(list), ['Ihre Entwürfe', 'Haushaltsansätze 2027', 'Alle CDOs (1:1) · zuletzt geändert Mo., 30.11.2026, 09:00']);
      assert.equal(cardOf(await driver.say('Entwürfe', OTHER_COORDINATOR)).body[1].text, 'Sie haben keine Entwürfe. Mit „Rundschreiben“ beginnen Sie eines.');

      const form = await driver.click('broadcast.edit', cardAction(list.body[1].items.at(-1), 'broadcast.edit').data, preview);
      assert.deepEqual([cardTexts(form)[0], cardInput(form, 'title').value, cardInput(form, 'audience').value], ['Rundschreiben bearbeiten', 'Haushaltsansätze 2027', 'cdos']);
      const changed = await driver.click('broadcast.preview', { ...cardAction(form, 'broadcast.preview').data, ...inputs({ broadcastId: preview.broadcastId, title: 'Haushalt 2027' }) }, preview);
      assert.equal(cardTexts(changed)[3], 'Haushalt 2027');
      assert.deepEqual((await stored()).map((b) => [b.id, b.content.title]), [[preview.broadcastId, 'Haushalt 2027']], 'the same draft, changed');

      const discarded = await driver.click('broadcast.discard', { broadcastId: preview.broadcastId }, preview);
      assert.deepEqual(cardReadout(discarded), ['Entwurf verworfen', '„Haushalt 2027“ ist gelöscht. Mit „Rundschreiben“ beginnen Sie ein neues.']);
      assert.deepEqual(await stored(), []);
      assert.equal(cardOf(await driver.say('drafts')).body[1].text, 'Sie haben keine Entwürfe. Mit „Rundschreiben“ beginnen Sie eines.');
    });

    it('lists the latest five broadcasts with their counts, each with its report', async () => {
      driver = await BroadcastDriver.start();
      for (let i = 1; i <= 6; i++) {
        await driver.send({ title: `Rundschreiben ${i}`, audience: 'coordinators', ack: 'true' });
        await driver.settle(60_000);
      }
      await driver.settle(30_000);
      const list = cardOf(await driver.say('Rundschreiben Status'));
      assert.deepEqual(cardTexts(list).slice(0, 4), ['Die letzten Rundschreiben', 'Rundschreiben 6', 'Koordination (1:1) · gesendet, abgeschlossen am Mo., 30.11.2026, 09:05', '2 zugestellt, 0 fehlgeschlagen, 0 nicht erreichbar, 0 ausstehend · 0 gelesen']);
      assert.deepEqual(list.body.slice(1).map((item: any) => item.items[0].text), ['Rundschreiben 6', 'Rundschreiben 5', 'Rundschreiben 4', 'Rundschreiben 3', 'Rundschreiben 2']);
      const report = await driver.click('broadcast.report', cardAction(list.body[1].items.at(-1), 'broadcast.report').data, { activityId: 'list' }, OTHER_COORDINATOR);
      assert.equal(cardTexts(report)[0], 'Rundschreiben „Rundschreiben 6“');
    });
  });

  describe('who may', () => {
    it('refuses everyone but the coordinators, naming them, and stores nothing', async () => {
      driver = await BroadcastDriver.start();
      for (const text of ['Rundschreiben', 'Rundschreiben Status', 'Entwürfe', 'Rundschreiben an alle: Hallo']) assert.equal((await driver.say(text, ANNA)).text, REFUSAL, text);
      const stranger = await driver.rig.bot.reply(driver.rig.bot.teams.personalMessage('broadcast', { user: STRANGER }));
      assert.equal(stranger.text, REFUSAL);
      assert.equal(await driver.clickForText('broadcast.preview', inputs(), { activityId: 'form' }, ANNA), REFUSAL);
      assert.deepEqual(await stored(), []);
    });

    it('asks a coordinator writing in a channel to write 1:1', async () => {
      driver = await BroadcastDriver.start();
      const reply = await driver.rig.bot.reply(driver.rig.bot.teams.channelMessage('Rundschreiben', { user: driver.rig.member(COORDINATOR) }));
      assert.equal(reply.text, 'Rundschreiben schreiben Sie mir bitte im 1:1-Chat.');
    });

    it("leaves another coordinator's draft alone: no send, edit or discard", async () => {
      driver = await BroadcastDriver.start();
      const preview = await driver.preview();
      for (const verb of ['broadcast.send', 'broadcast.edit', 'broadcast.discard', 'broadcast.cancel']) {
        assert.equal(
          await driver.clickForText(verb, { broadcastId: preview.broadcastId }, preview, OTHER_COORDINATOR),
          '„Haushaltsansätze 2027“ hat Martina Becker geschrieben; nur die Verfasserin oder der Verfasser kann es ändern oder senden.',
        );
      }
      await driver.settle(10_000);
      assert.deepEqual((await stored()).map((b) => b.state), ['draft']);
      assert.equal(CDOS.reduce((n, email) => n + driver.copiesTo(email).length, 0), 0);
    });

    it('offers and allows only the audiences BROADCAST_AUDIENCES gives a coordinator', async () => {
      driver = await BroadcastDriver.start({ BROADCAST_AUDIENCES: `${OTHER_COORDINATOR}=channel,coordinators` });
      const { card } = await driver.openForm(OTHER_COORDINATOR);
      assert.deepEqual(cardInput(card, 'audience').choices.map((c: any) => c.value), ['channel', 'coordinators']);
      const form = await driver.click('broadcast.preview', inputs({ audience: 'cdos' }), { activityId: 'form' }, OTHER_COORDINATOR);
      assert.equal(errorNextTo(form, 'audience'), 'An diese Zielgruppe dürfen Sie nicht schreiben.');
      assert.deepEqual(cardInput((await driver.openForm(COORDINATOR)).card, 'audience').choices.length, 5, 'others are not restricted');
      assert.deepEqual(await stored(), []);
    });
  });

  describe('bad input: the form comes back with the problem next to the input, and nothing is stored', () => {
    const cases: [string, Record<string, string>, string, string][] = [
      ['an empty title', { title: '  ' }, 'title', 'Bitte ausfüllen.'],
      ['an empty text', { text: '' }, 'text', 'Bitte ausfüllen.'],
      ['a text over 20,000 characters', { text: 'ä'.repeat(20_001) }, 'text', 'Höchstens 20.000 Zeichen (jetzt 20.001).'],
      ['a link that is not http(s)', { link: 'javascript:alert(1)' }, 'link', 'Bitte eine Adresse angeben, die mit http:// oder https:// beginnt.'],
      ['an ftp link', { link: 'ftp://example.org/datei' }, 'link', 'Bitte eine Adresse angeben, die mit http:// oder https:// beginnt.'],
      ['a link title without a link', { linkTitle: 'Mehr' }, 'link', 'Zur Beschriftung fehlt die Adresse des Links.'],
      ['a time in the past', { sendAt: '2026-11-30', sendAtTime: '08:59' }, 'sendAtTime', 'Dieser Zeitpunkt ist schon vorbei.'],
      ['a date without a time', { sendAt: '2026-12-01' }, 'sendAtTime', 'Zum Datum fehlt die Uhrzeit.'],
      ['a date that does not exist', { sendAt: '2026-02-30', sendAtTime: '09:00' }, 'sendAtTime', 'Bitte ein gültiges Datum und eine Uhrzeit angeben, z. B. 2026-12-01 und 09:00.'],
      ['selected municipalities with none chosen', { audience: 'municipalities', municipalities: '' }, 'municipalities', 'Bitte mindestens eine Gemeinde wählen.'],
      ['an unknown municipality', { audience: 'municipalities', municipalities: 'Dülmen,Atlantis' }, 'municipalities', 'Unbekannte Gemeinde: Atlantis.'],
      ['an unknown audience', { audience: 'mars' }, 'audience', 'Bitte eine der angebotenen Zielgruppen wählen.'],
      ['the channel before it is set', { audience: 'channel' }, 'audience', 'Es ist noch kein Kanal der Gruppe festgelegt: Schreiben Sie dort „@Kümmerer hier posten“.'],
    ];
    for (const [what, values, id, error] of cases) {
      it(`refuses ${what}`, async () => {
        driver = await BroadcastDriver.start();
        const form = await driver.openForm();
        const answer = await driver.click('broadcast.preview', inputs(values), form);
        assert.equal(cardTexts(answer)[0], 'Neues Rundschreiben');
        assert.equal(errorNextTo(answer, id), error);
        assert.deepEqual(await stored(), []);
      });
    }

    it("refuses card data naming another author's draft, and changes that draft not", async () => {
      driver = await BroadcastDriver.start();
      const theirs = await driver.preview({ title: 'Entwurf von Thomas' }, OTHER_COORDINATOR);
      const form = await driver.openForm();
      const answer = await driver.click('broadcast.preview', inputs({ broadcastId: theirs.broadcastId, title: 'Übernommen' }), form);
      assert.equal(cardTexts(answer)[2], 'Dieser Entwurf gehört jemand anderem und bleibt unverändert; „Vorschau“ legt einen eigenen an.');
      assert.equal(cardAction(answer, 'broadcast.preview').data.broadcastId, '', 'Preview now makes a draft of her own');
      assert.deepEqual((await stored()).map((b) => [b.authorEmail, b.content.title]), [[OTHER_COORDINATOR, 'Entwurf von Thomas']]);
    });

    it('refuses an audience that reaches nobody', async () => {
      driver = await BroadcastDriver.start();
      await driver.rig.bot.app.storage.repos.municipalities.upsert([{ name: 'Neustadt', kind: 'municipality', website: '' }]);
      await driver.settle(10_000);
      const answer = await driver.click('broadcast.preview', inputs({ audience: 'municipalities', municipalities: 'Neustadt' }), await driver.openForm());
      assert.equal(errorNextTo(answer, 'audience'), 'Diese Auswahl erreicht niemanden.');
      assert.deepEqual(await stored(), []);
    });

    it('refuses a read confirmation toggle for the channel', async () => {
      driver = await BroadcastDriver.start();
      await driver.setHomeChannel();
      const answer = await driver.click('broadcast.preview', inputs({ audience: 'channel', ack: 'true' }), await driver.openForm());
      assert.equal(errorNextTo(answer, 'ack'), 'Eine Lesebestätigung gibt es nur bei Rundschreiben 1:1, nicht im Kanal.');
      assert.deepEqual(await stored(), []);
    });

    it('refuses the one line with an unknown municipality on the form, filled in', async () => {
      driver = await BroadcastDriver.start();
      const form = cardOf(await driver.say('Rundschreiben an Atlantis: Hallo'));
      assert.equal(errorNextTo(form, 'municipalities'), 'Unbekannte Gemeinde: Atlantis.');
      assert.equal(cardInput(form, 'text').value, 'Hallo');
      assert.deepEqual(await stored(), []);
    });

    it('sends nothing for card data that names no broadcast', async () => {
      driver = await BroadcastDriver.start();
      for (const broadcastId of ['', 'nonsense', '0000000000000', 42]) {
        assert.equal(await driver.clickForText('broadcast.send', { broadcastId }, { activityId: 'x' }), 'Dieses Rundschreiben gibt es nicht (mehr).');
      }
      await driver.settle(10_000);
      assert.equal(CDOS.reduce((n, email) => n + driver.copiesTo(email).length, 0), 0);
    });
  });
});
