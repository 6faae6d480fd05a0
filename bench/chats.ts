import type { RunningApp } from '../src/app';
import type { Person } from '../src/platform/directory/model';
import type { ConversationAddress } from '../src/platform/storage/conversations';
import { BOT, TEST_TENANT } from '../test/support/activities';

/** The 1:1 chat id a benchmark gives a person: `a:bench-{Entra object id}`. */
export function benchChat(aadObjectId: string): string {
  return `a:bench-${aadObjectId}`;
}

/** `count` CDOs of the directory, `person0000@kommune.example` …, each with an Entra object id. */
export function benchCdos(count: number): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(4, '0');
    return { email: `person${n}@kommune.example`, name: `Person ${n}`, roles: ['cdo'], municipality: '', aadObjectId: `00000000-0000-4000-8000-00000000${n}` };
  });
}

/** Stores the people in the directory, each with a 1:1 chat with the bot on the connector at `serviceUrl`. */
export async function withChats(app: RunningApp, serviceUrl: string, people: readonly Person[]): Promise<void> {
  await app.storage.repos.people.upsert(people);
  for (const person of people) {
    const conversationId = benchChat(person.aadObjectId);
    const address: ConversationAddress = {
      scope: 'personal',
      key: person.aadObjectId,
      conversationId,
      tenantId: TEST_TENANT,
      teamId: '',
      userAadObjectId: person.aadObjectId,
      reference: { channelId: 'msteams', serviceUrl, bot: BOT, user: { id: `29:${person.aadObjectId}`, aadObjectId: person.aadObjectId }, conversation: { id: conversationId, conversationType: 'personal', tenantId: TEST_TENANT } },
      lastSeenAt: new Date().toISOString(),
    };
    await app.storage.repos.conversations.add(address);
  }
}
