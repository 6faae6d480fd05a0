import { randomUUID } from 'node:crypto';
import type { CheckinContext } from '../../src/features/checkins/domain/context';
import type { HolidayRegion } from '../../src/features/checkins/domain/holidays';
import { projectLookup } from '../../src/features/ask';
import { checkinRepositories } from '../../src/features/checkins/tables';
import { DirectoryCache } from '../../src/platform/directory/directory-cache';
import { loadSampleDataIfEmpty } from '../../src/platform/directory/sample-data';
import { openStorage, type OpenStorage } from '../../src/platform/storage';
import { testConnectionString, uniquePrefix } from './hooks';
import { featureTables } from '../../src/app';

/** A clock the test sets. */
export class TestClock {
  constructor(private current: Date) {}
  readonly now = (): Date => new Date(this.current.getTime());
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/**
 * The check-in use cases' context on the run's Azurite, with the sample data loaded into tables of its own,
 * default timing (reminder after 2, close after 5 working days, Europe/Berlin) and a clock the test drives.
 */
export async function sampleCheckinContext(startAt: string, holidayRegion: HolidayRegion | '' = ''): Promise<{ ctx: CheckinContext; clock: TestClock; storage: OpenStorage }> {
  const storage = await openStorage({ tablesConnectionString: testConnectionString(), dataDir: '', tablePrefix: uniquePrefix() }, 'cli', featureTables());
  await loadSampleDataIfEmpty(storage.repos);
  const clock = new TestClock(new Date(startAt));
  const directory = new DirectoryCache(storage.repos, { now: clock.now, checkIntervalMs: 1000 });
  const ctx: CheckinContext = {
    repos: { ...storage.repos, ...checkinRepositories(storage.store) },
    timing: { timezone: 'Europe/Berlin', reminderWorkingDays: 2, closeWorkingDays: 5, holidayRegion, reminderTime: '09:00', dueTime: '17:00' },
    lookup: projectLookup(directory),
    directory,
    now: clock.now,
    newId: randomUUID,
  };
  return { ctx, clock, storage };
}
