import assert from 'node:assert/strict';
import sinon from 'sinon';
import { runFor } from '../../support/clock';
import { ANNA, BEN, DeliveryRig, item, personalChatOf, text, toPerson } from '../../support/delivery-rig';
import { startTestBot } from '../../support/test-bot';
import { CardRenderer } from '../../../src/platform/teams/cards';
import { TEAM } from '../../support/activities';
import { teamsError } from '../../support/teams-connector';

describe('delivery pipeline under limits, restarts and several instances', () => {
  let rig: DeliveryRig;

  beforeEach(async () => {
    rig = await DeliveryRig.start();
  });
  afterEach(async () => {
    sinon.restore();
    await rig.close();
  });

  /** Stores `count` group chats the bot was added to; their conversation ids. */
  async function groupChats(count: number): Promise<string[]> {
    const chats = Array.from({ length: count }, (_, i) => `a:chat-${i}`);
    for (const conversationId of chats) {
      await rig.conversations.add({ scope: 'groupChat', key: conversationId, conversationId, tenantId: '', teamId: '', userAadObjectId: '', reference: { serviceUrl: rig.connector.serviceUrl, bot: { id: '28:bot' } }, lastSeenAt: '' });
    }
    return chats;
  }

  /** The texts Teams accepted, in order, for one conversation. */
  const accepted = (conversationId: string) => rig.connector.accepted('send').filter((c) => c.conversationId === conversationId).map((c) => c.body.text as string);

  it('keeps to the per-conversation limits and lets other conversations pass a waiting one', async () => {
    rig.connector.enforceLimits({ now: () => rig.clock.now().getTime() });
    const outbox = await rig.pipeline({ concurrency: 4 });
    const many = Array.from({ length: 20 }, (_, i) => item('burst', `anna-${String(i).padStart(2, '0')}`, toPerson(ANNA)));
    await outbox.enqueueMany([...many, item('burst', 'ben', toPerson(BEN), text('für Ben'))]);

    await runFor(rig.clock, 0, outbox);
    // In the first second: 7 for Anna (her per-second limit), and Ben's message did not wait behind hers.
    assert.equal(accepted(personalChatOf(ANNA)).length, 7);
    const benChat = (await rig.conversations.getPersonal(BEN.aadObjectId))!.conversationId;
    assert.deepEqual(accepted(benChat), ['für Ben']);

    await runFor(rig.clock, 2_000, outbox);
    // 8 per 2 seconds: one more by then.
    assert.equal(accepted(personalChatOf(ANNA)).length, 8);
    await runFor(rig.clock, 60_000, outbox);
    assert.deepEqual(accepted(personalChatOf(ANNA)), many.map((m) => m.key));
    assert.equal(rig.connector.violations, 0);
    assert.equal(rig.connector.calls.filter((c) => c.status === 429).length, 0);
  });

  it('keeps to the app limit of 50 requests per second across conversations', async () => {
    rig.connector.enforceLimits({ now: () => rig.clock.now().getTime() });
    const outbox = await rig.pipeline({ concurrency: 16 });
    const chats = await groupChats(60);
    await outbox.enqueueMany(chats.map((conversationId) => item('app', conversationId, { kind: 'groupChat', conversationId })));
    await runFor(rig.clock, 0, outbox);
    assert.equal(rig.connector.accepted('send').length, 50);
    await runFor(rig.clock, 1_100, outbox);
    assert.equal(rig.connector.accepted('send').length, 60);
    assert.equal(rig.connector.violations, 0);
  });

  it('sends an update of a message already shown before the messages of a large batch waiting for the app limit', async () => {
    rig.connector.enforceLimits({ now: () => rig.clock.now().getTime() });
    const outbox = await rig.pipeline({ concurrency: 16 });
    const card = await outbox.enqueue(item('progress', 'card', toPerson(ANNA), text('0 von 120 gesendet')));
    await runFor(rig.clock, 0, outbox);
    const chats = await groupChats(120);
    await outbox.enqueueMany(chats.map((conversationId) => item('bulk', conversationId, { kind: 'groupChat', conversationId })));
    await runFor(rig.clock, 0, outbox);
    assert.equal(rig.connector.accepted('send').length, 50, 'the card and 49 of the batch in the first second');
    await outbox.update(card.id, text('49 von 120 gesendet'));
    const before = rig.connector.calls.length;
    await runFor(rig.clock, 1_100, outbox);
    // 71 messages of the batch were waiting before it; the update goes right after those already claimed for
    // their slot (at most `concurrency`), before the rest.
    const next = rig.connector.calls.slice(before);
    const at = next.findIndex((c) => c.kind === 'update');
    assert.ok(at >= 0 && at <= 16, `the update is request ${at} of the second second`);
    assert.equal(next[at]!.body.text, '49 von 120 gesendet');
    assert.equal(rig.connector.accepted('send').length, 99);
    assert.equal(rig.connector.violations, 0);
  });

  it('leaves room in the app limit for the requests a turn made, such as a reply to the coordinator', async () => {
    rig.connector.enforceLimits({ now: () => rig.clock.now().getTime() });
    const outbox = await rig.pipeline({ concurrency: 16 });
    const chats = await groupChats(60);
    // Two replies within turns, made outside the pipeline, in the same second.
    outbox.noteRequest('a:coordinator');
    outbox.noteRequest('19:channel@thread.tacv2;messageid=1700000000000');
    await outbox.enqueueMany(chats.map((conversationId) => item('app', conversationId, { kind: 'groupChat', conversationId })));
    await runFor(rig.clock, 0, outbox);
    assert.equal(rig.connector.accepted('send').length, 48);
    await runFor(rig.clock, 1_100, outbox);
    assert.equal(rig.connector.accepted('send').length, 60);
  });

  it('honours a 429 from a connector that enforces the limits when another instance used up the conversation', async () => {
    rig.connector.enforceLimits({ now: () => rig.clock.now().getTime(), retryAfterSeconds: 2 });
    const first = await rig.pipeline({ name: 'a' });
    const second = await rig.pipeline({ name: 'b' });
    await first.enqueueMany(Array.from({ length: 7 }, (_, i) => item('a', `m${i}`, toPerson(ANNA))));
    await runFor(rig.clock, 0, first, second);
    await second.enqueue(item('b', 'late', toPerson(ANNA), text('spät')));
    await runFor(rig.clock, 0, first, second);
    // The second instance counts on its own: Teams throttles its eighth message in the second and it waits 2 s.
    const late = (await second.get('b|late'))!;
    assert.equal(late.status, 'pending');
    assert.equal(late.lastError, '429 Throttled: rate limit exceeded');
    await runFor(rig.clock, 2_000, first, second);
    assert.equal((await second.get('b|late'))!.status, 'sent');
    assert.equal(accepted(personalChatOf(ANNA)).filter((t) => t === 'spät').length, 1);
  });

  it('reaches 300 team members without a 1:1 chat within the limits, through 500s and a throttling burst', async function () {
    // Hundreds of deliveries on the driven clock: CPU-bound, so a loaded machine must not turn it into a timeout.
    this.timeout(90_000);
    rig.connector.enforceLimits({ now: () => rig.clock.now().getTime() });
    rig.connector.injectRandomFaults({ rate: 0.03, status: 500, seed: 7 });
    rig.connector.injectFault({ status: 429, times: 5, headers: { 'retry-after': '2' } });
    const members = Array.from({ length: 300 }, (_, i) => {
      const n = String(i).padStart(3, '0');
      return { id: `29:member-${n}`, name: `Mitglied ${n}`, aadObjectId: `dddddddd-0000-4000-8000-000000000${n}`, email: `mitglied${n}@kommune.example` };
    });
    for (const member of members) rig.connector.addMember(member);
    await rig.people.upsert(members.map((m) => ({ email: m.email, name: m.name, roles: ['member' as const], municipality: '', aadObjectId: '' })));
    const outbox = await rig.pipeline({ concurrency: 8 });
    await outbox.enqueueMany(members.map((m) => item('all-hands', m.email, { kind: 'person', email: m.email }, text(`Hallo ${m.name}`))));
    await runFor(rig.clock, 10 * 60_000, outbox);

    const status = await outbox.status('all-hands');
    assert.deepEqual(status.counts, { pending: 0, sending: 0, sent: 300, failed: 0, unreachable: 0 });
    const texts = rig.connector.accepted('send').map((c) => c.body.text as string);
    assert.equal(texts.length, 300);
    assert.equal(new Set(texts).size, 300);
    assert.equal(rig.connector.violations, 0);
    // The member list read once for all; one new 1:1 chat per member, created and stored.
    assert.equal(rig.connector.rosterReads, 1);
    assert.equal(rig.connector.calls.filter((c) => c.kind === 'createConversation' && c.status === 201).length, 300);
    assert.equal((await rig.conversations.list('personal')).length, 301);
  });

  it('sends each message exactly once when stopped in the middle of a batch and started again', async () => {
    const before = await rig.pipeline({ name: 'before' });
    const batch = Array.from({ length: 30 }, (_, i) => item('round-7', `n${String(i).padStart(2, '0')}`, toPerson(ANNA)));
    await before.enqueueMany(batch);
    await runFor(rig.clock, 5_000, before);
    await before.stop();
    const sentBefore = accepted(personalChatOf(ANNA)).length;
    assert.ok(sentBefore > 0 && sentBefore < 30, `stopped after ${sentBefore} of 30`);
    const status = await before.status('round-7');
    assert.equal(status.counts.sent, sentBefore);
    assert.equal(status.counts.pending, 30 - sentBefore);

    const after = await rig.pipeline({ name: 'after' });
    await runFor(rig.clock, 120_000, after);
    assert.deepEqual(accepted(personalChatOf(ANNA)), batch.map((b) => b.key));
    assert.equal((await after.status('round-7')).counts.sent, 30);
  });

  it('lets a send in flight finish and records it when stopped, and leaves the rest pending', async () => {
    const outbox = await rig.pipeline();
    const held = rig.connector.holdNextAnswer();
    await outbox.enqueueMany([item('stop', 'a1', toPerson(ANNA)), item('stop', 'a2', toPerson(ANNA))]);
    // a1 is in flight: Teams has it but has not answered yet when the pipeline is told to stop.
    assert.equal((await held.received).body.text, 'a1');
    const stopped = outbox.stop();
    held.release();
    await stopped;
    const status = await outbox.status('stop');
    assert.deepEqual(status.deliveries.map((d) => [d.key, d.status]), [
      ['a1', 'sent'],
      ['a2', 'pending'],
    ]);
    assert.equal(status.deliveries[1]!.claimedBy, '');
  });

  it('lets two instances on the same tables send each message once', async () => {
    const one = await rig.pipeline({ name: 'one' });
    const two = await rig.pipeline({ name: 'two' });
    const batch = Array.from({ length: 12 }, (_, i) => item('round-8', `k${String(i).padStart(2, '0')}`, toPerson(ANNA)));
    await one.enqueueMany(batch.slice(0, 6));
    await two.enqueueMany(batch.slice(6));
    // Both sweep the outbox and find all twelve; the claims decide who sends what.
    await runFor(rig.clock, 120_000, one, two);
    assert.deepEqual([...accepted(personalChatOf(ANNA))].sort(), batch.map((b) => b.key));
    const senders = rig.logs.find('delivery sent').length;
    assert.equal(senders, 12);
  });

  it('sends a delivery again whose sender died during the send once its claim has expired', async () => {
    const outbox = await rig.pipeline({ start: false });
    const queued = await outbox.enqueue(item('round-9', 'anna', toPerson(ANNA), text('nach dem Absturz')));
    const stored = (await rig.deliveries.get(queued.id))!;
    await rig.deliveries.replace({ ...stored.value, status: 'sending', attempts: 1, claimedBy: 'dead-instance', claimUntil: '2025-03-10T08:02:00.000Z' }, stored.etag);

    const survivor = await rig.pipeline({ name: 'survivor' });
    await runFor(rig.clock, 60_000, survivor);
    assert.deepEqual(accepted(personalChatOf(ANNA)), []);
    await runFor(rig.clock, 90_000, survivor);
    assert.deepEqual(accepted(personalChatOf(ANNA)), ['nach dem Absturz']);
    const sent = (await survivor.get(queued.id))!;
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 2);
    assert.equal(rig.logs.find('it may arrive twice').length, 1);
  });

  it('marks a delivery sent again after an expired claim uncertain, and logs it with the claim it took over', async () => {
    const outbox = await rig.pipeline({ start: false });
    const queued = await outbox.enqueue(item('round-9', 'anna', toPerson(ANNA), text('nach dem Absturz')));
    const stored = (await rig.deliveries.get(queued.id))!;
    await rig.deliveries.replace({ ...stored.value, status: 'sending', claimedBy: 'dead-instance', claimUntil: '2025-03-10T08:00:20.000Z' }, stored.etag);

    const survivor = await rig.pipeline({ name: 'survivor' });
    await runFor(rig.clock, 30_000, survivor);
    const sent = (await survivor.get(queued.id))!;
    assert.deepEqual([sent.status, sent.uncertain], ['sent', true]);
    const [line] = rig.logs.find('uncertain: it may arrive twice');
    assert.equal(line!.level, 40);
    assert.equal(line!.deliveryId, queued.id);
    assert.equal(line!.claimedBy, 'dead-instance');
    assert.equal(line!.claimUntil, '2025-03-10T08:00:20.000Z');
  });

  it('claims a delivery it sends for the claim time only, so that it is taken over soon after its request was given up', async () => {
    const outbox = await rig.pipeline({ claimMs: 10_000 });
    const held = rig.connector.holdNextAnswer();
    await outbox.enqueue(item('round-10', 'anna', toPerson(ANNA), text('kurz')));
    await held.received;
    const inFlight = (await rig.deliveries.get('round-10|anna'))!.value;
    assert.deepEqual([inFlight.status, inFlight.claimUntil], ['sending', '2025-03-10T08:00:10.000Z']);
    held.release();
    await runFor(rig.clock, 0, outbox);
  });

  it('does not mark a delivery uncertain that it sends on its own claim, or that a stopped instance gave back', async () => {
    const before = await rig.pipeline({ name: 'before' });
    await before.enqueueMany(Array.from({ length: 12 }, (_, i) => item('round-11', `n${String(i).padStart(2, '0')}`, toPerson(ANNA))));
    await runFor(rig.clock, 1_000, before);
    await before.stop();
    const after = await rig.pipeline({ name: 'after' });
    await runFor(rig.clock, 60_000, after);
    const status = await after.status('round-11');
    assert.equal(status.counts.sent, 12);
    assert.deepEqual(status.deliveries.filter((d) => d.uncertain), []);
    assert.deepEqual(rig.logs.find('uncertain'), []);
  });

  it('reports a batch: counts per status and each delivery with its reason', async () => {
    rig.connector.injectFault({ status: 403, conversationId: personalChatOf(ANNA), body: { error: { code: 'ConversationBlockedByUser', message: 'blocked' } } });
    const outbox = await rig.pipeline();
    await outbox.enqueueMany([item('b-1', 'anna', toPerson(ANNA)), item('b-1', 'x', { kind: 'person', email: 'x@example.org' }), item('b-1', 'team', { kind: 'channel', teamId: TEAM.id })]);
    await runFor(rig.clock, 0, outbox);
    const status = await outbox.status('b-1');
    assert.equal(status.total, 3);
    assert.deepEqual(status.counts, { pending: 0, sending: 0, sent: 1, failed: 1, unreachable: 1 });
    assert.deepEqual(status.deliveries.map((d) => [d.key, d.status, d.errorCode]), [
      ['anna', 'failed', 'ConversationBlockedByUser'],
      ['team', 'sent', ''],
      ['x', 'unreachable', 'unknownPerson'],
    ]);
  });
});

describe('delivery pipeline in the running bot', () => {
  it('sends through the outbox of the started app, and clears a stale chat when the user writes again', async () => {
    const bot = await startTestBot();
    try {
      await bot.post(bot.teams.personalMessage('hallo'));
      await bot.connector.waitForActivities(1);
      const coordinator = (await bot.app.storage.repos.conversations.list('personal'))[0]!;
      // Teams refuses a message: the user blocked the bot. The chat is marked stale and nothing more goes there.
      bot.connector.injectFault({ method: 'POST', status: 403, body: teamsError('ConversationBlockedByUser', 'User blocked the conversation with the bot.') });
      const blocked = await bot.app.outbox.enqueue(item('app-1', 'blocked', { kind: 'person', email: 'm.becker@kreis-coesfeld.example' }));
      await bot.app.outbox.whenIdle();
      assert.equal((await bot.app.outbox.get(blocked.id))!.errorCode, 'ConversationBlockedByUser');
      assert.equal((await bot.app.storage.repos.conversations.getPersonal(coordinator.key))!.stale?.reason, 'ConversationBlockedByUser');
      const refused = await bot.app.outbox.enqueue(item('app-1', 'stale', { kind: 'person', email: 'm.becker@kreis-coesfeld.example' }));
      await bot.app.outbox.whenIdle();
      assert.equal((await bot.app.outbox.get(refused.id))!.errorCode, 'conversationStale');

      await bot.post(bot.teams.personalMessage('hallo nochmal'));
      await bot.connector.waitForActivities(2);
      assert.equal((await bot.app.storage.repos.conversations.getPersonal(coordinator.key))!.stale, undefined);
      await bot.app.outbox.enqueue(item('app-1', 'fresh', { kind: 'person', email: 'm.becker@kreis-coesfeld.example' }, text('Neue Check-in-Runde')));
      const [, , proactive] = await bot.connector.waitForActivities(3);
      assert.equal(proactive!.body.text, 'Neue Check-in-Runde');
      assert.equal(proactive!.conversationId, 'a:personal-29:martina-becker');

      // Cards rendered by the bot layer go through the outbox as they are, here as a new post in the team.
      await bot.post(bot.teams.installationUpdate('add', 'team'));
      await bot.connector.waitForActivities(4);
      const card = new CardRenderer().payload('team-intro', { title: 'Neue Runde', text: 'Bitte bis Freitag antworten.', fallback: 'Neue Runde: bitte bis Freitag antworten.' });
      await bot.app.outbox.enqueue(item('app-1', 'card', { kind: 'channel', teamId: TEAM.id }, card));
      await bot.app.outbox.whenIdle();
      const post = bot.connector.calls.find((c) => c.kind === 'createConversation')!;
      assert.equal(post.body.activity.summary, 'Neue Runde: bitte bis Freitag antworten.');
      assert.equal(post.body.activity.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
      assert.equal(post.body.activity.attachments[0].content.fallbackText, 'Neue Runde: bitte bis Freitag antworten.');
    } finally {
      await bot.close();
    }
  });
});
