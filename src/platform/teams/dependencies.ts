import type { Config } from '../config';
import type { Jobs } from '../scheduler/jobs';
import type { Outbox } from '../delivery/outbox';
import type { CheckinService } from '../../features/checkins/domain/service';
import type { AskService } from '../../features/ask/domain/ask-service';
import type { DirectoryCache } from '../../features/ask/domain/directory-cache';
import type { Repositories } from '../directory/repositories';
import type { Logger } from '../logger';
import type { CardRenderer } from './cards';

/** What the bot layer needs from the composition root. */
export interface BotDependencies {
  readonly repos: Repositories;
  /** Sends outside the turn (to other people, channels, later): the delivery pipeline. */
  readonly outbox: Outbox;
  /** Schedules jobs (rounds, reminders) run by the scheduler. */
  readonly jobs: Jobs;
  readonly cards: CardRenderer;
  readonly config: Pick<Config, 'defaultLocale' | 'allowedTenants' | 'timezone'>;
  /** The check-in use cases. */
  readonly checkins: CheckinService;
  /** The directory in memory, refreshed when it changes in storage. */
  readonly directory: DirectoryCache;
  /** Answers questions about projects and responsibilities. */
  readonly ask: AskService;
  readonly logger: Logger;
  /** The current time; tests drive it. */
  readonly now: () => Date;
}
