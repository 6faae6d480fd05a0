import fs from 'node:fs';
import { COLUMNS, DIRECTORY_KINDS, exportDirectory, importDirectory, type DirectoryKind, type ImportProblem, type ImportResult, type TabularData } from '../directory/import';
import type { CliCommand, CliContext, TabularKind } from '../feature';
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

/** A feature's kind of data with the settings of the feature. */
export interface FeatureTabularKind {
  readonly kind: TabularKind;
  readonly settings: unknown;
}

/**
 * `import KIND FILE [--dry-run]` and `export KIND FILE`: the directory, and the kinds the features add, from and
 * to CSV, XLSX or JSON.
 */
function tabularCommand(name: 'import' | 'export', featureKinds: readonly FeatureTabularKind[]): CliCommand {
  const kinds = [...DIRECTORY_KINDS, ...featureKinds.map((f) => f.kind.name)].join(', ');
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
      if (!kind) return usageError(cli, t('importCli.missingKind', { kinds }));
      const feature = featureKinds.find((f) => f.kind.name === kind);
      if (!feature && !DIRECTORY_KINDS.includes(kind as DirectoryKind)) return usageError(cli, t('cli.unknownKind', { kind, kinds }));
      if (!file) return usageError(cli, t('importCli.missingFile'));
      if (!formatOf(file)) return usageError(cli, t('cli.unknownFormat', { file }));
      if (extra !== undefined) return usageError(cli, t('importCli.extraArgument', { argument: extra }));
      if (name === 'import' && !fs.existsSync(file)) {
        cli.output.err(t('cli.fileNotFound', { file }));
        return 1;
      }
      const dryRun = options.includes('--dry-run');
      return withStorage(cli, (storage) => {
        if (feature) {
          const label = t(feature.kind.label);
          return name === 'import'
            ? importFile(file, label, dryRun, cli, (data) => feature.kind.import(data, storage, cli, feature.settings, { dryRun }))
            : exportFile(file, feature.kind.columns, () => feature.kind.export(storage, cli, feature.settings), cli);
        }
        const directoryKind = kind as DirectoryKind;
        return name === 'import'
          ? importFile(file, t(`kinds.${directoryKind}`), dryRun, cli, (data) => importDirectory(storage.repos, directoryKind, data, { dryRun }))
          : exportFile(file, COLUMNS[directoryKind], () => exportDirectory(storage.repos, directoryKind), cli);
      });
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

/**
 * The platform's commands: import and export first (of the directory and of the kinds of data the features
 * declare), then the reports and sends of the proactive engine.
 */
export function tabularCommands(featureKinds: readonly FeatureTabularKind[]): CliCommand[] {
  return [tabularCommand('import', featureKinds), tabularCommand('export', featureKinds)];
}
export const ENGINE_COMMANDS: readonly CliCommand[] = [reportCommand('deliveries'), reportCommand('jobs'), sendCommand];

async function importFile(file: string, label: string, dryRun: boolean, { t, output }: CliContext, run: (data: TabularData) => Promise<ImportResult>): Promise<number> {
  let data;
  try {
    data = await readTable(file);
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    output.err(t('cli.unreadable', { file, reason: describeUnreadable(error, t) }));
    return 1;
  }
  const result = await run(data);
  if (!result.ok) {
    output.err(t('cli.importFailed', { count: result.problems.length }));
    for (const problem of result.problems) output.err(describeProblem(problem, t));
    return 1;
  }
  output.out(t('cli.imported', { kind: label, created: result.created, updated: result.updated, unchanged: result.unchanged }));
  if (dryRun) output.out(t('cli.dryRun'));
  return 0;
}

async function exportFile(file: string, columns: readonly string[], rows: () => Promise<Record<string, string | string[]>[]>, { t, output }: CliContext): Promise<number> {
  const exported = await rows();
  await writeTable(file, columns, exported);
  output.out(t('cli.exported', { count: exported.length, file }));
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
