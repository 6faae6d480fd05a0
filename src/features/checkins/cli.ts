import { describeStart } from './teams/views';
import { clockFrom } from '../../platform/clock';
import { checkinTiming, type Config } from '../../platform/config';
import { DirectoryCache } from '../ask/domain/directory-cache';
import { createCheckinService } from './domain/service';
import { AskProjectLookup } from '../ask/domain/project-lookup';
import type { Translate } from '../../platform/i18n';
import { createLogger } from '../../platform/logger';
import { Scheduler, schedulerOptions } from '../../platform/scheduler/scheduler';
import type { OpenStorage } from '../../platform/storage';
import type { CliOutput } from '../../cli/main';

/**
 * `npm run cli -- checkin start`: starts a check-in round the way a coordinator's `Check-in starten` does. The
 * command line cannot send: it stores the round with its prompts and the round's jobs, and the running bot's
 * scheduler (whichever instance comes first, at its next tick) sends the cards through the outbox — the same
 * path every round takes, so a restart in between loses nothing and nothing is sent twice. Returns the exit
 * code: 0 when a round was started, 1 when one is already open or there is nothing to ask, 2 for a wrong command.
 */
export async function runCheckinCommand(args: readonly string[], config: Config, storage: () => Promise<OpenStorage>, t: Translate, output: CliOutput, now: () => Date = () => new Date()): Promise<number> {
  const [subcommand] = args;
  if (subcommand !== 'start') {
    if (subcommand) output.err(t('checkin.cli.unknownCommand', { command: subcommand }));
    output.err(t('cli.usage'));
    return 2;
  }
  let open: OpenStorage;
  try {
    open = await storage();
  } catch (error) {
    output.err(t('cli.storageUnavailable', { reason: (error as Error).message }));
    return 1;
  }
  try {
    // The jobs are only stored here (this scheduler never starts); the bot's scheduler runs them.
    const jobs = new Scheduler({
      jobs: open.jobs,
      clock: clockFrom(now),
      logger: createLogger('silent'),
      instanceId: 'cli',
      options: schedulerOptions(config),
    });
    const lookup = new AskProjectLookup(new DirectoryCache(open.repos, { now, checkIntervalMs: config.askRefreshSeconds * 1000 }));
    const checkins = createCheckinService({ repos: open.repos, timing: checkinTiming(config), now, jobs, lookup });
    const result = await checkins.startRound({ kind: 'cli' });
    const message = describeStart(result, { t, locale: config.defaultLocale, timezone: config.timezone });
    if (result.kind !== 'started') {
      output.err(message);
      return 1;
    }
    output.out(`${message} ${t('checkinRounds.sendingByBot', { seconds: config.scheduler.tickSeconds })}`);
    return 0;
  } finally {
    await open.close();
  }
}
