import { FEATURES, featureTables, parseConfig, storageOffers } from '../app';
import { ENGINE_COMMANDS, tabularCommands } from '../platform/cli/commands';
import { ConfigError, readEnvironment } from '../platform/config';
import type { CliCommand, CliContext, CliOutput } from '../platform/feature';
import { translator } from '../platform/i18n';
import { openStorage } from '../platform/storage';

const consoleOutput: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Every command with the settings it runs with: import and export (of the directory and of the features' kinds of
 * data), the features' own in their order, the engine's.
 */
function commands(settings: Readonly<Record<string, unknown>>): { command: CliCommand; settings: unknown }[] {
  const kinds = FEATURES.flatMap((feature) => feature.tabular.map((kind) => ({ kind, settings: settings[feature.name] })));
  return [
    ...tabularCommands(kinds).map((command) => ({ command, settings: undefined })),
    ...FEATURES.flatMap((feature) => feature.cli.map((command) => ({ command, settings: settings[feature.name] }))),
    ...ENGINE_COMMANDS.map((command) => ({ command, settings: undefined })),
  ];
}

/**
 * `npm run cli -- COMMAND …`: the platform's commands (`import`, `export`, `deliveries`, `jobs`, `send`) and
 * those the features declare (`checkin start` …), on the same storage as the bot: `TABLES_CONNECTION_STRING`,
 * else the embedded store in `DATA_DIR` (borrowed from the running bot if it is up). Messages are in the
 * configured default language. Returns the exit code.
 */
export async function runCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, output: CliOutput = consoleOutput, now: () => Date = () => new Date()): Promise<number> {
  let config;
  try {
    config = parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) output.err(`Configuration error: ${problem}`);
    return 1;
  }
  const t = translator(config.defaultLocale);
  const all = commands(config.settings);
  const usage = () => [t('cli.usageTitle'), ...all.map(({ command }) => t(command.usage))].join('\n');
  if (argv.includes('--help') || argv.includes('-h')) {
    output.out(usage());
    return 0;
  }
  const [name, ...rest] = argv;
  if (!name || name.startsWith('--')) {
    output.err(usage());
    return 2;
  }
  const found = all.find(({ command }) => command.name === name);
  if (!found) {
    output.err(t('cli.unknownCommand', { command: name }));
    output.err(usage());
    return 2;
  }
  const cli: CliContext = { config, t, output, now, usage, openStorage: () => openStorage(config, 'cli', featureTables()), offers: (storage) => storageOffers(config, storage, now) };
  return found.command.run(rest, cli, found.settings);
}

if (require.main === module) {
  runCli(process.argv.slice(2), readEnvironment())
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    });
}
