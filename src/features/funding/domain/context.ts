import type { DirectorySource } from '../../../platform/directory/directory-cache';
import { isCoordinator, type Person, type Project } from '../../../platform/directory/model';
import type { GroupSettingsRepository } from '../../../platform/storage/group-settings-repository';
import type { Jobs } from '../../../platform/scheduler/jobs';
import type { ProjectLookup } from '../../ask';
import type { ReminderOffset } from './deadline';
import type { FundingNotifier } from './notifier';
import type { FundingRepositories } from './repositories';

/** When and how the radar reminds (`FUNDING_REMINDERS`, the time zone). */
export interface FundingTiming {
  readonly timezone: string;
  readonly reminders: readonly ReminderOffset[];
  /** Local time (`HH:mm`) of reminders counted in days before a deadline that has no time. */
  readonly reminderTimeOfDay: string;
}

/**
 * What the funding use cases need: storage, the directory, the scheduler, the clock and timing, how projects
 * are found by name and, in the bot, how people are reached outside a turn (the command line never sends: it
 * leaves that to the bot's jobs).
 */
export interface FundingContext {
  readonly repos: FundingRepositories & { readonly groupSettings: GroupSettingsRepository };
  readonly directory: DirectorySource;
  readonly lookup: ProjectLookup;
  readonly jobs: Jobs;
  readonly timing: FundingTiming;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly notifier?: FundingNotifier;
}

/** True for whoever may change a project's applications: its owner and deputy, and coordinators. */
export function mayChangeApplications(person: Person | undefined, project: Project): person is Person {
  if (!person) return false;
  return person.email === project.owner || person.email === project.deputy || isCoordinator(person);
}
