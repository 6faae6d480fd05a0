import fs from 'node:fs';
import { ConfigError, parseConfig, readEnvironment } from '../platform/config';
import { COLUMNS, DIRECTORY_KINDS, exportDirectory, importDirectory, type DirectoryKind, type ImportProblem } from '../platform/directory/import';
import { formatOf, readTable, UnreadableFileError, writeTable } from '../platform/files/tabular';
import { translator, type MessageKey, type Translate } from '../platform/i18n';
import { openStorage, type OpenStorage } from '../platform/storage';
import { runCheckinCommand } from '../features/checkins/cli';
import { listDeliveries, listJobs, queueMessage } from '../platform/cli/proactive';

/** Where the CLI writes; tests capture it. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * `npm run cli -- import KIND FILE [--dry-run]`, `export KIND FILE`, `checkin start` (see `checkin.ts`),
 * `deliveries`, `jobs` and `send …` (see `proactive.ts`), on the same storage as the bot:
 * `TABLES_CONNECTION_STRING`, else the embedded store in `DATA_DIR` (borrowed from the running bot if it is
 * up). Messages are in the configured default language. Returns the exit code.
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
  const usageError = (message: string): number => {
    output.err(message);
    output.err(t('cli.usage'));
    return 2;
  };
  if (argv.includes('--help') || argv.includes('-h')) {
    output.out(t('cli.usage'));
    return 0;
  }
  const args = argv.filter((a) => !a.startsWith('--'));
  const options = argv.filter((a) => a.startsWith('--'));
  const [command, kind, file, extra] = args;

  if (command === 'checkin') return runCheckinCommand(args.slice(1), config, () => openStorage(config, 'cli'), t, output, now);
  if (command === 'deliveries' || command === 'jobs') {
    if (args.length > 1 || options.length > 0) return usageError(t('importCli.extraArgument', { argument: [...args.slice(1), ...options][0]! }));
    return report(command, config, t, output);
  }
  if (command === 'send') {
    return withStorage(config, t, output, (storage) =>
      queueMessage({ people: storage.repos.people, deliveries: storage.deliveries, now: now(), sweepSeconds: config.delivery.sweepSeconds }, argv, t, output),
    );
  }
  if (!command) {
    output.err(t('cli.usage'));
    return 2;
  }
  if (command !== 'import' && command !== 'export') return usageError(t('cli.unknownCommand', { command }));
  // An option the command does not know is refused: a mistyped --dry-run must not become a real import.
  const unknownOption = options.find((o) => !(command === 'import' && o === '--dry-run'));
  if (unknownOption) return usageError(t('importCli.unknownOption', { option: unknownOption }));
  if (!kind) return usageError(t('importCli.missingKind'));
  if (!DIRECTORY_KINDS.includes(kind as DirectoryKind)) return usageError(t('cli.unknownKind', { kind }));
  if (!file) return usageError(t('importCli.missingFile'));
  if (!formatOf(file)) return usageError(t('cli.unknownFormat', { file }));
  if (extra !== undefined) return usageError(t('importCli.extraArgument', { argument: extra }));
  if (command === 'import' && !fs.existsSync(file)) {
    output.err(t('cli.fileNotFound', { file }));
    return 1;
  }

  return withStorage(config, t, output, (storage) =>
    command === 'import'
      ? importFile(storage.repos, kind as DirectoryKind, file, options.includes('--dry-run'), t, output)
      : exportFile(storage.repos, kind as DirectoryKind, file, t, output),
  );
}

/** The operators' reports of the proactive engine, on the bot's storage. */
function report(command: 'deliveries' | 'jobs', config: Parameters<typeof openStorage>[0] & { timezone: string }, t: Translate, output: CliOutput): Promise<number> {
  return withStorage(config, t, output, (storage) =>
    command === 'deliveries' ? listDeliveries(storage.deliveries, config.timezone, t, output) : listJobs(storage.jobs, config.timezone, t, output),
  );
}

/** Runs a command on the bot's storage, closing it after; says so when storage cannot be opened. */
async function withStorage(config: Parameters<typeof openStorage>[0], t: Translate, output: CliOutput, command: (storage: OpenStorage) => Promise<number>): Promise<number> {
  let storage;
  try {
    storage = await openStorage(config, 'cli');
  } catch (error) {
    output.err(t('cli.storageUnavailable', { reason: (error as Error).message }));
    return 1;
  }
  try {
    return await command(storage);
  } finally {
    await storage.close();
  }
}

async function importFile(repos: Parameters<typeof importDirectory>[0], kind: DirectoryKind, file: string, dryRun: boolean, t: Translate, output: CliOutput): Promise<number> {
  let data;
  try {
    data = await readTable(file);
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    output.err(t('cli.unreadable', { file, reason: describeUnreadable(error, t) }));
    return 1;
  }
  const result = await importDirectory(repos, kind, data, { dryRun });
  if (!result.ok) {
    output.err(t('cli.importFailed', { count: result.problems.length }));
    for (const problem of result.problems) output.err(describeProblem(problem, t));
    return 1;
  }
  output.out(t('cli.imported', { kind: t(`kinds.${kind}`), created: result.created, updated: result.updated, unchanged: result.unchanged }));
  if (dryRun) output.out(t('cli.dryRun'));
  return 0;
}

async function exportFile(repos: Parameters<typeof exportDirectory>[0], kind: DirectoryKind, file: string, t: Translate, output: CliOutput): Promise<number> {
  const rows = await exportDirectory(repos, kind);
  await writeTable(file, COLUMNS[kind], rows);
  output.out(t('cli.exported', { count: rows.length, file }));
  return 0;
}

/** One line per problem: where it is and what is wrong, in the user's language. */
function describeProblem(problem: ImportProblem, t: Translate): string {
  const message = t(`problems.${problem.code}` as MessageKey, problem.params);
  return problem.column ? t('cli.problemAt', { row: problem.row, column: problem.column, message }) : t('cli.problemAtRow', { row: problem.row, message });
}

/** Why a file cannot be read, in the user's language (the library's own words stay in the logs). */
function describeUnreadable(error: UnreadableFileError, t: Translate): string {
  const key = error.reason === 'jsonSyntax' && error.details.line !== undefined ? 'jsonSyntaxAt' : error.reason;
  return t(`importCli.unreadable.${key}` as MessageKey, error.details);
}

if (require.main === module) {
  runCli(process.argv.slice(2), readEnvironment())
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(1);
    });
}
