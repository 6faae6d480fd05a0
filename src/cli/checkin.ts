import { describeStart } from '../bot/checkin-views';
import { checkinTiming, type Config } from '../config';
import { createCheckinService } from '../domain/checkins';
import type { Translate } from '../i18n';
import type { OpenStorage } from '../storage';
import type { CliOutput } from './main';

/**
 * `npm run cli -- checkin start`: starts a check-in round the way a coordinator's `Check-in starten` does
 * (created and stored with pending prompts; the delivery sends them). Returns the exit code: 0 when a round
 * was started, 1 when one is already open or there is nothing to ask, 2 for a wrong command.
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
    const checkins = createCheckinService({ repos: open.repos, timing: checkinTiming(config), now });
    const result = await checkins.startRound({ kind: 'cli' });
    const message = describeStart(result, { t, locale: config.defaultLocale, timezone: config.timezone });
    if (result.kind !== 'started') {
      output.err(message);
      return 1;
    }
    output.out(message);
    return 0;
  } finally {
    await open.close();
  }
}
