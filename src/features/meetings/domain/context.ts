import { randomBytes } from 'node:crypto';
import type { Repositories } from '../../../platform/directory/repositories';
import type { Jobs } from '../../../platform/scheduler/jobs';
import type { MeetingRules } from './model';
import type { MeetingNotifier } from './notifier';
import type { MeetingRepositories } from './repositories';

/** The traffic light of a project's latest status, where check-ins know one. */
export type LatestLight = (projectId: string) => Promise<'green' | 'yellow' | 'red' | undefined>;

/**
 * What the meeting use cases need: storage, rules, the scheduler (reminders), the clock and, in the bot, how
 * posts reach the home channel (the command line has no notifier: it never sends).
 */
export interface MeetingContext {
  readonly repos: Pick<Repositories, 'people' | 'projects' | 'groupSettings'> & MeetingRepositories;
  readonly rules: MeetingRules;
  readonly jobs: Jobs;
  readonly now: () => Date;
  /** A new series id: 12 lower-case hex digits. */
  readonly newId: () => string;
  /** A new secret for a calendar link. */
  readonly newKey: () => string;
  readonly notifier?: MeetingNotifier;
  readonly latestLight?: LatestLight;
}

/** Series ids: 48 random bits, short enough for links and job ids, and never guessed (the key guards the link). */
export function newSeriesId(): string {
  return randomBytes(6).toString('hex');
}

/** A calendar link's secret: 256 random bits, URL-safe. */
export function newCalendarKey(): string {
  return randomBytes(32).toString('base64url');
}
