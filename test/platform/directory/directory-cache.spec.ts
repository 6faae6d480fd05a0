import assert from 'node:assert/strict';
import { DirectoryCache } from '../../../src/platform/directory/directory-cache';
import { openStorage } from '../../../src/platform/storage';
import { testConnectionString, uniquePrefix } from '../../support/hooks';
import { municipalities, people, projects } from '../../features/ask/domain/directory-fixture';

describe('directory: in-memory copy freshness on Azurite', () => {
  async function setup() {
    const storage = await openStorage({ tablesConnectionString: testConnectionString(), dataDir: '', tablePrefix: uniquePrefix() }, 'cli');
    await storage.repos.municipalities.upsert(municipalities);
    await storage.repos.people.upsert(people);
    await storage.repos.projects.upsert(projects);
    let now = new Date('2026-03-02T09:00:00Z');
    const cache = new DirectoryCache(storage.repos, { now: () => now, checkIntervalMs: 10_000 });
    return { storage, cache, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
  }

  it('moves the directory version on with every write of municipalities, people or projects', async () => {
    const { storage } = await setup();
    const versions = [await storage.repos.directoryVersion.current()];
    await storage.repos.projects.upsert([{ ...projects[0]!, title: 'Bürger-Portal 2' }]);
    versions.push(await storage.repos.directoryVersion.current());
    await storage.repos.people.upsert([people[0]!]);
    versions.push(await storage.repos.directoryVersion.current());
    await storage.repos.municipalities.upsert([municipalities[0]!]);
    versions.push(await storage.repos.directoryVersion.current());
    assert.equal(new Set(versions).size, 4);
    assert.ok(versions.every((v) => v !== ''));
  });

  it('does not move the version when only a Teams user id is remembered', async () => {
    const { storage } = await setup();
    const before = await storage.repos.directoryVersion.current();
    await storage.repos.people.rememberAadObjectId('aaaaaaaa-0000-4000-8000-000000000001', 'x@example.org');
    assert.equal(await storage.repos.directoryVersion.current(), before);
  });

  it('keeps one copy within the check interval and rebuilds it after, when the version moved', async () => {
    const { storage, cache, advance } = await setup();
    const first = await cache.current();
    await storage.repos.projects.upsert([{ ...projects[0]!, id: 'neu', title: 'Neues Vorhaben' }]);
    advance(9_999);
    assert.equal(await cache.current(), first);
    assert.equal(first.project('neu'), undefined);
    advance(1);
    const second = await cache.current();
    assert.notEqual(second, first);
    assert.equal(second.project('neu')?.title, 'Neues Vorhaben');
  });

  it('keeps the copy when the version did not move', async () => {
    const { cache, advance } = await setup();
    const first = await cache.current();
    advance(60_000);
    assert.equal(await cache.current(), first);
  });
});
