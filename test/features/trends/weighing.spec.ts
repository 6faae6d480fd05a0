import assert from 'node:assert/strict';
import { cardOf, cardReadout } from '../../support/cards';
import { ANNA, LENA, MARKUS, PETRA, startTrendRig, type TrendRig } from '../../support/trend-rig';
import { trendRepositories } from '../../../src/features/trends/tables';

const LINE = 'Trend: https://example.org/ki-in-der-verwaltung KI-Assistenten in Bürgerbüros – erste Erfahrungen aus Kreis X #KI #Bürgerservice';

describe('trend notes: weighing', function () {
  this.timeout(60_000);
  let rig: TrendRig;
  let trendId: string;
  let postId: string;

  beforeEach(async () => {
    rig = await startTrendRig();
    await rig.sayInChannel(LENA, LINE);
    await rig.settle();
    const note = await rig.onlyNote();
    trendId = note.id;
    postId = await rig.postIdOf(note);
  });

  afterEach(async () => {
    await rig?.close();
  });

  /** What the card says about its votes (the line after the facts). */
  const votesOf = (card: unknown) => cardReadout(card).filter((line) => /relevant/.test(line));
  const relevant = (email: string) => rig.clickInChannel(email, postId, 'trend.relevant', { trendId, view: 'channel' });
  /** The channel card as the latest update of the post shows it. */
  const updatedCard = () => cardOf(rig.channelUpdates(postId).at(-1)!.body);

  it('counts „Relevant für uns“ once per person, for everyone on the card that answers the click', async () => {
    assert.deepEqual(votesOf(await relevant(MARKUS)), ['1 findet das relevant']);
    assert.deepEqual(votesOf(await relevant(PETRA)), ['2 finden das relevant']);
    assert.deepEqual(await trendRepositories(rig.bot.app.storage.store).votes.counts(trendId), { relevant: 2, notRelevant: 0 });
  });

  it('takes a vote back on the second click', async () => {
    await relevant(MARKUS);
    await relevant(PETRA);
    assert.deepEqual(votesOf(await relevant(MARKUS)), ['1 findet das relevant']);
    assert.deepEqual(await trendRepositories(rig.bot.app.storage.store).votes.get(trendId, rig.base.member(MARKUS).aadObjectId), {
      trendId,
      voter: rig.base.member(MARKUS).aadObjectId,
      card: false,
      reaction: false,
      notRelevant: false,
    });
  });

  it('counts a 👍 on the channel post as a vote and updates the card in place', async () => {
    await rig.react(PETRA, postId, { added: ['like'] });
    await rig.settle();
    assert.deepEqual(votesOf(updatedCard()), ['1 findet das relevant']);
    assert.equal(rig.channelUpdates(postId).length, 1);
  });

  it('counts a person who clicked and reacted once', async () => {
    await relevant(PETRA);
    await rig.react(PETRA, postId, { added: ['like'] });
    await rig.settle();
    assert.deepEqual(votesOf(updatedCard()), ['1 findet das relevant']);
    assert.deepEqual(await trendRepositories(rig.bot.app.storage.store).votes.counts(trendId), { relevant: 1, notRelevant: 0 });
  });

  it('takes the vote back when the 👍 is taken back', async () => {
    await rig.react(PETRA, postId, { added: ['like'] });
    await rig.react(MARKUS, postId, { added: ['like'] });
    await rig.react(PETRA, postId, { removed: ['like'] });
    await rig.settle();
    assert.deepEqual(votesOf(updatedCard()), ['1 findet das relevant']);
  });

  it('finds the post when Teams names the reacted message in another form', async () => {
    await rig.react(PETRA, postId, { added: ['like'] }, `1:${postId}`);
    await rig.settle();
    assert.deepEqual(votesOf(updatedCard()), ['1 findet das relevant']);
  });

  it('ignores other reactions and reactions to other messages of the bot', async () => {
    await rig.react(PETRA, postId, { added: ['heart'] });
    await rig.react(PETRA, 'a-check-in-card', { added: ['like'] }, 'a-check-in-card');
    await rig.settle();
    assert.deepEqual(rig.channelUpdates(postId), []);
    assert.deepEqual(await trendRepositories(rig.bot.app.storage.store).votes.counts(trendId), { relevant: 0, notRelevant: 0 });
  });

  it('counts an owner\'s „Nicht relevant“ for the scout to see, on the channel card', async () => {
    const ownerCard = rig.base.sentTo(ANNA)[0]!;
    const answer = await rig.click(ANNA, 'trend.notRelevant', { trendId, view: 'owner' }, ownerCard.assignedId);
    assert.deepEqual(cardReadout(answer).slice(-2), ['Noch niemand hat das als relevant markiert. 1 Projektverantwortliche Person findet das nicht relevant.', 'Sie haben das als nicht relevant markiert. Ein zweiter Klick nimmt das zurück.']);
    await rig.settle();
    assert.deepEqual(votesOf(updatedCard()), ['Noch niemand hat das als relevant markiert. 1 Projektverantwortliche Person findet das nicht relevant.']);
  });

  it("updates the channel card when an owner votes on their copy", async () => {
    await rig.click(ANNA, 'trend.relevant', { trendId, view: 'owner' });
    await rig.settle();
    assert.deepEqual(votesOf(updatedCard()), ['1 findet das relevant']);
  });

  it('answers a vote on a note it does not know with a clear message and stores nothing', async () => {
    const answer = await rig.invokeActivity(rig.bot.teams.channelCardAction('trend.relevant', { trendId: '0123456789abcdef0123', view: 'channel' }, postId, { user: rig.base.member(MARKUS) }));
    assert.equal(answer, 'Diesen Trend kenne ich nicht.');
    const tampered = await rig.invokeActivity(rig.bot.teams.channelCardAction('trend.relevant', { trendId: "x' or 1 eq 1", view: 'channel' }, postId, { user: rig.base.member(MARKUS) }));
    assert.equal(tampered, 'Diesen Trend kenne ich nicht.');
    assert.deepEqual(await trendRepositories(rig.bot.app.storage.store).votes.counts(trendId), { relevant: 0, notRelevant: 0 });
  });
});

describe('trend notes: a 👍 before the post is recorded', function () {
  this.timeout(60_000);
  let rig: TrendRig;

  afterEach(async () => {
    await rig?.close();
  });

  it('finds the note through its delivery and counts the vote', async () => {
    rig = await startTrendRig();
    await rig.sayInChannel(LENA, LINE);
    // The post is sent, but the job that records its id (five seconds later) has not run yet.
    await rig.settle(0);
    const note = await rig.onlyNote();
    assert.equal(note.postId, '');
    const postId = await rig.postIdOf(note);
    await rig.react(PETRA, postId, { added: ['like'] }, `1:${postId}`);
    await rig.settle(0);
    assert.deepEqual(await trendRepositories(rig.bot.app.storage.store).votes.counts(note.id), { relevant: 1, notRelevant: 0 });
    assert.equal((await rig.onlyNote()).postId, postId);
  });
});
