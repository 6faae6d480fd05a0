import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { DeliveryPipeline } from '../../../src/platform/delivery/pipeline';
import { BOT, GROUP_CHAT_ID, TEAM } from '../../support/activities';
import { runFor } from '../../support/clock';
import { ANNA, BEN, CARLA, DeliveryRig, item, person, personalChatOf, text, toPerson } from '../../support/delivery-rig';
import { addressOf } from '../../../src/platform/teams/conversation-address';
import { teamsError } from '../../support/teams-connector';

describe('delivery pipeline', () => {
  let rig: DeliveryRig;
  let outbox: DeliveryPipeline;

  beforeEach(async () => {
    rig = await DeliveryRig.start();
    outbox = await rig.pipeline();
  });
  afterEach(async () => {
    sinon.restore();
    await rig.close();
  });

  const settle = (ms = 0, ...more: DeliveryPipeline[]) => runFor(rig.clock, ms, outbox, ...more);
  const sendsTo = (conversationId: string) => rig.connector.calls.filter((c) => c.conversationId === conversationId && c.kind === 'send');

  describe('recipients', () => {
    it('sends a 1:1 message into the stored personal chat and records it sent with the activity id', async () => {
      const queued = await outbox.enqueue(item('round-1', ANNA.email!, toPerson(ANNA), text('Bitte den Status melden')));
      assert.equal(queued.id, `round-1|${ANNA.email}`);
      assert.equal(queued.status, 'pending');
      await settle();

      const [call] = sendsTo(personalChatOf(ANNA));
      assert.equal(call!.body.text, 'Bitte den Status melden');
      assert.equal(call!.body.type, 'message');
      assert.deepEqual(call!.body.from, BOT);
      assert.equal(call!.body.recipient.id, ANNA.id);
      const sent = await outbox.get(queued.id);
      assert.equal(sent!.status, 'sent');
      assert.equal(sent!.activityId, call!.assignedId);
      assert.equal(sent!.conversationId, personalChatOf(ANNA));
      assert.equal(sent!.attempts, 1);
      assert.equal(sent!.sentAt, '2025-03-10T08:00:00.000Z');
      assert.ok(rig.logs.find('delivery sent').some((line) => line.deliveryId === queued.id));
    });

    it('sends a message once although it is enqueued twice with the same batch and key', async () => {
      const first = await outbox.enqueue(item('round-1', 'anna', toPerson(ANNA), text('erste Fassung')));
      await settle();
      const second = await outbox.enqueue(item('round-1', 'anna', toPerson(ANNA), text('zweite Fassung')));
      await settle();
      assert.equal(second.id, first.id);
      assert.equal(second.status, 'sent');
      assert.deepEqual(sendsTo(personalChatOf(ANNA)).map((c) => c.body.text), ['erste Fassung']);
    });

    it('creates the 1:1 chat of a person who shares a team with the bot, stores it and links the person', async () => {
      await outbox.enqueue(item('round-1', 'ben', toPerson(BEN), text('Hallo Ben')));
      await settle();

      const create = rig.connector.calls.find((c) => c.kind === 'createConversation')!;
      assert.equal(create.body.isGroup, false);
      assert.deepEqual(create.body.members, [{ id: BEN.id }]);
      assert.equal(create.body.tenantId, '7d1e5f3a-2c4b-4a9e-8f10-1b2c3d4e5f60');
      assert.deepEqual(create.body.bot, BOT);
      assert.deepEqual(sendsTo(create.assignedId).map((c) => c.body.text), ['Hallo Ben']);
      const address = await rig.conversations.getPersonal(BEN.aadObjectId);
      assert.equal(address!.conversationId, create.assignedId);
      assert.equal((await rig.people.get(BEN.email!))!.aadObjectId, BEN.aadObjectId);

      await outbox.enqueue(item('round-2', 'ben', toPerson(BEN), text('Nochmal hallo')));
      await settle();
      assert.equal(rig.connector.calls.filter((c) => c.kind === 'createConversation').length, 1);
      assert.deepEqual(sendsTo(create.assignedId).map((c) => c.body.text), ['Hallo Ben', 'Nochmal hallo']);
    });

    it('records a person unreachable who shares no team with the bot, and one who is not in the directory', async () => {
      rig.connector.clear();
      // The bot left the team: nobody without a 1:1 chat can be reached any more.
      await rig.conversations.remove('team', TEAM.id);
      const stranger = await outbox.enqueue(item('round-1', 'stranger', { kind: 'person', email: 'nobody@example.org' }));
      const ben = await outbox.enqueue(item('round-1', 'ben', toPerson(BEN)));
      await settle();
      assert.equal((await outbox.get(stranger.id))!.status, 'unreachable');
      assert.equal((await outbox.get(stranger.id))!.errorCode, 'unknownPerson');
      assert.equal((await outbox.get(ben.id))!.status, 'unreachable');
      assert.equal((await outbox.get(ben.id))!.errorCode, 'notInTeam');
      assert.deepEqual(rig.connector.calls, []);
      assert.equal(rig.logs.find('recipient unreachable').length, 2);
    });

    it('says how each person would be reached, without opening a chat or sending anything', async () => {
      const dora = { email: 'dora.lang@havixbeck.example', name: 'Dora Lang', roles: ['cdo' as const], municipality: 'Havixbeck', aadObjectId: 'dddddddd-0000-4000-8000-000000000004' };
      await rig.conversations.markStale('personal', ANNA.aadObjectId, { since: '2025-03-01T00:00:00.000Z', reason: 'ConversationBlockedByUser' });
      const reach = await outbox.reachability([person(ANNA), person(BEN, false), person(CARLA), dora]);
      assert.deepEqual(reach, [{ kind: 'unreachable', reason: 'conversationStale' }, { kind: 'team' }, { kind: 'team' }, { kind: 'unreachable', reason: 'notInTeam' }]);
      await rig.conversations.add(addressOf(rig.teams.personalMessage('hallo', { user: ANNA }), rig.clock.now()));
      assert.deepEqual(await outbox.reachability([person(ANNA)]), [{ kind: 'chat' }]);
      assert.equal(rig.connector.calls.length, 0);
      assert.equal(rig.connector.rosterReads, 1, "the team's members are read once");
    });

    it("reports a batch's outcomes without reading its messages", async () => {
      rig.connector.injectFault({ status: 403, body: teamsError('ConversationBlockedByUser', 'blocked'), conversationId: personalChatOf(ANNA) });
      await outbox.enqueueMany([item('broadcast-2', 'anna', toPerson(ANNA), text('eine lange Nachricht')), item('broadcast-2', 'ben', toPerson(BEN))]);
      await settle();
      const outcomes = await outbox.outcomes('broadcast-2');
      const { deliveries } = await outbox.status('broadcast-2');
      assert.deepEqual(outcomes, deliveries.map(({ payload: _payload, ...outcome }) => outcome));
      assert.deepEqual(outcomes.map((o) => [o.key, o.status, o.errorCode]), [['anna', 'failed', 'ConversationBlockedByUser'], ['ben', 'sent', '']]);
      assert.equal('payload' in outcomes[0]!, false);
    });

    it('posts into a channel as a new post and replies in its thread', async () => {
      const post = await outbox.enqueue(item('digest-1', 'channel', { kind: 'channel', teamId: TEAM.id }, text('Zusammenfassung der Runde')));
      await settle();
      const create = rig.connector.calls.find((c) => c.kind === 'createConversation')!;
      assert.equal(create.body.isGroup, true);
      assert.deepEqual(create.body.channelData.channel, { id: TEAM.id });
      assert.equal(create.body.activity.text, 'Zusammenfassung der Runde');
      const sent = (await outbox.get(post.id))!;
      assert.equal(sent.status, 'sent');
      assert.match(sent.conversationId, /^19:team-ag-digital@thread\.tacv2;messageid=/);
      assert.equal(sent.conversationId, `${TEAM.id};messageid=${sent.activityId}`);

      await outbox.enqueue(item('digest-1', 'reply', { kind: 'thread', teamId: TEAM.id, channelId: TEAM.id, messageId: sent.activityId }, text('Nachtrag')));
      await settle();
      assert.deepEqual(sendsTo(sent.conversationId).map((c) => c.body.text), ['Nachtrag']);

      // The post itself is updated in place in its thread.
      await outbox.update(post.id, text('Zusammenfassung der Runde (ergänzt)'));
      await settle();
      const [put] = rig.connector.calls.filter((c) => c.kind === 'update');
      assert.equal(put!.conversationId, sent.conversationId);
      assert.equal(put!.activityId, sent.activityId);
      assert.equal(put!.body.text, 'Zusammenfassung der Runde (ergänzt)');
    });

    it('replies in the thread of a channel post queued with it, once that post is sent', async () => {
      rig.connector.injectFault({ status: 503, headers: { 'retry-after': '4' }, pathIncludes: '/v3/conversations', method: 'POST' });
      const post = await outbox.enqueue(item('meeting-1', 'announcement', { kind: 'channel', teamId: TEAM.id }, text('Neue Sitzung')));
      const reply = await outbox.enqueue(item('meeting-1', 'reminder', { kind: 'threadOf', deliveryId: post.id }, text('Erinnerung')));
      await settle();
      // The post was throttled: the reply waits for it instead of going anywhere else.
      assert.equal((await outbox.get(reply.id))!.status, 'pending');
      assert.deepEqual(rig.connector.calls.map((c) => [c.kind, c.status]), [['createConversation', 503]]);

      await settle(4_000);
      const sent = (await outbox.get(post.id))!;
      assert.equal(sent.status, 'sent');
      assert.deepEqual(sendsTo(sent.conversationId).map((c) => c.body.text), ['Erinnerung']);
      assert.equal(sendsTo(sent.conversationId)[0]!.conversationId, `${TEAM.id};messageid=${sent.activityId}`);
      assert.equal((await outbox.get(reply.id))!.status, 'sent');
    });

    it('replies in the thread of a post that another instance sent', async () => {
      const other = await rig.pipeline({ start: false });
      const post = await other.enqueue(item('meeting-1', 'announcement', { kind: 'channel', teamId: TEAM.id }, text('Neue Sitzung')));
      await outbox.enqueue(item('meeting-1', 'agenda', { kind: 'threadOf', deliveryId: post.id }, text('Tagesordnung')));
      await settle();
      assert.equal(rig.connector.calls.length, 0);
      // The other instance sends the post now; this one looks again within half a minute.
      await other.start();
      await settle(30_000, other);
      const sent = (await outbox.get(post.id))!;
      assert.deepEqual(sendsTo(sent.conversationId).map((c) => c.body.text), ['Tagesordnung']);
    });

    it('records a reply unreachable whose channel post failed, or that names no channel post', async () => {
      rig.connector.injectFault({ status: 403, body: teamsError('BotNotInConversationRoster'), pathIncludes: '/v3/conversations', method: 'POST' });
      const post = await outbox.enqueue(item('meeting-1', 'announcement', { kind: 'channel', teamId: TEAM.id }, text('Neue Sitzung')));
      const reply = await outbox.enqueue(item('meeting-1', 'reminder', { kind: 'threadOf', deliveryId: post.id }, text('Erinnerung')));
      const toChat = await outbox.enqueue(item('note-1', 'chat', { kind: 'groupChat', conversationId: GROUP_CHAT_ID }, text('Hallo')));
      const notAPost = await outbox.enqueue(item('note-1', 'reply', { kind: 'threadOf', deliveryId: toChat.id }, text('Antwort')));
      const missing = await outbox.enqueue(item('note-1', 'missing', { kind: 'threadOf', deliveryId: 'nothing|here' }, text('Antwort')));
      await settle();
      for (const id of [reply.id, notAPost.id, missing.id]) {
        const delivery = (await outbox.get(id))!;
        assert.deepEqual([delivery.status, delivery.errorCode], ['unreachable', 'threadNotPosted'], id);
      }
      assert.deepEqual(rig.connector.calls.map((c) => [c.kind, c.status]), [
        ['createConversation', 403],
        ['send', 200],
      ]);
    });

    it('posts into a group chat the bot was added to', async () => {
      await outbox.enqueue(item('note-1', 'chat', { kind: 'groupChat', conversationId: GROUP_CHAT_ID }, text('Hallo zusammen')));
      await outbox.enqueue(item('note-1', 'other', { kind: 'groupChat', conversationId: '19:unknown@thread.v2' }));
      await settle();
      assert.deepEqual(sendsTo(GROUP_CHAT_ID).map((c) => c.body.text), ['Hallo zusammen']);
      assert.equal((await outbox.get('note-1|other'))!.errorCode, 'chatNotInstalled');
    });
  });

  describe('updates in place', () => {
    it('replaces a sent message with a PUT of the same activity', async () => {
      const queued = await outbox.enqueue(item('broadcast-1', 'progress', toPerson(ANNA), text('0 von 3 zugestellt')));
      await settle();
      const { activityId } = (await outbox.get(queued.id))!;
      const updated = await outbox.update(queued.id, text('3 von 3 zugestellt'));
      assert.equal(updated!.status, 'pending');
      await settle();

      const puts = rig.connector.calls.filter((c) => c.kind === 'update');
      assert.equal(puts.length, 1);
      assert.equal(puts[0]!.activityId, activityId);
      assert.equal(puts[0]!.conversationId, personalChatOf(ANNA));
      assert.equal(puts[0]!.body.text, '3 von 3 zugestellt');
      const after = (await outbox.get(queued.id))!;
      assert.equal(after.status, 'sent');
      assert.equal(after.revision, 2);
      assert.equal(after.sentRevision, 2);
    });

    it('adopts a message answered within a turn and updates it in place later', async () => {
      const card = item('broadcast-1', 'card', toPerson(ANNA), text('Wird gesendet …'));
      const adopted = await outbox.adopt(card, { activityId: 'activity-7', conversationId: personalChatOf(ANNA) });
      assert.deepEqual([adopted.status, adopted.activityId, adopted.sentRevision, adopted.sentAt], ['sent', 'activity-7', 1, '2025-03-10T08:00:00.000Z']);
      const again = await outbox.adopt({ ...card, payload: text('anders') }, { activityId: 'activity-8', conversationId: personalChatOf(ANNA) });
      assert.deepEqual([again.activityId, again.payload], ['activity-7', text('Wird gesendet …')]);
      await settle();
      assert.equal(rig.connector.calls.length, 0, 'nothing is sent for a message adopted');

      await outbox.update(adopted.id, text('3 von 3 gesendet'));
      await settle();
      const [put] = rig.connector.calls;
      assert.deepEqual([rig.connector.calls.length, put!.kind, put!.conversationId, put!.activityId, put!.body.text], [1, 'update', personalChatOf(ANNA), 'activity-7', '3 von 3 gesendet']);
      assert.equal((await outbox.get(adopted.id))!.sentRevision, 2);
    });

    it('sends only the latest of several updates, also when another instance made them', async () => {
      const queued = await outbox.enqueue(item('broadcast-1', 'progress', toPerson(ANNA), text('0 von 3')));
      await settle();
      // An instance that is not sending (as if busy elsewhere) takes the updates; this one finds them at its sweep.
      const other = await rig.pipeline({ start: false });
      await other.update(queued.id, text('1 von 3'));
      await other.update(queued.id, text('2 von 3'));
      await settle(30_000);
      assert.deepEqual(
        rig.connector.calls.filter((c) => c.kind === 'update').map((c) => c.body.text),
        ['2 von 3'],
      );
      assert.equal((await outbox.get(queued.id))!.sentRevision, 3);
    });

    it('sends the new text when a message is updated before it was sent', async () => {
      rig.connector.injectFault({ status: 503, headers: { 'retry-after': '5' } });
      const queued = await outbox.enqueue(item('broadcast-1', 'progress', toPerson(ANNA), text('alt')));
      await settle();
      await outbox.update(queued.id, text('neu'));
      await settle(5_000);
      assert.deepEqual(sendsTo(personalChatOf(ANNA)).map((c) => [c.status, c.body.text]), [
        [503, 'alt'],
        [200, 'neu'],
      ]);
      assert.equal(rig.connector.calls.filter((c) => c.kind === 'update').length, 0);
    });

    it('does not update a failed delivery', async () => {
      rig.connector.injectFault({ status: 403, body: teamsError('ConversationBlockedByUser', 'User blocked the conversation with the bot.') });
      const queued = await outbox.enqueue(item('broadcast-1', 'anna', toPerson(ANNA)));
      await settle();
      const result = await outbox.update(queued.id, text('neu'));
      assert.equal(result!.status, 'failed');
      await settle();
      assert.equal(rig.connector.calls.length, 1);
    });
  });

  describe('retries and final failures', () => {
    it('waits as long as Retry-After says after a 429, then sends', async () => {
      rig.connector.injectFault({ status: 429, headers: { 'retry-after': '3' }, body: teamsError('Throttled') });
      const queued = await outbox.enqueue(item('round-1', 'anna', toPerson(ANNA)));
      await settle();
      const waiting = (await outbox.get(queued.id))!;
      assert.equal(waiting.status, 'pending');
      assert.equal(waiting.nextAttemptAt, '2025-03-10T08:00:03.000Z');
      assert.equal(waiting.lastError, '429 Throttled: Throttled');

      await settle(2_999);
      assert.equal(sendsTo(personalChatOf(ANNA)).length, 1);
      await settle(1);
      assert.deepEqual(sendsTo(personalChatOf(ANNA)).map((c) => c.status), [429, 200]);
      const sent = (await outbox.get(queued.id))!;
      assert.equal(sent.status, 'sent');
      assert.equal(sent.attempts, 2);
      assert.equal(sent.lastError, '');
    });

    it('backs off exponentially with jitter after a 429 without Retry-After', async () => {
      rig.connector.injectFault({ status: 429, times: 2 });
      const queued = await outbox.enqueue(item('round-1', 'anna', toPerson(ANNA)));
      await settle();
      // Base 1 s, jitter 0.5: 0.5 s + 0.5 × 0.5 s; then 1 s + 0.5 × 1 s.
      assert.equal((await outbox.get(queued.id))!.nextAttemptAt, '2025-03-10T08:00:00.750Z');
      await settle(750);
      assert.equal((await outbox.get(queued.id))!.nextAttemptAt, '2025-03-10T08:00:02.250Z');
      await settle(1_500);
      assert.deepEqual(sendsTo(personalChatOf(ANNA)).map((c) => c.status), [429, 429, 200]);
    });

    it('retries a burst of 500s, 502s, 504s, a 412 and a network error, and sends once', async () => {
      for (const status of [500, 502, 504, 412]) rig.connector.injectFault({ status });
      rig.connector.injectFault({ status: 0, networkError: true });
      const queued = await outbox.enqueue(item('round-1', 'anna', toPerson(ANNA)));
      await settle(60_000);
      assert.deepEqual(sendsTo(personalChatOf(ANNA)).map((c) => c.status), [500, 502, 504, 412, 0, 200]);
      const sent = (await outbox.get(queued.id))!;
      assert.equal(sent.status, 'sent');
      assert.equal(sent.attempts, 6);
    });

    it('gives up after the configured attempts and records why', async () => {
      rig.connector.injectFault({ status: 500, times: 10 });
      const queued = await outbox.enqueue(item('round-1', 'anna', toPerson(ANNA)));
      await settle(120_000);
      assert.equal(sendsTo(personalChatOf(ANNA)).length, 6);
      const failed = (await outbox.get(queued.id))!;
      assert.equal(failed.status, 'failed');
      assert.equal(failed.attempts, 6);
      assert.equal(failed.errorCode, 'attemptsExhausted');
      assert.equal(failed.lastError, '500 InjectedFault: injected 500');
    });

    for (const [status, code] of [
      [403, 'ConversationBlockedByUser'],
      [403, 'BotNotInConversationRoster'],
      [404, 'ConversationNotFound'],
    ] as const) {
      it(`records ${status} ${code} as final, marks the chat stale and sends nothing more there`, async () => {
        rig.connector.injectFault({ status, body: teamsError(code, 'refused') });
        const first = await outbox.enqueue(item('round-1', 'anna', toPerson(ANNA)));
        await settle(60_000);
        const failed = (await outbox.get(first.id))!;
        assert.equal(failed.status, 'failed');
        assert.equal(failed.errorCode, code);
        assert.equal(failed.lastError, `${status} ${code}: refused`);
        assert.equal(failed.attempts, 1);
        assert.deepEqual((await rig.conversations.getPersonal(ANNA.aadObjectId))!.stale, { since: '2025-03-10T08:00:00.000Z', reason: code });

        const second = await outbox.enqueue(item('round-2', 'anna', toPerson(ANNA)));
        await settle();
        assert.equal((await outbox.get(second.id))!.errorCode, 'conversationStale');
        assert.equal(rig.connector.calls.length, 1);
      });
    }

    it('records 400 and 413 as final without retrying', async () => {
      rig.connector.injectFault({ status: 413, body: teamsError('MessageSizeTooBig', 'Message size too large') });
      rig.connector.injectFault({ status: 400, body: teamsError('BadArgument', 'Unknown activity type') });
      await outbox.enqueue(item('round-1', 'a', toPerson(ANNA)));
      await settle(60_000);
      await outbox.enqueue(item('round-1', 'b', toPerson(ANNA)));
      await settle(60_000);
      assert.deepEqual((await outbox.status('round-1')).deliveries.map((d) => [d.status, d.errorCode, d.attempts]), [
        ['failed', 'MessageSizeTooBig', 1],
        ['failed', 'BadArgument', 1],
      ]);
    });
  });
});
