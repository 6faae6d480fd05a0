import type { Config } from '../config';
import type { Jobs } from '../domain/jobs';
import type { Outbox } from '../domain/outbox';
import type { CheckinService } from '../domain/checkins';
import type { AskService } from '../domain/ask/ask-service';
import type { DirectoryCache } from '../domain/ask/directory-cache';
import type { Repositories } from '../domain/repositories';
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
