import fs from 'node:fs';
import { withStorage } from '../../platform/cli/commands';
import { DirectoryCache } from '../../platform/directory/directory-cache';
import type { CliCommand, CliContext } from '../../platform/feature';
import type { MessageKey } from '../../platform/i18n';
import { formatDateTime } from '../../platform/i18n/format';
import { ProjectConcernsSource } from './domain/concerns';
import { splitList, type Feed } from './domain/feeds';
import { createRadar, type AddFeedResult } from './domain/radar';
import type { TrendSettings } from './settings';
import { trendRepositories } from './tables';
import { readFeed } from './web/feed-reader';
import { feedsFromOpml, feedsToOpml } from './web/opml';

/** Who added a feed on the command line (an operator: coordinators and admins run it). */
const BY_CLI = 'cli';

const SUBCOMMANDS = ['add', 'list', 'remove', 'import', 'export'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];
/** The options each subcommand takes (each with a value). */
const OPTIONS: Readonly<Record<Subcommand, readonly string[]>> = { add: ['--keywords', '--tags'], list: [], remove: [], import: [], export: [] };
/** How many arguments each takes besides its options. */
const ARGUMENTS: Readonly<Record<Subcommand, number>> = { add: 1, list: 0, remove: 1, import: 1, export: 1 };

function usageError(cli: CliContext, message: string): number {
  cli.output.err(message);
  cli.output.err(cli.usage());
  return 2;
}

/** The arguments and `--option value` pairs of a call, or what is wrong with it. */
function parse(subcommand: Subcommand, argv: readonly string[]): { args: string[]; options: Map<string, string> } | { error: MessageKey; params: Record<string, string> } {
  const args: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) args.push(arg);
    else if (!OPTIONS[subcommand].includes(arg)) return { error: 'trends.cli.unknownOption', params: { option: arg } };
    else if (argv[i + 1] === undefined) return { error: 'trends.cli.missingValue', params: { option: arg } };
    else options.set(arg, argv[++i]!);
  }
  if (args.length < ARGUMENTS[subcommand]) return { error: subcommand === 'add' ? 'trends.cli.missingUrl' : subcommand === 'remove' ? 'trends.cli.missingId' : 'trends.cli.missingFile', params: {} };
  if (args.length > ARGUMENTS[subcommand]) return { error: 'trends.cli.extraArgument', params: { argument: args[ARGUMENTS[subcommand]]! } };
  return { args, options };
}

/** One feed in `feeds list`: id, address and title, keywords and tags, the last fetch with its status. */
function describeFeed(feed: Feed, cli: CliContext): string[] {
  const { t, config } = cli;
  const view = { t, locale: config.defaultLocale, timezone: config.timezone };
  const none = t('trends.cli.none');
  const status = feed.status === 'error' ? t('trends.cli.status.error', { error: feed.lastError }) : t(`trends.cli.status.${feed.status}` as MessageKey);
  return [
    `${feed.id}  ${feed.url}  „${feed.title}“`,
    `  ${t('trends.cli.keywordsTags', { keywords: feed.keywords.join(', ') || none, tags: feed.tags.join(', ') || none })}`,
    `  ${t('trends.cli.fetch', { at: feed.lastFetchAt ? formatDateTime(feed.lastFetchAt, view) : t('trends.cli.never'), status, seen: feed.entriesSeen })}`,
  ];
}

function describeAdd(result: AddFeedResult, url: string, cli: CliContext, settings: TrendSettings): { ok: boolean; line: string } {
  const { t } = cli;
  switch (result.kind) {
    case 'added':
      return {
        ok: true,
        line: t('trends.cli.added', { id: result.feed.id, title: result.feed.title, entries: t('trends.cli.entries', { count: result.entries }), every: t('trends.cli.every', { count: settings.feedCheckMinutes }) }),
      };
    case 'exists':
      return { ok: false, line: t('trends.cli.exists', { id: result.feed.id, url }) };
    case 'invalidUrl':
      return { ok: false, line: t('trends.cli.invalidUrl', { url }) };
    case 'failed':
      if (result.code === 'privateAddress') return { ok: false, line: t('trends.cli.privateAddress', { url, reason: result.message }) };
      if (result.code === 'notAFeed') return { ok: false, line: t('trends.cli.notAFeed', { url, reason: result.message }) };
      return { ok: false, line: t('trends.cli.unreachable', { url, reason: result.message }) };
  }
}

/**
 * `npm run cli -- feeds add|list|remove|import|export`: the feeds of the scouts' radar. Adding fetches the feed
 * once (refused when it is no feed, or not at a public address unless `FEEDS_ALLOW_PRIVATE=true`); the running bot
 * checks every feed every `FEEDS_CHECK_MINUTES`. Exit codes: 0 done, 1 refused, 2 wrong call.
 */
export const feedsCommand: CliCommand<TrendSettings> = {
  name: 'feeds',
  usage: 'trends.cli.usage',
  async run(argv, cli, settings) {
    const [name, ...rest] = argv;
    if (!(SUBCOMMANDS as readonly string[]).includes(name ?? '')) return usageError(cli, name ? cli.t('trends.cli.unknownCommand', { command: name }) : cli.t('trends.cli.missingCommand'));
    const subcommand = name as Subcommand;
    const call = parse(subcommand, rest);
    if ('error' in call) return usageError(cli, cli.t(call.error, call.params));
    const [argument = ''] = call.args;
    const { t, output } = cli;
    return withStorage(cli, async (storage) => {
      const radar = createRadar({
        feeds: trendRepositories(storage.store).feeds,
        concerns: new ProjectConcernsSource(new DirectoryCache(storage.repos, { now: cli.now, checkIntervalMs: 0 })),
        now: cli.now,
        read: (url, validators) => readFeed(url, validators, { allowPrivate: settings.allowPrivateAddresses }),
      });
      switch (subcommand) {
        case 'add': {
          const result = await radar.add(argument, splitList(call.options.get('--keywords') ?? ''), splitList(call.options.get('--tags') ?? ''), BY_CLI);
          const { ok, line } = describeAdd(result, argument, cli, settings);
          (ok ? output.out : output.err)(line);
          return ok ? 0 : 1;
        }
        case 'list': {
          const feeds = await radar.list();
          if (feeds.length === 0) output.out(t('trends.cli.noFeeds'));
          else output.out(t('trends.cli.listed', { count: feeds.length }));
          for (const feed of feeds) describeFeed(feed, cli).forEach((line) => output.out(line));
          return 0;
        }
        case 'remove': {
          if (!(await radar.remove(argument))) {
            output.err(t('trends.cli.unknownFeed', { id: argument }));
            return 1;
          }
          output.out(t('trends.cli.removed', { id: argument }));
          return 0;
        }
        case 'import': {
          let feeds;
          try {
            feeds = feedsFromOpml(fs.readFileSync(argument, 'utf8'));
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            output.err(code === 'ENOENT' ? t('cli.fileNotFound', { file: argument }) : t('trends.cli.notOpml', { file: argument, reason: (error as Error).message }));
            return 1;
          }
          const result = await radar.import(feeds, BY_CLI);
          if (result.kind === 'invalid') {
            for (const problem of result.problems) output.err(t('trends.cli.importProblem', { line: problem.line, url: problem.url }));
            output.err(t('trends.cli.importRefused', { count: result.problems.length }));
            return 1;
          }
          output.out(t('trends.cli.imported', { added: result.added, existing: result.existing, file: argument }));
          return 0;
        }
        case 'export': {
          const feeds = await radar.list();
          fs.writeFileSync(argument, feedsToOpml(feeds, t('trends.cli.opmlTitle')));
          output.out(t('trends.cli.exported', { count: feeds.length, file: argument }));
          return 0;
        }
      }
    });
  },
};
