import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { clockFrom } from '../../platform/clock';
import { DirectoryCache } from '../../platform/directory/directory-cache';
import type { CliCommand, CliContext } from '../../platform/feature';
import { formatOf, writeTable } from '../../platform/files/tabular';
import type { ViewContext } from '../../platform/i18n/format';
import { createLogger } from '../../platform/logger';
import type { OpenStorage } from '../../platform/storage';
import { Scheduler, schedulerOptions } from '../../platform/scheduler/scheduler';
import { createBroadcastService, type ExportRow } from './domain/service';
import { outcomeSource } from './outcomes';
import { audiencesFor, type BroadcastSettings } from './settings';
import { broadcastRepositories } from './tables';
import { audienceLine, countsLine, stateLine } from './teams/views';

/** The columns of the export, one row per recipient. */
const EXPORT_COLUMNS = ['name', 'municipality', 'outcome', 'sent_at', 'read_at'] as const;

/**
 * `npm run cli -- broadcasts`: every broadcast (not the drafts), newest first, with its id and counts;
 * `npm run cli -- broadcasts export ID FILE.csv|FILE.xlsx`: one row per recipient — name, municipality, outcome,
 * sent at, read at (local time) — with cells a spreadsheet would take for a formula neutralised. Reads the
 * bot's storage; sends nothing. Exit codes: 0 done, 1 unknown id or storage unusable, 2 wrong usage.
 */
export const broadcastsCommand: CliCommand<BroadcastSettings> = {
  name: 'broadcasts',
  usage: 'broadcast.cli.usage',
  async run(args, cli, settings) {
    const { t, output, usage } = cli;
    const [subcommand, id, file, ...rest] = args;
    const exporting = subcommand === 'export';
    if ((subcommand !== undefined && !exporting) || (exporting && (!id || !file || rest.length > 0))) {
      if (subcommand && !exporting) output.err(t('broadcast.cli.unknownCommand', { command: subcommand }));
      output.err(usage());
      return 2;
    }
    if (exporting && formatOf(file!) !== '.csv' && formatOf(file!) !== '.xlsx') {
      output.err(t('broadcast.cli.format', { file: file! }));
      return 2;
    }
    let open: OpenStorage;
    try {
      open = await cli.openStorage();
    } catch (error) {
      output.err(t('cli.storageUnavailable', { reason: (error as Error).message }));
      return 1;
    }
    try {
      const service = serviceOn(open, cli, settings);
      const view: ViewContext = { t, locale: cli.config.defaultLocale, timezone: cli.config.timezone };
      return exporting ? await exportOne(service, id!, file!, view, cli) : await list(service, view, cli);
    } finally {
      await open.close();
    }
  },
};

function serviceOn(open: OpenStorage, cli: CliContext, settings: BroadcastSettings) {
  const { config, now } = cli;
  const directory = new DirectoryCache(open.repos, { now, checkIntervalMs: config.directoryRefreshSeconds * 1000 });
  return createBroadcastService({
    repos: { ...broadcastRepositories(open.store), groupSettings: open.repos.groupSettings },
    directory,
    // Never started: the command line schedules nothing here, it only reads.
    jobs: new Scheduler({ jobs: open.jobs, clock: clockFrom(now), logger: createLogger('silent'), instanceId: 'cli', options: schedulerOptions(config) }),
    now,
    timezone: config.timezone,
    audiencesFor: audiencesFor(settings),
    outcomes: outcomeSource({ list: (batch) => open.deliveries.listOutcomes(batch), get: async (id) => (await open.deliveries.get(id))?.value }),
  });
}

async function list(service: ReturnType<typeof serviceOn>, view: ViewContext, { output, t }: CliContext): Promise<number> {
  const summaries = await service.list();
  if (summaries.length === 0) output.out(t('broadcast.cli.none'));
  for (const { broadcast, report } of summaries) {
    output.out(t('broadcast.cli.line', { id: broadcast.id, state: stateLine(broadcast, view), title: broadcast.content.title, audience: audienceLine(broadcast, view), counts: countsLine(broadcast, report, view) }));
  }
  return 0;
}

async function exportOne(service: ReturnType<typeof serviceOn>, id: string, file: string, view: ViewContext, { output, t }: CliContext): Promise<number> {
  const found = await service.exportRows(id);
  if (!found) {
    output.err(t('broadcast.cli.unknownId', { id }));
    return 1;
  }
  const local = (at: Date | undefined) => (at ? format(new TZDate(at.getTime(), view.timezone), 'yyyy-MM-dd HH:mm') : '');
  const rows = found.rows.map((row) => ({
    name: row.recipient?.name ?? t('broadcast.report.channel'),
    municipality: row.recipient?.municipality ?? '',
    outcome: outcome(row, view),
    sent_at: local(row.sentAt),
    read_at: local(row.readAt),
  }));
  await writeTable(file, EXPORT_COLUMNS, rows);
  output.out(t('broadcast.cli.exported', { count: rows.length, title: found.broadcast.content.title, file }));
  return 0;
}

function outcome(row: ExportRow, view: ViewContext): string {
  const { t } = view;
  if (row.status.kind !== 'missed') return t(`broadcast.cli.outcomes.${row.status.kind}`);
  return t('broadcast.cli.outcomes.missed', { reason: t(`broadcast.report.reasons.${row.status.reason}`, { code: row.status.code }), code: row.status.code });
}
