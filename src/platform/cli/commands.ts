import fs from 'node:fs';
import { COLUMNS, DIRECTORY_KINDS, exportDirectory, importDirectory, type DirectoryKind, type ImportProblem } from '../directory/import';
import type { CliCommand, CliContext } from '../feature';
import { formatOf, readTable, UnreadableFileError, writeTable } from '../files/tabular';
import type { MessageKey, Translate } from '../i18n';
import type { OpenStorage } from '../storage';
import { listDeliveries, listJobs, queueMessage } from './proactive';

/** Runs a command on the bot's storage, closing it after; says so when storage cannot be opened. */
export async function withStorage(cli: CliContext, command: (storage: OpenStorage) => Promise<number>): Promise<number> {
  let storage;
  try {
    storage = await cli.openStorage();
  } catch (error) {
    cli.output.err(cli.t('cli.storageUnavailable', { reason: (error as Error).message }));
    return 1;
  }
  try {
    return await command(storage);
  } finally {
    await storage.close();
  }
}

/** A wrong call: what is wrong, then the usage; exit code 2. */
function usageError(cli: CliContext, message: string): number {
  cli.output.err(message);
  cli.output.err(cli.usage());
  return 2;
}

/** `import KIND FILE [--dry-run]` and `export KIND FILE`: the directory from and to CSV, XLSX or JSON. */
function directoryCommand(name: 'import' | 'export'): CliCommand {
  return {
    name,
    usage: `cli.usageLines.${name}`,
    async run(argv, cli) {
      const { t } = cli;
      const args = argv.filter((a) => !a.startsWith('--'));
      const options = argv.filter((a) => a.startsWith('--'));
      const [kind, file, extra] = args;
      // An option the command does not know is refused: a mistyped --dry-run must not become a real import.
      const unknownOption = options.find((o) => !(name === 'import' && o === '--dry-run'));
      if (unknownOption) return usageError(cli, t('importCli.unknownOption', { option: unknownOption }));
      if (!kind) return usageError(cli, t('importCli.missingKind'));
      if (!DIRECTORY_KINDS.includes(kind as DirectoryKind)) return usageError(cli, t('cli.unknownKind', { kind }));
      if (!file) return usageError(cli, t('importCli.missingFile'));
      if (!formatOf(file)) return usageError(cli, t('cli.unknownFormat', { file }));
      if (extra !== undefined) return usageError(cli, t('importCli.extraArgument', { argument: extra }));
      if (name === 'import' && !fs.existsSync(file)) {
        cli.output.err(t('cli.fileNotFound', { file }));
        return 1;
      }
      return withStorage(cli, (storage) =>
        name === 'import' ? importFile(storage.repos, kind as DirectoryKind, file, options.includes('--dry-run'), cli) : exportFile(storage.repos, kind as DirectoryKind, file, cli),
      );
    },
  };
}

/** A command without arguments that reports on the proactive engine. */
function reportCommand(name: 'deliveries' | 'jobs'): CliCommand {
  return {
    name,
    usage: `cli.usageLines.${name}`,
    async run(argv, cli) {
      if (argv.length > 0) return usageError(cli, cli.t('importCli.extraArgument', { argument: argv[0]! }));
      return withStorage(cli, (storage) =>
        name === 'deliveries' ? listDeliveries(storage.deliveries, cli.config.timezone, cli.t, cli.output) : listJobs(storage.jobs, cli.config.timezone, cli.t, cli.output),
      );
    },
  };
}

/** `send --to … --text …`: a text 1:1, queued in the outbox for the running bot. */
const sendCommand: CliCommand = {
  name: 'send',
  usage: 'cli.usageLines.send',
  run: (argv, cli) =>
    withStorage(cli, (storage) => queueMessage({ people: storage.repos.people, deliveries: storage.deliveries, now: cli.now(), sweepSeconds: cli.config.delivery.sweepSeconds }, argv, cli.t, cli.output)),
};

/** The platform's commands: the directory first, then the reports and sends of the proactive engine. */
export const DIRECTORY_COMMANDS: readonly CliCommand[] = [directoryCommand('import'), directoryCommand('export')];
export const ENGINE_COMMANDS: readonly CliCommand[] = [reportCommand('deliveries'), reportCommand('jobs'), sendCommand];

async function importFile(repos: Parameters<typeof importDirectory>[0], kind: DirectoryKind, file: string, dryRun: boolean, { t, output }: CliContext): Promise<number> {
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

async function exportFile(repos: Parameters<typeof exportDirectory>[0], kind: DirectoryKind, file: string, { t, output }: CliContext): Promise<number> {
  const rows = await exportDirectory(repos, kind);
  await writeTable(file, COLUMNS[kind], rows);
  output.out(t('cli.exported', { count: rows.length, file }));
  return 0;
}

/** One line per problem: where it is and what is wrong, in the user's language. */
export function describeProblem(problem: ImportProblem, t: Translate): string {
  const message = t(`problems.${problem.code}` as MessageKey, problem.params);
  return problem.column ? t('cli.problemAt', { row: problem.row, column: problem.column, message }) : t('cli.problemAtRow', { row: problem.row, message });
}

/** Why a file cannot be read, in the user's language (the library's own words stay in the logs). */
export function describeUnreadable(error: UnreadableFileError, t: Translate): string {
  const key = error.reason === 'jsonSyntax' && error.details.line !== undefined ? 'jsonSyntaxAt' : error.reason;
  return t(`importCli.unreadable.${key}` as MessageKey, error.details);
}
