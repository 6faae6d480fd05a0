import assert from 'node:assert/strict';
import type { ConversationReference } from 'botbuilder';
import sinon from 'sinon';
import { createAdapter } from '../../../src/platform/teams/adapter';
import type { ConversationAddress, ConversationScope } from '../../../src/platform/storage/conversations';
import { createLogger } from '../../../src/platform/logger';
import { BOT, GROUP_CHAT_ID, TEAM, TEST_TENANT, TeamsActivities, type TeamsActivity } from '../../support/activities';
import { cardTitle } from '../../support/cards';
import { TeamsConnector, type TeamsMember } from '../../support/teams-connector';
import { SAMPLE_COORDINATOR, startTestBot, STRANGER, type TestBot } from '../../support/test-bot';
import { storedConversations } from '../../support/inspect';

const INSTALLED_AT = new Date('2025-03-10T08:00:00.000Z');
const PERSONAL_CHAT = `a:personal-${SAMPLE_COORDINATOR.id}`;
const OTHER_CHANNEL = '19:projekte-channel@thread.tacv2';

/** A sample CDO without an Entra object id in the directory: linked by e-mail from the member API. */
const CDO_BY_EMAIL: TeamsMember = {
  id: '29:katharina-vogt',
  name: 'Katharina Vogt',
  aadObjectId: 'B7C1D2E3-F4A5-4B6C-8D7E-9F0A1B2C3D4E',
  email: 'Katharina.Vogt@billerbeck.example',
  tenantId: TEST_TENANT,
};

describe('conversation references and user linking', () => {
  let bot: TestBot;
  let clock: Date;

  beforeEach(async () => {
    clock = INSTALLED_AT;
    bot = await startTestBot({}, { now: () => clock });
  });
  afterEach(async () => {
    sinon.restore();
    await bot.close();
  });

  const stored = (scope: ConversationScope, key: string) => bot.app.storage.repos.conversations.get(scope, key);
  const storedAll = () => storedConversations(bot.app.storage.repos.conversations);

  /** Sends a message proactively to a stored address the way later features will: continueConversationAsync. */
  async function sendProactively(address: ConversationAddress | undefined, text: string): Promise<void> {
    assert.ok(address, 'address not stored');
    const adapter = createAdapter(bot.config, createLogger('silent'));
    await adapter.continueConversationAsync(bot.config.microsoftAppId, address.reference as Partial<ConversationReference>, async (context) => {
      await context.sendActivity(text);
    });
  }

  function personalAddress(overrides: Partial<ConversationAddress> = {}): ConversationAddress {
    return {
      scope: 'personal',
      key: SAMPLE_COORDINATOR.aadObjectId,
      conversationId: PERSONAL_CHAT,
      tenantId: TEST_TENANT,
      teamId: '',
      userAadObjectId: SAMPLE_COORDINATOR.aadObjectId,
      reference: {
        user: { id: SAMPLE_COORDINATOR.id, name: SAMPLE_COORDINATOR.name, aadObjectId: SAMPLE_COORDINATOR.aadObjectId },
        bot: { id: BOT.id, name: BOT.name },
        conversation: { tenantId: TEST_TENANT, id: PERSONAL_CHAT, conversationType: 'personal' },
        channelId: 'msteams',
        locale: 'de-DE',
        serviceUrl: bot.connector.serviceUrl,
      },
      lastSeenAt: INSTALLED_AT.toISOString(),
      ...overrides,
    };
  }

  describe('stored on install', () => {
    const installs: [string, (teams: TeamsActivities, scope: 'personal' | 'groupChat' | 'team') => TeamsActivity][] = [
      ['installationUpdate add', (teams, scope) => teams.installationUpdate('add', scope)],
      ['conversationUpdate with the bot in membersAdded', (teams, scope) => teams.conversationUpdate('membersAdded', scope)],
    ];
    for (const [event, install] of installs) {
      it(`stores the personal chat on ${event}, keyed by the user's Entra object id`, async () => {
        await bot.post(install(bot.teams, 'personal'));
        assert.deepEqual(await storedAll(), [personalAddress()]);
      });

      it(`stores the group chat on ${event}, keyed by its conversation id`, async () => {
        await bot.post(install(bot.teams, 'groupChat'));
        assert.deepEqual(await storedAll(), [
          {
            scope: 'groupChat',
            key: GROUP_CHAT_ID,
            conversationId: GROUP_CHAT_ID,
            tenantId: TEST_TENANT,
            teamId: '',
            userAadObjectId: '',
            reference: {
              user: { id: SAMPLE_COORDINATOR.id, name: SAMPLE_COORDINATOR.name, aadObjectId: SAMPLE_COORDINATOR.aadObjectId },
              bot: { id: BOT.id, name: BOT.name },
              conversation: { tenantId: TEST_TENANT, id: GROUP_CHAT_ID, conversationType: 'groupChat', isGroup: true },
              channelId: 'msteams',
              locale: 'de-DE',
              serviceUrl: bot.connector.serviceUrl,
            },
            lastSeenAt: INSTALLED_AT.toISOString(),
          },
        ]);
      });

      it(`stores a team on ${event}, keyed by team id and addressed to its General channel`, async () => {
        await bot.post(install(bot.teams, 'team'));
        assert.deepEqual(await storedAll(), [
          {
            scope: 'team',
            key: TEAM.id,
            conversationId: TEAM.id,
            tenantId: TEST_TENANT,
            teamId: TEAM.id,
            userAadObjectId: '',
            reference: {
              user: { id: SAMPLE_COORDINATOR.id, name: SAMPLE_COORDINATOR.name, aadObjectId: SAMPLE_COORDINATOR.aadObjectId },
              bot: { id: BOT.id, name: BOT.name },
              conversation: { tenantId: TEST_TENANT, id: TEAM.id, conversationType: 'channel', isGroup: true },
              channelId: 'msteams',
              locale: 'de-DE',
              serviceUrl: bot.connector.serviceUrl,
            },
            lastSeenAt: INSTALLED_AT.toISOString(),
          },
        ]);
      });
    }

    for (const [scope, key, conversationId] of [
      ['personal', SAMPLE_COORDINATOR.aadObjectId, PERSONAL_CHAT],
      ['groupChat', GROUP_CHAT_ID, GROUP_CHAT_ID],
      ['team', TEAM.id, TEAM.id],
    ] as const) {
      it(`stores a ${scope} reference that a proactive send delivers to that conversation`, async () => {
        await bot.post(bot.teams.installationUpdate('add', scope));
        bot.connector.clear();
        await sendProactively(await stored(scope, key), 'Erinnerung: Sitzung am Montag');
        assert.equal(bot.connector.activities.length, 1);
        const [call] = bot.connector.activities;
        assert.equal(call!.conversationId, conversationId);
        assert.equal(call!.body.text, 'Erinnerung: Sitzung am Montag');
        assert.deepEqual(call!.body.from, { id: BOT.id, name: BOT.name });
      });
    }

    it('keeps the first install and refreshes it when Teams repeats the install event', async () => {
      await bot.post(bot.teams.installationUpdate('add', 'personal'));
      clock = new Date('2025-03-11T09:30:00.000Z');
      await bot.post(bot.teams.conversationUpdate('membersAdded', 'personal'));
      assert.deepEqual(await storedAll(), [personalAddress({ lastSeenAt: '2025-03-11T09:30:00.000Z' })]);
    });

    it('neither stores nor greets when another user joins a team', async () => {
      await bot.post(bot.teams.conversationUpdate('membersAdded', 'team', { member: { id: '29:new-colleague', aadObjectId: '5d5d5d5d-0000-4000-8000-000000000005' } }));
      assert.deepEqual(await storedAll(), []);
      assert.deepEqual(bot.connector.activities, []);
    });

    it('neither stores nor greets when another user joins a group chat', async () => {
      await bot.post(bot.teams.conversationUpdate('membersAdded', 'groupChat', { member: { id: '29:new-colleague' } }));
      assert.deepEqual(await storedAll(), []);
      assert.deepEqual(bot.connector.activities, []);
    });
  });

  describe('refreshed on every incoming message', () => {
    it('stores a personal chat on the first message even without an install event', async () => {
      await bot.post(bot.teams.personalMessage('hilfe'));
      assert.deepEqual(await storedAll(), [personalAddress()]);
    });

    it('stores the later time a conversation was last seen', async () => {
      await bot.post(bot.teams.installationUpdate('add', 'personal'));
      clock = new Date('2025-03-24T07:15:00.000Z');
      await bot.post(bot.teams.personalMessage('hilfe'));
      assert.equal((await stored('personal', SAMPLE_COORDINATOR.aadObjectId))?.lastSeenAt, '2025-03-24T07:15:00.000Z');
    });

    it('stores a changed service URL, and proactive sends follow it', async () => {
      await bot.post(bot.teams.installationUpdate('add', 'personal'));
      const moved = await TeamsConnector.start();
      try {
        await bot.post(new TeamsActivities(moved.serviceUrl, SAMPLE_COORDINATOR).personalMessage('hilfe'));
        const address = await stored('personal', SAMPLE_COORDINATOR.aadObjectId);
        assert.equal(address?.reference.serviceUrl, moved.serviceUrl);
        moved.clear();
        bot.connector.clear();
        await sendProactively(address, 'Neue Adresse');
        assert.deepEqual(moved.activities.map((a) => a.body.text), ['Neue Adresse']);
        assert.deepEqual(bot.connector.calls, []);
      } finally {
        await moved.close();
      }
    });

    it('makes a channel known when the bot is mentioned there', async () => {
      await bot.post(bot.teams.channelMessage('hilfe', { channelId: OTHER_CHANNEL }));
      const channel = await stored('channel', OTHER_CHANNEL);
      assert.equal(channel?.conversationId, OTHER_CHANNEL);
      assert.equal(channel?.teamId, TEAM.id);
      assert.equal(channel?.tenantId, TEST_TENANT);
      assert.equal(channel?.lastSeenAt, INSTALLED_AT.toISOString());
      assert.deepEqual(channel?.reference.conversation, { tenantId: TEST_TENANT, id: OTHER_CHANNEL, conversationType: 'channel', isGroup: true });
    });

    it('stores a channel written to in a reply thread without the thread part of its id', async () => {
      await bot.post(bot.teams.channelMessage('hilfe', { channelId: OTHER_CHANNEL, reply: true }));
      const channel = await stored('channel', OTHER_CHANNEL);
      assert.equal(channel?.conversationId, OTHER_CHANNEL);
      assert.equal((channel?.reference.conversation as { id: string }).id, OTHER_CHANNEL);
      bot.connector.clear();
      await sendProactively(channel, 'Neuer Beitrag');
      assert.equal(bot.connector.activities[0]?.conversationId, OTHER_CHANNEL);
    });

    it('refreshes the team of a channel a message comes from', async () => {
      await bot.post(bot.teams.installationUpdate('add', 'team'));
      const moved = await TeamsConnector.start();
      try {
        clock = new Date('2025-04-01T12:00:00.000Z');
        await bot.post(new TeamsActivities(moved.serviceUrl, SAMPLE_COORDINATOR).channelMessage('hilfe', { channelId: OTHER_CHANNEL }));
        const team = await stored('team', TEAM.id);
        assert.equal(team?.reference.serviceUrl, moved.serviceUrl);
        assert.equal(team?.lastSeenAt, '2025-04-01T12:00:00.000Z');
        assert.equal(team?.conversationId, TEAM.id);
        assert.equal((team?.reference.conversation as { id: string }).id, TEAM.id);
      } finally {
        await moved.close();
      }
    });
  });

  describe('removed on uninstall', () => {
    it('forgets a personal chat on installationUpdate remove', async () => {
      await bot.post(bot.teams.installationUpdate('add', 'personal'));
      await bot.post(bot.teams.installationUpdate('remove', 'personal'));
      assert.deepEqual(await storedAll(), []);
    });

    it('forgets a group chat when the bot is in membersRemoved', async () => {
      await bot.post(bot.teams.installationUpdate('add', 'groupChat'));
      await bot.post(bot.teams.conversationUpdate('membersRemoved', 'groupChat'));
      assert.deepEqual(await storedAll(), []);
    });

    it('forgets a team together with the channels it learned of, and keeps other teams’ channels', async () => {
      await bot.post(bot.teams.installationUpdate('add', 'team'));
      await bot.post(bot.teams.channelMessage('hilfe'));
      await bot.post(bot.teams.channelMessage('hilfe', { channelId: OTHER_CHANNEL }));
      const otherTeamChannel = bot.teams.channelMessage('hilfe', { channelId: '19:other-team-general@thread.tacv2' });
      otherTeamChannel.channelData.team = { id: '19:other-team-general@thread.tacv2', name: 'Andere AG' };
      await bot.post(otherTeamChannel);
      assert.equal((await bot.app.storage.repos.conversations.list('channel')).length, 3);

      await bot.post(bot.teams.installationUpdate('remove', 'team'));
      const left = await storedAll();
      assert.deepEqual(
        left.map((a) => `${a.scope} ${a.key}`),
        ['team 19:other-team-general@thread.tacv2', 'channel 19:other-team-general@thread.tacv2'],
      );
    });

    it('does not forget anything when another user leaves a team', async () => {
      await bot.post(bot.teams.installationUpdate('add', 'team'));
      await bot.post(bot.teams.conversationUpdate('membersRemoved', 'team', { member: { id: '29:leaving-colleague' } }));
      assert.deepEqual((await storedAll()).map((a) => a.scope), ['team']);
    });
  });

  describe('linking a Teams user to a person', () => {
    it('links by Entra object id without asking Teams', async () => {
      await bot.post(bot.teams.personalMessage('hilfe'));
      await bot.post(bot.teams.personalMessage('hilfe'));
      assert.deepEqual(bot.connector.activities.map((c) => cardTitle(c.body)), ['Hallo Martina, ich bin Kümmerer', 'Hallo Martina, ich bin Kümmerer']);
      assert.equal(bot.connector.memberLookupCount, 0);
    });

    it('links by the e-mail from the Teams member API, asking once over several messages', async () => {
      bot.connector.addMember(CDO_BY_EMAIL);
      for (let i = 0; i < 3; i++) await bot.post(bot.teams.personalMessage('hilfe', { user: CDO_BY_EMAIL }));
      assert.deepEqual(bot.connector.activities.map((c) => cardTitle(c.body)), Array(3).fill('Hallo Katharina, ich bin Kümmerer'));
      assert.equal(bot.connector.memberLookupCount, 1);
    });

    it('stores the Entra object id, in lower case, on the person linked by e-mail', async () => {
      bot.connector.addMember(CDO_BY_EMAIL);
      await bot.post(bot.teams.personalMessage('hilfe', { user: CDO_BY_EMAIL }));
      const person = await bot.app.storage.repos.people.get('katharina.vogt@billerbeck.example');
      assert.equal(person?.aadObjectId, 'b7c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e');
      assert.equal(await bot.app.storage.repos.people.emailForAadObjectId(CDO_BY_EMAIL.aadObjectId), 'katharina.vogt@billerbeck.example');
    });

    it('links by user principal name when Teams reports no e-mail', async () => {
      bot.connector.addMember({ ...CDO_BY_EMAIL, email: undefined, userPrincipalName: 'katharina.vogt@billerbeck.example' });
      await bot.post(bot.teams.personalMessage('hilfe', { user: CDO_BY_EMAIL }));
      assert.equal(cardTitle(bot.connector.activities[0]!.body), 'Hallo Katharina, ich bin Kümmerer');
    });

    it('still answers when the member lookup fails, without a name', async () => {
      bot.connector.addMember(CDO_BY_EMAIL);
      bot.connector.injectMemberLookupFault({ status: 403 });
      const { status } = await bot.post(bot.teams.personalMessage('hilfe', { user: CDO_BY_EMAIL }));
      assert.equal(status, 200);
      assert.deepEqual(bot.connector.activities.map((c) => cardTitle(c.body)), ['Hallo, ich bin Kümmerer']);
      assert.equal(await bot.app.storage.repos.people.emailForAadObjectId(CDO_BY_EMAIL.aadObjectId), undefined);
      assert.equal(bot.logs.find('Teams member lookup failed').length, 1);
    });

    it('looks the user up again on the next message after a failed lookup, and links then', async () => {
      bot.connector.addMember(CDO_BY_EMAIL);
      bot.connector.injectMemberLookupFault({ status: 403 });
      await bot.post(bot.teams.personalMessage('hilfe', { user: CDO_BY_EMAIL }));
      await bot.post(bot.teams.personalMessage('hilfe', { user: CDO_BY_EMAIL }));
      assert.deepEqual(bot.connector.activities.map((c) => cardTitle(c.body)), ['Hallo, ich bin Kümmerer', 'Hallo Katharina, ich bin Kümmerer']);
      assert.equal(bot.connector.memberLookupCount, 2);
    });

    it('answers a user outside the directory without a name, asking Teams once', async () => {
      bot.connector.addMember(STRANGER);
      await bot.post(bot.teams.personalMessage('hilfe', { user: STRANGER }));
      await bot.post(bot.teams.personalMessage('hilfe', { user: STRANGER }));
      assert.deepEqual(bot.connector.activities.map((c) => cardTitle(c.body)), ['Hallo, ich bin Kümmerer', 'Hallo, ich bin Kümmerer']);
      assert.equal(bot.connector.memberLookupCount, 1);
    });

    it('links a user outside the directory once an import adds their e-mail, without asking Teams again', async () => {
      bot.connector.addMember(STRANGER);
      await bot.post(bot.teams.personalMessage('hilfe', { user: STRANGER }));
      await bot.app.storage.repos.people.upsert([{ email: 'sam.stranger@example.org', name: 'Sam Stranger', roles: ['member'], municipality: 'Olfen', aadObjectId: '' }]);
      await bot.post(bot.teams.personalMessage('hilfe', { user: STRANGER }));
      assert.equal(cardTitle(bot.connector.activities[1]!.body), 'Hallo Sam, ich bin Kümmerer');
      assert.equal(bot.connector.memberLookupCount, 1);
    });
  });
});
