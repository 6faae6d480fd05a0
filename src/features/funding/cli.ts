import { withStorage } from '../../platform/cli/commands';
import { clockFrom } from '../../platform/clock';
import { DirectoryCache } from '../../platform/directory/directory-cache';
import type { CliCommand, CliContext, TabularKind } from '../../platform/feature';
import type { MessageKey } from '../../platform/i18n';
import { createLogger } from '../../platform/logger';
import { Scheduler, schedulerOptions } from '../../platform/scheduler/scheduler';
import type { OpenStorage } from '../../platform/storage';
import { projectLookup } from '../ask';
import { CALL_COLUMNS } from './domain/calls';
import { createFundingService, type FundingService } from './domain/service';
import { EuFetchError, fetchEuTopics } from './eu';
import { fundingTiming, keywordList, type FundingSettings } from './settings';
import { fundingRepositories } from './tables';

/**
 * The funding use cases on the command line's storage. The command line cannot send: what it stores schedules the
 * `funding.call` jobs, and the running bot's scheduler (whichever instance comes first, at its next tick) matches
 * the calls, sends the cards and plans the reminders.
 */
function cliService(storage: OpenStorage, cli: CliContext, settings: FundingSettings): FundingService {
  const { config, now } = cli;
  // The jobs are only stored here (this scheduler never starts); the bot's scheduler runs them.
  const jobs = new Scheduler({ jobs: storage.jobs, clock: clockFrom(now), logger: createLogger('silent'), instanceId: 'cli', options: schedulerOptions(config) });
  const directory = new DirectoryCache(storage.repos, { now, checkIntervalMs: config.directoryRefreshSeconds * 1000 });
  return createFundingService({
    repos: { ...fundingRepositories(storage.store), groupSettings: storage.repos.groupSettings },
    directory,
    lookup: projectLookup(directory),
    jobs,
    timing: fundingTiming(settings, config.timezone),
    now,
  });
}

/** `npm run cli -- import funding FILE [--dry-run]` and `export funding FILE`: funding calls in CSV, XLSX or JSON. */
export const fundingCallsKind: TabularKind<FundingSettings> = {
  name: 'funding',
  label: 'funding.cli.kind',
  columns: CALL_COLUMNS,
  import: (data, storage, cli, settings, options) => cliService(storage, cli, settings).importCalls(data, options),
  export: (storage, cli, settings) => cliService(storage, cli, settings).exportCalls(),
};

/** The value after an option (`--keywords "smart city,digital"`), if given. */
function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

/**
 * `npm run cli -- funding fetch eu [--keywords "smart city,digital"] [--dry-run]`: open and forthcoming calls of the
 * EU Funding & Tenders Portal, stored as calls (nothing is stored when the portal cannot be read);
 * `npm run cli -- funding withdraw ID`: a call withdrawn. Exit codes: 0 done, 1 refused, 2 wrong usage.
 */
export const fundingCommand: CliCommand<FundingSettings> = {
  name: 'funding',
  usage: 'funding.cli.usage',
  async run(argv, cli, settings) {
    const { t, output } = cli;
    const [subcommand, argument] = argv;
    const wrong = (key: MessageKey, params: Record<string, string> = {}) => {
      output.err(t(key, params));
      output.err(cli.usage());
      return 2;
    };
    if (subcommand === 'fetch') {
      if (argument !== 'eu') return wrong('funding.cli.unknownSource', { source: argument ?? '' });
      const known = new Set(['--keywords', '--dry-run']);
      const unknown = argv.slice(2).find((a, i, rest) => a.startsWith('--') && !known.has(a) && rest[i - 1] !== '--keywords');
      if (unknown) return wrong('importCli.unknownOption', { option: unknown });
      const keywords = option(argv, 'keywords');
      if (argv.includes('--keywords') && (keywords === undefined || keywords.startsWith('--') || keywordList(keywords).length === 0)) return wrong('funding.cli.missingKeywords');
      const dryRun = argv.includes('--dry-run');
      let topics;
      try {
        topics = await fetchEuTopics({ baseUrl: settings.euApiUrl, keywords: keywords === undefined ? settings.euKeywords : keywordList(keywords) });
      } catch (error) {
        if (!(error instanceof EuFetchError)) throw error;
        output.err(t('funding.cli.fetchFailed', { reason: t(`funding.cli.euErrors.${error.reason}`, error.details) }));
        return 1;
      }
      return withStorage(cli, async (storage) => {
        const counts = await cliService(storage, cli, settings).storeEuTopics(topics, { dryRun });
        output.out(t('funding.cli.fetched', { ...counts, found: topics.length }));
        if (dryRun) output.out(t('cli.dryRun'));
        else if (counts.created + counts.updated > 0) output.out(t('funding.cli.sendingByBot', { seconds: cli.config.scheduler.tickSeconds }));
        return 0;
      });
    }
    if (subcommand === 'withdraw') {
      if (!argument || argv.length > 2) return wrong('funding.cli.missingId');
      return withStorage(cli, async (storage) => {
        const result = await cliService(storage, cli, settings).withdraw('cli', argument);
        if (result.kind === 'unknownCall' || result.kind === 'notAllowed') {
          output.err(t('funding.form.unknownCall', { value: argument }));
          return 1;
        }
        output.out(t(`funding.cli.${result.kind}`, { call: result.call.title }));
        return 0;
      });
    }
    return wrong('funding.cli.unknownCommand', { command: subcommand ?? '' });
  },
};
