import assert from 'node:assert/strict';
import type { ConversationAddress } from '../../../src/platform/storage/conversations';
import type { Person, Project } from '../../../src/platform/directory/model';
import { TableConversationRepository } from '../../../src/platform/storage/conversation-repository';
import { TableMunicipalityRepository } from '../../../src/platform/directory/municipality-repository';
import { TablePersonRepository } from '../../../src/platform/directory/person-repository';
import { TableProjectRepository } from '../../../src/platform/directory/project-repository';
import { freshStore } from '../../support/fresh-store';

const anna: Person = { email: 'anna.schulte@duelmen.example', name: 'Anna Schulte', roles: ['cdo'], municipality: 'Dülmen', aadObjectId: '' };

describe('repositories on Azurite', () => {
  describe('municipalities', () => {
    it('finds a municipality by name regardless of case and lists all sorted the German way', async () => {
      const repo = new TableMunicipalityRepository(await freshStore());
      await repo.upsert([
        { name: 'Olfen', kind: 'municipality', website: 'https://www.olfen.de' },
        { name: 'Dülmen', kind: 'municipality', website: '' },
        { name: 'Kreis Coesfeld', kind: 'district', website: 'https://www.kreis-coesfeld.de' },
      ]);
      assert.deepEqual(await repo.get('DÜLMEN'), { name: 'Dülmen', kind: 'municipality', website: '' });
      assert.deepEqual((await repo.list()).map((m) => m.name), ['Dülmen', 'Kreis Coesfeld', 'Olfen']);
      assert.equal(await repo.get('Ascheberg'), undefined);
    });

    it('replaces a municipality of the same name', async () => {
      const repo = new TableMunicipalityRepository(await freshStore());
      await repo.upsert([{ name: 'Olfen', kind: 'municipality', website: '' }]);
      await repo.upsert([{ name: 'olfen', kind: 'municipality', website: 'https://www.olfen.de' }]);
      assert.deepEqual(await repo.list(), [{ name: 'olfen', kind: 'municipality', website: 'https://www.olfen.de' }]);
    });
  });

  describe('people', () => {
    it('stores a person under the lower-case e-mail and reads every field back', async () => {
      const repo = new TablePersonRepository(await freshStore());
      await repo.upsert([{ ...anna, email: 'Anna.Schulte@Duelmen.example', roles: ['cdo', 'scout'] }]);
      assert.deepEqual(await repo.get('ANNA.SCHULTE@duelmen.example'), { ...anna, roles: ['cdo', 'scout'] });
    });

    it('finds the e-mail of an imported Entra object id', async () => {
      const repo = new TablePersonRepository(await freshStore());
      await repo.upsert([{ ...anna, aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001' }]);
      assert.equal(await repo.emailForAadObjectId('AAAAAAAA-0000-4000-8000-000000000001'), anna.email);
      assert.equal(await repo.emailForAadObjectId('bbbbbbbb-0000-4000-8000-000000000001'), undefined);
    });

    it('remembers an e-mail for an object id even when nobody has that e-mail', async () => {
      const repo = new TablePersonRepository(await freshStore());
      await repo.rememberAadObjectId('cccccccc-0000-4000-8000-000000000001', 'Guest@Example.org');
      assert.equal(await repo.emailForAadObjectId('cccccccc-0000-4000-8000-000000000001'), 'guest@example.org');
      assert.deepEqual(await repo.list(), []);
    });

    it('writes more than one transaction worth of people', async () => {
      const repo = new TablePersonRepository(await freshStore());
      const many = Array.from({ length: 250 }, (_, i) => ({ ...anna, email: `p${i}@example.org`, name: `Person ${i}` }));
      await repo.upsert(many);
      assert.equal((await repo.list()).length, 250);
    });
  });

  describe('projects', () => {
    const project: Project = {
      id: 'e-akte',
      title: 'E-Akte',
      aliases: ['eAkte', 'DMS; Dokumente'],
      field: 'Verwaltung digital',
      lead: 'Dülmen',
      participants: ['Coesfeld', 'Senden'],
      owner: anna.email,
      deputy: '',
      phase: 'implementation',
      summary: 'Einführung, mit Komma',
    };

    it('reads a project back with its lists intact', async () => {
      const repo = new TableProjectRepository(await freshStore());
      await repo.upsert([project]);
      assert.deepEqual(await repo.get('E-AKTE'), project);
      assert.deepEqual(await repo.list(), [project]);
    });

    it('returns undefined for an unknown project', async () => {
      const repo = new TableProjectRepository(await freshStore());
      assert.equal(await repo.get('nope'), undefined);
    });
  });

  describe('conversations', () => {
    const address = (scope: ConversationAddress['scope'], key: string, extra: Partial<ConversationAddress> = {}): ConversationAddress => ({
      scope,
      key,
      conversationId: key,
      tenantId: 't',
      teamId: '',
      userAadObjectId: '',
      reference: { conversation: { id: key }, serviceUrl: 'https://smba.example/emea/' },
      lastSeenAt: '2026-11-25T10:00:00.000Z',
      ...extra,
    });

    it('tells a new install from a repeated one', async () => {
      const repo = new TableConversationRepository(await freshStore());
      assert.equal(await repo.add(address('personal', 'user-1')), true);
      assert.equal(await repo.add(address('personal', 'user-1', { lastSeenAt: '2026-11-26T10:00:00.000Z' })), false);
      assert.equal((await repo.getPersonal('user-1'))?.lastSeenAt, '2026-11-26T10:00:00.000Z');
    });

    it('keeps keys with characters Table Storage does not allow in keys', async () => {
      const repo = new TableConversationRepository(await freshStore());
      const key = '19:abc/def#x?y\\z@thread.tacv2';
      await repo.refresh(address('groupChat', key));
      assert.deepEqual(await repo.get('groupChat', key), address('groupChat', key));
      assert.deepEqual((await repo.list('groupChat')).map((a) => a.key), [key]);
    });

    it('forgets a team together with its channels, and only those', async () => {
      const repo = new TableConversationRepository(await freshStore());
      await repo.add(address('team', '19:team-a@thread.tacv2', { teamId: '19:team-a@thread.tacv2' }));
      await repo.refresh(address('channel', '19:chan-a1@thread.tacv2', { teamId: '19:team-a@thread.tacv2' }));
      await repo.refresh(address('channel', '19:chan-b1@thread.tacv2', { teamId: '19:team-b@thread.tacv2' }));
      await repo.remove('team', '19:team-a@thread.tacv2');
      assert.equal(await repo.get('team', '19:team-a@thread.tacv2'), undefined);
      assert.deepEqual((await repo.list('channel')).map((a) => a.key), ['19:chan-b1@thread.tacv2']);
    });

    it('removing an unknown conversation is not an error', async () => {
      const repo = new TableConversationRepository(await freshStore());
      await repo.add(address('personal', 'user-1'));
      await assert.doesNotReject(repo.remove('personal', 'nobody'));
      assert.deepEqual((await repo.list('personal')).map((a) => a.key), ['user-1']);
    });
  });
});
