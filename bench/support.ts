import type { ConversationAddress } from '../src/platform/storage/conversations';
import { BOT, TEST_TENANT } from '../test/support/activities';

/** The stored address of a person's 1:1 chat with the bot (`a:bench-{Entra object id}`), as after they wrote to it once. */
export function benchChat(aadObjectId: string, serviceUrl: string, locale?: string): ConversationAddress {
  const conversationId = `a:bench-${aadObjectId}`;
  return {
    scope: 'personal',
    key: aadObjectId,
    conversationId,
    tenantId: TEST_TENANT,
    teamId: '',
    userAadObjectId: aadObjectId,
    reference: { channelId: 'msteams', serviceUrl, bot: BOT, user: { id: `29:${aadObjectId}`, aadObjectId }, conversation: { id: conversationId, conversationType: 'personal', tenantId: TEST_TENANT }, ...(locale ? { locale } : {}) },
    lastSeenAt: new Date().toISOString(),
  };
}
