import assert from 'node:assert/strict';
import sinon from 'sinon';
import { TEST_TENANT } from '../../support/activities';
import { startTestBot, type TestBot } from '../../support/test-bot';
import { storedConversations } from '../../support/inspect';
import type { TeamsMember } from '../../support/teams-connector';

const OTHER_TENANT = '0b0b0b0b-1111-4222-8333-444455556666';
/**
 * A user the directory does not know but the member API does: if one of their activities got through, the bot
 * would look them up and remember their e-mail. (The sample coordinator, the default sender, is linked in
 * the sample data already, so nothing about them would show.)
 */
const OUTSIDER: TeamsMember = { id: '29:outsider', name: 'Olaf Outsider', aadObjectId: '5e5e5e5e-0000-4000-8000-000000000001', email: 'olaf@other.example' };

describe('tenant allow-list', () => {
  let bot: TestBot;
  beforeEach(async () => {
    // Upper case in the configuration: tenant ids are compared without regard to case.
    bot = await startTestBot({ ALLOWED_TENANTS: TEST_TENANT.toUpperCase() });
    bot.connector.addMember(OUTSIDER);
  });
  afterEach(async () => {
    sinon.restore();
    await bot.close();
  });

  const storedAll = () => storedConversations(bot.app.storage.repos.conversations);

  /** Nothing sent, looked up or stored, and the user who posted not linked to an e-mail. */
  async function assertNothingDone(user: TeamsMember): Promise<void> {
    assert.deepEqual(bot.connector.calls, []);
    assert.equal(bot.connector.memberLookupCount, 0);
    assert.deepEqual(await storedAll(), []);
    assert.equal(await bot.app.storage.repos.people.emailForAadObjectId(user.aadObjectId), undefined);
  }

  it('answers a message from the allowed tenant', async () => {
    const { status } = await bot.post(bot.teams.personalMessage('hilfe'));
    assert.equal(status, 200);
    assert.equal(bot.connector.activities.length, 1);
  });

  it('does not answer a message from another tenant and stores nothing', async () => {
    const { status } = await bot.post(bot.teams.personalMessage('hilfe', { tenantId: OTHER_TENANT, user: OUTSIDER }));
    assert.equal(status, 200);
    await assertNothingDone(OUTSIDER);
  });

  it('logs a refused activity as a warning naming the tenant', async () => {
    const activity = bot.teams.personalMessage('hilfe', { tenantId: OTHER_TENANT });
    await bot.post(activity);
    const lines = bot.logs.find('activity from a tenant that is not allowed refused');
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.level, 40);
    assert.equal(lines[0]!.tenantId, OTHER_TENANT);
    assert.equal(lines[0]!.activityId, activity.id);
  });

  it('neither greets nor stores an install from another tenant', async () => {
    await bot.post(bot.teams.installationUpdate('add', 'team', { tenantId: OTHER_TENANT, user: OUTSIDER }));
    await bot.post(bot.teams.conversationUpdate('membersAdded', 'personal', { tenantId: OTHER_TENANT, user: OUTSIDER }));
    await assertNothingDone(OUTSIDER);
  });

  it('answers an invoke from another tenant with 403 and sends nothing', async () => {
    const { status } = await bot.post(bot.teams.adaptiveCardAction('checkin.submit', { status: 'green' }, { tenantId: OTHER_TENANT, user: OUTSIDER }));
    assert.equal(status, 403);
    await assertNothingDone(OUTSIDER);
  });

  it('refuses an activity that names no tenant', async () => {
    const activity = bot.teams.personalMessage('hilfe', { user: OUTSIDER });
    delete activity.conversation.tenantId;
    delete activity.channelData.tenant;
    await bot.post(activity);
    await assertNothingDone(OUTSIDER);
    assert.equal(bot.logs.find('activity from a tenant that is not allowed refused')[0]!.tenantId, '(none)');
  });

  it('refuses a message whose channelData names another tenant than the allowed one in conversation.tenantId', async () => {
    const activity = bot.teams.personalMessage('hilfe', { user: OUTSIDER });
    activity.channelData.tenant = { id: OTHER_TENANT };
    const { status } = await bot.post(activity);
    assert.equal(status, 200);
    await assertNothingDone(OUTSIDER);
  });

  it('refuses a message whose conversation.tenantId is another tenant than the allowed one in channelData', async () => {
    const activity = bot.teams.personalMessage('hilfe', { user: OUTSIDER });
    activity.conversation.tenantId = OTHER_TENANT;
    await bot.post(activity);
    await assertNothingDone(OUTSIDER);
  });

  it('answers an invoke whose two tenants disagree with 403 and sends nothing', async () => {
    const activity = bot.teams.adaptiveCardAction('checkin.submit', { status: 'green' }, { user: OUTSIDER });
    activity.channelData.tenant = { id: OTHER_TENANT };
    const { status } = await bot.post(activity);
    assert.equal(status, 403);
    await assertNothingDone(OUTSIDER);
  });

  it('logs mixed tenants as a warning naming both and the reason', async () => {
    const activity = bot.teams.personalMessage('hilfe');
    activity.channelData.tenant = { id: OTHER_TENANT.toUpperCase() };
    await bot.post(activity);
    const [line] = bot.logs.find('activity from a tenant that is not allowed refused');
    assert.equal(line!.level, 40);
    assert.equal(line!.reason, 'mismatch');
    assert.equal(line!.conversationTenantId, TEST_TENANT);
    assert.equal(line!.channelDataTenantId, OTHER_TENANT);
  });

  it('refuses the allowed tenant named only in conversation.tenantId', async () => {
    const activity = bot.teams.personalMessage('hilfe', { user: OUTSIDER });
    delete activity.channelData.tenant;
    await bot.post(activity);
    await assertNothingDone(OUTSIDER);
    assert.equal(bot.logs.find('activity from a tenant that is not allowed refused')[0]!.reason, 'missing');
  });

  it('refuses the allowed tenant named only in channelData', async () => {
    const activity = bot.teams.personalMessage('hilfe', { user: OUTSIDER });
    delete activity.conversation.tenantId;
    await bot.post(activity);
    await assertNothingDone(OUTSIDER);
  });

  it('refuses a tenant named only in channelData when it is not allowed', async () => {
    const activity = bot.teams.personalMessage('hilfe', { tenantId: OTHER_TENANT, user: OUTSIDER });
    delete activity.conversation.tenantId;
    await bot.post(activity);
    await assertNothingDone(OUTSIDER);
  });
});

describe('tenants without an allow-list', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot({ ALLOWED_TENANTS: '' });
    bot.connector.addMember(OUTSIDER);
  });
  afterEach(async () => {
    sinon.restore();
    await bot.close();
  });

  it('refuses a message whose two tenants disagree and stores nothing', async () => {
    const activity = bot.teams.personalMessage('hilfe', { user: OUTSIDER });
    activity.channelData.tenant = { id: OTHER_TENANT };
    const { status } = await bot.post(activity);
    assert.equal(status, 200);
    assert.deepEqual(bot.connector.calls, []);
    assert.equal(bot.connector.memberLookupCount, 0);
    assert.deepEqual(await storedConversations(bot.app.storage.repos.conversations), []);
  });

  it('answers a message that names its tenant in one place only', async () => {
    const activity = bot.teams.personalMessage('hilfe');
    delete activity.channelData.tenant;
    const { status } = await bot.post(activity);
    assert.equal(status, 200);
    assert.equal(bot.connector.activities.length, 1);
  });
});
