import type { DirectorySource } from '../../../platform/directory/directory-cache';
import type { Person } from '../../../platform/directory/model';
import type { Repositories } from '../../../platform/directory/repositories';
import type { CheckinTiming } from './model';
import type { CheckinNotifier } from './notifier';
import type { ProjectLookup } from '../../ask';
import type { CheckinRepositories } from './repositories';

/**
 * What the check-in use cases need: storage, the clock, timing, how projects are found by name and, in the
 * bot, how people are reached outside a turn (the command line has no notifier: it never sends).
 */
export interface CheckinContext {
  readonly repos: Pick<Repositories, 'projects' | 'people' | 'groupSettings'> & CheckinRepositories;
  readonly timing: CheckinTiming;
  readonly lookup: ProjectLookup;
  /** The directory in memory: rounds plan and send from it instead of reading the people and projects tables. */
  readonly directory: DirectorySource;
  readonly now: () => Date;
  /** New unique ids (rounds, answers, submission tokens). */
  readonly newId: () => string;
  readonly notifier?: CheckinNotifier;
}

/** A person as shown in a digest or history: e-mail and name (the e-mail when the directory has no name). */
export interface PersonRef {
  readonly email: string;
  readonly name: string;
}

/** People by e-mail, and a reference for any e-mail (known or not); from `listed` when the caller has the list. */
export async function peopleIndex(ctx: CheckinContext, listed?: readonly Person[]): Promise<{ byEmail: Map<string, Person>; ref(email: string): PersonRef }> {
  const byEmail = new Map((listed ?? (await ctx.repos.people.list())).map((p) => [p.email, p]));
  return { byEmail, ref: (email) => ({ email, name: byEmail.get(email)?.name ?? email }) };
}

/** One person as shown, with one point read. */
export async function personRef(ctx: CheckinContext, email: string): Promise<PersonRef> {
  return { email, name: (await ctx.repos.people.get(email))?.name ?? email };
}
