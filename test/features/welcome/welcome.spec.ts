import assert from 'node:assert/strict';
import { cardElements, cardTexts } from '../../support/cards';
import { startTestBot, STRANGER, type TestBot } from '../../support/test-bot';

describe('welcome and help', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    await bot.close();
  });

  it('greets a user who installs the app personally with the German welcome card', async () => {
    const { status } = await bot.post(bot.teams.installationUpdate('add', 'personal'));
    assert.equal(status, 200);
    const [reply] = await bot.connector.waitForActivities(1);
    const card = reply!.body.attachments[0];
    assert.equal(card.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(card.content.version, '1.5');
    assert.equal(cardTexts(card.content)[0], 'Hallo Martina, ich bin Kümmerer');
    assert.equal(card.content.fallbackText, 'Hallo, ich bin Kümmerer, der Assistent der AG Digitalisierung. Schreiben Sie „hilfe“ für eine Übersicht.');
    assert.equal(reply!.body.summary, card.content.fallbackText);
  });

  it('greets in English when the Teams locale is English', async () => {
    await bot.post(bot.teams.installationUpdate('add', 'personal', { locale: 'en-GB' }));
    const [reply] = await bot.connector.waitForActivities(1);
    assert.equal(cardTexts(reply!.body.attachments[0].content)[0], 'Hello Martina, I am Kümmerer');
    assert.equal(reply!.body.attachments[0].content.fallbackText, 'Hello, I am Kümmerer, the assistant of the digitalisation working group. Write “help” for an overview.');
  });

  it('greets in German when the Teams locale is neither German nor English', async () => {
    await bot.post(bot.teams.installationUpdate('add', 'personal', { locale: 'fr-FR' }));
    const [reply] = await bot.connector.waitForActivities(1);
    assert.equal(cardTexts(reply!.body.attachments[0].content)[0], 'Hallo Martina, ich bin Kümmerer');
  });

  it('greets once although Teams sends installationUpdate and conversationUpdate for one install', async () => {
    await bot.post(bot.teams.installationUpdate('add', 'personal'));
    await bot.post(bot.teams.conversationUpdate('membersAdded', 'personal'));
    await bot.post(bot.teams.installationUpdate('add', 'personal'));
    const sent = await bot.connector.waitForActivities(1);
    assert.equal(sent.length, 1);
  });

  it('greets a stranger without a name', async () => {
    bot.connector.addMember(STRANGER);
    await bot.post(bot.teams.installationUpdate('add', 'personal', { user: STRANGER }));
    const [reply] = await bot.connector.waitForActivities(1);
    assert.equal(cardTexts(reply!.body.attachments[0].content)[0], 'Hallo, ich bin Kümmerer');
  });

  for (const [text, locale, title] of [
    ['hilfe', 'de-DE', 'Hallo Martina, ich bin Kümmerer'],
    ['Hilfe!', 'de-DE', 'Hallo Martina, ich bin Kümmerer'],
    ['help', 'en-US', 'Hello Martina, I am Kümmerer'],
    ['HELP', 'en-US', 'Hello Martina, I am Kümmerer'],
  ] as const) {
    it(`answers "${text}" (${locale}) in a personal chat with the welcome card`, async () => {
      await bot.post(bot.teams.personalMessage(text, { locale }));
      const [reply] = await bot.connector.waitForActivities(1);
      assert.equal(reply!.kind, 'reply');
      assert.equal(cardTexts(reply!.body.attachments[0].content)[0], title);
    });
  }

  /** The buttons of a card that send a message (`imBack`): their labels and the texts they send. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function messageButtons(card: any): { title: string; text: string }[] {
    return cardElements(card)
      .filter((e) => e.type === 'Action.Submit' && e.data?.msteams?.type === 'imBack')
      .map((e) => ({ title: e.title as string, text: e.data.msteams.value as string }));
  }

  it('shows questions to try as buttons on the help card, and each is answered when pressed', async () => {
    await bot.post(bot.teams.personalMessage('hilfe'));
    const [reply] = await bot.connector.waitForActivities(1);
    const buttons = messageButtons(reply!.body.attachments[0].content);
    assert.deepEqual(buttons.map((b) => b.text), ['Welche Projekte sind rot?', 'Stand der Runde', 'Welche Förderfristen laufen bald ab?', 'Wer ist in der Koordination?', 'Wer sind die CDOs?', 'Welche Projekte sind in Planung?']);
    for (const { text } of buttons) {
      // Teams posts an imBack button's value as the user's message.
      const answer = await bot.reply(bot.teams.personalMessage(text));
      assert.notEqual(answer.text, 'Das habe ich leider nicht verstanden. Schreiben Sie „hilfe“, dann zeige ich Ihnen, was ich kann.', text);
      assert.ok(answer.attachments || answer.text, text);
    }
  });

  it('answers a question button from a client that sends it as the submit value instead of a message', async () => {
    const activity = { ...bot.teams.personalMessage(''), value: { msteams: { type: 'imBack', value: 'Wer ist in der Koordination?' } } };
    const reply = await bot.reply(activity);
    assert.equal(cardTexts(reply.attachments[0].content)[0], 'Koordination der AG');
  });

  it('greets "Hallo" briefly, with the main questions as buttons and one for the whole help', async () => {
    await bot.post(bot.teams.personalMessage('Hallo'));
    const [reply] = await bot.connector.waitForActivities(1);
    const card = reply!.body.attachments[0].content;
    assert.deepEqual(cardTexts(card), ['Hallo Martina!', 'Womit kann ich helfen? Zum Beispiel:']);
    assert.deepEqual(messageButtons(card), [
      { title: 'Welche Projekte sind rot?', text: 'Welche Projekte sind rot?' },
      { title: 'Welche Förderfristen laufen bald ab?', text: 'Welche Förderfristen laufen bald ab?' },
      { title: 'Wer ist in der Koordination?', text: 'Wer ist in der Koordination?' },
      { title: 'Alles, was ich kann', text: 'hilfe' },
    ]);
  });

  for (const [text, locale, answer] of [
    ['Danke!', 'de-DE', 'Gern geschehen! Wenn Sie noch etwas brauchen, schreiben Sie mir einfach.'],
    ['super', 'en-US', 'Gern geschehen! Wenn Sie noch etwas brauchen, schreiben Sie mir einfach.'],
    ['Thanks', 'de-DE', 'You are welcome! Just write if you need anything else.'],
  ] as const) {
    it(`answers the small talk "${text}" (${locale}) kindly, in the language of the word`, async () => {
      assert.equal((await bot.reply(bot.teams.personalMessage(text, { locale }))).text, answer);
    });
  }

  it('answers in the language FORCE_LOCALE names whatever the client says (as the Playground, which always sends en-US)', async () => {
    const german = await startTestBot({ FORCE_LOCALE: 'de' });
    try {
      await german.post(german.teams.personalMessage('help', { locale: 'en-US' }));
      const [reply] = await german.connector.waitForActivities(1);
      assert.equal(cardTexts(reply!.body.attachments[0].content)[0], 'Hallo Martina, ich bin Kümmerer');
    } finally {
      await german.close();
    }
  });

  it('answers help in a channel when mentioned, replying in the channel conversation', async () => {
    await bot.post(bot.teams.channelMessage('hilfe'));
    const [reply] = await bot.connector.waitForActivities(1);
    assert.equal(reply!.conversationId, '19:team-ag-digital@thread.tacv2');
    assert.equal(cardTexts(reply!.body.attachments[0].content)[0], 'Hallo Martina, ich bin Kümmerer');
  });

  it('answers help in a group chat when mentioned', async () => {
    await bot.post(bot.teams.groupChatMessage('help', { locale: 'en-US' }));
    const [reply] = await bot.connector.waitForActivities(1);
    assert.equal(cardTexts(reply!.body.attachments[0].content)[0], 'Hello Martina, I am Kümmerer');
  });

  it('says it did not understand other text and points to help, in the user language', async () => {
    await bot.post(bot.teams.personalMessage('Was gibt es Neues beim Wetter?', { locale: 'en-US' }));
    const [reply] = await bot.connector.waitForActivities(1);
    assert.equal(reply!.body.text, 'Sorry, I did not understand that. Write “help” and I will show you what I can do.');
  });

  it('introduces itself once in the General channel when added to a team', async () => {
    await bot.post(bot.teams.conversationUpdate('membersAdded', 'team'));
    await bot.post(bot.teams.installationUpdate('add', 'team'));
    const sent = await bot.connector.waitForActivities(1);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.conversationId, '19:team-ag-digital@thread.tacv2');
    const content = sent[0]!.body.attachments[0].content;
    assert.deepEqual(cardTexts(content), [
      'Kümmerer ist jetzt in diesem Team',
      'Ich bin der Assistent der AG Digitalisierung. Erwähnen Sie mich mit @Kümmerer und schreiben Sie „hilfe“, dann zeige ich, was ich kann.',
    ]);
  });

  it('introduces itself in a group chat', async () => {
    await bot.post(bot.teams.installationUpdate('add', 'groupChat', { locale: 'en-US' }));
    const [reply] = await bot.connector.waitForActivities(1);
    assert.equal(cardTexts(reply!.body.attachments[0].content)[0], 'Kümmerer has joined this chat');
  });

  it('does not introduce itself when someone else joins the team', async () => {
    await bot.post(bot.teams.conversationUpdate('membersAdded', 'team', { member: { id: '29:new-colleague' } }));
    await bot.post(bot.teams.personalMessage('hilfe'));
    const sent = await bot.connector.waitForActivities(1);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.conversationId, 'a:personal-29:martina-becker');
  });
});
