import assert from 'node:assert/strict';
import { RecentContacts, type ConversationAddress } from '../../../src/platform/storage/conversations';
import { TableConversationRepository } from '../../../src/platform/storage/conversation-repository';
import { freshStore } from '../../support/fresh-store';

const WINDOW_MS = 60_000;
const START = Date.parse('2026-03-02T09:00:00.000Z');

function address(lastSeenAt: number, serviceUrl = 'https://smba.example/emea/'): ConversationAddress {
  return {
    scope: 'personal',
    key: 'aad-anna',
    conversationId: 'a:anna',
    tenantId: 'tenant',
    teamId: '',
    userAadObjectId: 'aad-anna',
    reference: { serviceUrl, conversation: { id: 'a:anna' } },
    lastSeenAt: new Date(lastSeenAt).toISOString(),
  };
}

describe('recent contacts of one instance', () => {
  let storage: TableConversationRepository;
  let contacts: RecentContacts;
  let now: number;
  beforeEach(async () => {
    storage = new TableConversationRepository(await freshStore());
    now = START;
    contacts = new RecentContacts(storage, { now: () => new Date(now), windowMs: WINDOW_MS });
  });

  const stored = async () => (await storage.getPersonal('aad-anna'))!;

  it('writes an address it has not written yet', async () => {
    await contacts.refresh(address(now));
    assert.equal((await stored()).lastSeenAt, '2026-03-02T09:00:00.000Z');
  });

  it('skips rewriting an unchanged address within the window, so lastSeenAt is at most a window old', async () => {
    await contacts.refresh(address(now));
    now += WINDOW_MS - 1;
    await contacts.refresh(address(now));
    assert.equal((await stored()).lastSeenAt, '2026-03-02T09:00:00.000Z');
    now += 1;
    await contacts.refresh(address(now));
    assert.equal((await stored()).lastSeenAt, '2026-03-02T09:01:00.000Z');
  });

  it('writes a changed address at once', async () => {
    await contacts.refresh(address(now));
    now += 1_000;
    await contacts.refresh(address(now, 'https://smba.example/de/'));
    assert.deepEqual((await stored()).reference, { serviceUrl: 'https://smba.example/de/', conversation: { id: 'a:anna' } });
  });

  it('clears a stale mark set through it with the next contact', async () => {
    await contacts.refresh(address(now));
    await contacts.markStale('personal', 'aad-anna', { since: new Date(now).toISOString(), reason: 'ConversationBlockedByUser' });
    now += 1_000;
    await contacts.refresh(address(now));
    assert.equal((await stored()).stale, undefined);
  });

  it('clears a stale mark set by another instance with the first contact after the window', async () => {
    await contacts.refresh(address(now));
    await storage.markStale('personal', 'aad-anna', { since: new Date(now).toISOString(), reason: 'ConversationBlockedByUser' });
    now += 1_000;
    await contacts.refresh(address(now));
    assert.equal((await stored()).stale?.reason, 'ConversationBlockedByUser');
    now += WINDOW_MS;
    await contacts.refresh(address(now));
    assert.equal((await stored()).stale, undefined);
  });

  it('writes again after the address was removed and added', async () => {
    await contacts.refresh(address(now));
    await contacts.remove('personal', 'aad-anna');
    now += 1_000;
    await contacts.refresh(address(now));
    assert.equal((await stored()).lastSeenAt, '2026-03-02T09:00:01.000Z');
  });
});
