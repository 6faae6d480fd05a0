import { DirectoryCache } from '../../platform/directory/directory-cache';
import type { CliCommand } from '../../platform/feature';
import { createLogger } from '../../platform/logger';
import { Scheduler, schedulerOptions } from '../../platform/scheduler/scheduler';
import { clockFrom } from '../../platform/clock';
import { projectLookup } from '../ask';
import { createCheckinService } from './domain/service';
import { checkinTiming, type CheckinSettings } from './settings';
import { checkinRepositories } from './tables';
import { describeStart } from './teams/views';

/**
 * `npm run cli -- checkin start`: starts a check-in round the way a coordinator's `Check-in starten` does. The
 * command line cannot send: it stores the round with its prompts and the round's jobs, and the running bot's
 * scheduler (whichever instance comes first, at its next tick) sends the cards through the outbox — the same
 * path every round takes, so a restart in between loses nothing and nothing is sent twice. Returns the exit
 * code: 0 when a round was started, 1 when one is already open or there is nothing to ask, 2 for a wrong command.
 */
export const checkinCommand: CliCommand<CheckinSettings> = {
  name: 'checkin',
  usage: 'checkin.cli.usage',
  async run(args, { config, t, output, now, openStorage, usage }, settings) {
    const [subcommand] = args;
    if (subcommand !== 'start') {
      if (subcommand) output.err(t('checkin.cli.unknownCommand', { command: subcommand }));
      output.err(usage());
      return 2;
    }
    let open;
    try {
      open = await openStorage();
    } catch (error) {
      output.err(t('cli.storageUnavailable', { reason: (error as Error).message }));
      return 1;
    }
    try {
      // The jobs are only stored here (this scheduler never starts); the bot's scheduler runs them.
      const jobs = new Scheduler({ jobs: open.jobs, clock: clockFrom(now), logger: createLogger('silent'), instanceId: 'cli', options: schedulerOptions(config) });
      const directory = new DirectoryCache(open.repos, { now, checkIntervalMs: config.directoryRefreshSeconds * 1000 });
      const repos = { ...open.repos, ...checkinRepositories(open.store) };
      const checkins = createCheckinService({ repos, timing: checkinTiming(settings, config.timezone), now, jobs, lookup: projectLookup(directory), directory });
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
  },
};
