import fs from 'node:fs';
import type { Locale } from '../../platform/config';
import { withStorage } from '../../platform/cli/commands';
import type { CliCommand, CliContext } from '../../platform/feature';
import { translator } from '../../platform/i18n';
import { formatDate } from '../../platform/i18n/format';
import { reportSources } from './sources';
import { FUNDING_FIGURES } from './offers';
import { defaultSince, parseSince } from './domain/period';
import { makeReport, publicList } from './domain/service';
import { reportFormatOf, writeReportFile } from './render/documents';
import { writePublicList } from './render/publish';
import type { ReportSettings } from './settings';

/** The licence of the public list: Datenlizenz Deutschland – Namensnennung – Version 2.0. */
const LICENSE = 'http://dcat-ap.de/def/licenses/dl-by-de/2.0';

/** Options of the form `--name value`; what is left, and the first problem. */
function options(args: readonly string[], allowed: readonly string[]): { values: Map<string, string>; problem?: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!allowed.includes(arg)) return { values, problem: arg.startsWith('--') ? `option:${arg}` : `argument:${arg}` };
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) return { values, problem: `value:${arg}` };
    values.set(arg, value);
    i++;
  }
  return { values };
}

function usageError(cli: CliContext, message: string): number {
  cli.output.err(message);
  cli.output.err(cli.usage());
  return 2;
}

function describeProblem(cli: CliContext, problem: string): string {
  const [kind, value] = problem.split(/:(.*)/s) as [string, string];
  if (kind === 'option') return cli.t('reports.cli.unknownOption', { option: value });
  if (kind === 'value') return cli.t('reports.cli.missingValue', { option: value });
  return cli.t('reports.cli.extraArgument', { argument: value });
}

/**
 * `npm run cli -- report --out FILE [--since DATE] [--lang de|en]`: the strategy report over the period from DATE
 * (default a year back) until now, as `.md` (with its charts as PNG files beside it), `.html`, `.xlsx` or `.csv`.
 * Exit codes: 0 written, 1 storage or file unusable, 2 wrong call.
 */
export const reportCommand: CliCommand<ReportSettings> = {
  name: 'report',
  usage: 'reports.cli.reportUsage',
  async run(args, cli) {
    const parsed = options(args, ['--out', '--since', '--lang']);
    if (parsed.problem) return usageError(cli, describeProblem(cli, parsed.problem));
    const out = parsed.values.get('--out');
    if (!out) return usageError(cli, cli.t('reports.cli.missingOut'));
    if (!reportFormatOf(out)) return usageError(cli, cli.t('reports.cli.unknownFormat', { file: out }));
    const lang = parsed.values.get('--lang') ?? cli.config.defaultLocale;
    if (lang !== 'de' && lang !== 'en') return usageError(cli, cli.t('reports.cli.unknownLanguage', { lang }));
    const now = cli.now();
    const sinceText = parsed.values.get('--since');
    const since = sinceText === undefined ? defaultSince(now, cli.config.timezone) : parseSince(sinceText, now, cli.config.timezone);
    if (!since) return usageError(cli, cli.t('reports.invalidSince', { text: sinceText ?? '' }));
    const view = { t: translator(lang as Locale), locale: lang as Locale, timezone: cli.config.timezone };
    return withStorage(cli, async (storage) => {
      const funding = cli.offers(storage).all(FUNDING_FIGURES);
      const { report } = await makeReport({ sources: reportSources(storage.repos, storage.store, funding) }, since, now);
      let written: string[];
      try {
        written = await writeReportFile(out, report, view);
      } catch (error) {
        cli.output.err(cli.t('reports.cli.cannotWrite', { file: out, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
        return 1;
      }
      cli.output.out(
        cli.t('reports.cli.written', {
          count: report.summary.projects,
          since: formatDate(report.since, view),
          until: formatDate(report.asOf, view),
          files: written.join(', '),
        }),
      );
      return 0;
    });
  },
};

/**
 * `npm run cli -- publish --out DIR [--lang de|en]`: the public project list (`projects.csv`, its CSVW schema,
 * `dcat.ttl`, `index.html`) into DIR. Exit codes as `report`.
 */
export const publishCommand: CliCommand<ReportSettings> = {
  name: 'publish',
  usage: 'reports.cli.publishUsage',
  async run(args, cli, settings) {
    const parsed = options(args, ['--out', '--lang']);
    if (parsed.problem) return usageError(cli, describeProblem(cli, parsed.problem));
    const dir = parsed.values.get('--out');
    if (!dir) return usageError(cli, cli.t('reports.cli.missingOut'));
    const lang = parsed.values.get('--lang') ?? cli.config.defaultLocale;
    if (lang !== 'de' && lang !== 'en') return usageError(cli, cli.t('reports.cli.unknownLanguage', { lang }));
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) {
      cli.output.err(cli.t('reports.cli.notADirectory', { folder: dir }));
      return 1;
    }
    const view = { t: translator(lang as Locale), locale: lang as Locale, timezone: cli.config.timezone };
    return withStorage(cli, async (storage) => {
      const { projects, publisher, asOf } = await publicList({ sources: reportSources(storage.repos, storage.store, () => []), now: cli.now });
      let files: string[];
      try {
        files = await writePublicList(dir, projects, { publisher, asOf, geocodingUri: settings.geocodingUri, publicUrl: settings.publicUrl, licenseUri: LICENSE }, view);
      } catch (error) {
        cli.output.err(cli.t('reports.cli.cannotWrite', { file: dir, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
        return 1;
      }
      cli.output.out(cli.t('reports.cli.published', { count: projects.length, folder: dir, files: files.join(', ') }));
      if (!settings.geocodingUri) cli.output.err(cli.t('reports.cli.noGeocoding'));
      return 0;
    });
  },
};
