import type { RunningApp } from '../src/app';
import type { Person } from '../src/platform/directory/model';
import type { ConversationAddress } from '../src/platform/storage/conversations';
import { BOT, TEST_TENANT } from '../test/support/activities';

/** The 1:1 chat id a benchmark gives a person: `a:bench-{Entra object id}`. */
export function benchChatId(aadObjectId: string): string {
  return `a:bench-${aadObjectId}`;
}

/** The stored address of a person's 1:1 chat with the bot ({@link benchChatId}), as after they wrote to it once. */
export function benchChat(aadObjectId: string, serviceUrl: string, locale?: string): ConversationAddress {
  const conversationId = benchChatId(aadObjectId);
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

/** `count` CDOs of the directory, `person0000@kommune.example` …, each with an Entra object id. */
export function benchCdos(count: number): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(4, '0');
    return { email: `person${n}@kommune.example`, name: `Person ${n}`, roles: ['cdo'], municipality: '', aadObjectId: `00000000-0000-4000-8000-00000000${n}` };
  });
}

/** Stores the people in the directory, each with a 1:1 chat with the bot on the connector at `serviceUrl`. */
export async function withChats(app: RunningApp, serviceUrl: string, people: readonly Person[], locale?: string): Promise<void> {
  await app.storage.repos.people.upsert(people);
  for (const person of people) await app.storage.repos.conversations.add(benchChat(person.aadObjectId, serviceUrl, locale));
}
