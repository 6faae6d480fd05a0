import { defineFeature, type MessageRoute } from '../../platform/feature';
import { command, withArgument } from '../../platform/teams/router';
import { LATEST_STATUS, PROJECT_LOOKUP } from '../ask';
import { DASHBOARD_CHARTS } from '../dashboard';
import { publishCommand, reportCommand } from './cli';
import { ReportCharts } from './dashboard';
import type { ReportContext } from './domain/service';
import { reportRoutes } from './http';
import { planPurge, reportJobs } from './jobs';
import { FUNDING_FIGURES } from './offers';
import { reportBaseUrl, reportSettings } from './settings';
import { reportSources } from './sources';
import { REPORT_TABLES, TableReportLinkRepository } from './tables/links';
import { askWhichFactSheet, chooseFactSheet, FACT_SHEET_VERB, showFactSheet, showReport } from './teams/handlers';

export { FUNDING_FIGURES } from './offers';
export { FUNDING_STATUSES } from './domain/model';
export type { FundingApplication, FundingFiguresSource, FundingStatus } from './domain/model';

const REPORT_SINCE = withArgument(/^(?:strategie)?bericht\s+seit\s+(?:dem\s+)?(.+)$/i, /^(?:strategy\s+)?report\s+since\s+(.+)$/i);
const FACT_SHEET = withArgument(/^(?:maßnahmen)?steckbrief\s+(?:von\s+|für\s+|zu\s+|zum\s+|zur\s+)?(.+)$/i, /^fact\s*sheet\s+(?:of\s+|for\s+|on\s+)?(.+)$/i);

/**
 * The strategy report and the public project list: `Bericht` gives coordinators the state of the strategy (counts,
 * the traffic-light chart, downloads as HTML and XLSX served by the bot for a week); `Steckbrief X` shows anyone a
 * project's fact sheet with its latest status and funding; `npm run cli -- report` and `publish` write the report
 * and the list for the district's website and open-data portal. Reads the check-ins through their feature, finds
 * projects through Ask, and shows funding figures where a feature offers them ({@link FUNDING_FIGURES}).
 */
export const reports = defineFeature({
  name: 'reports',
  tables: Object.values(REPORT_TABLES),
  settings: reportSettings,
  cli: [reportCommand, publishCommand],
  create(platform, settings) {
    const { config } = platform;
    const funding = platform.offers.all(FUNDING_FIGURES);
    const ctx: ReportContext = {
      sources: reportSources(platform.repos, platform.store, funding),
      links: new TableReportLinkRepository(platform.store),
      now: platform.now,
      timezone: config.timezone,
      linkDays: settings.linkDays,
    };
    platform.offers.provide(DASHBOARD_CHARTS, new ReportCharts(ctx));
    const lookup = platform.offers.one(PROJECT_LOOKUP, 'reports');
    const deps = {
      reports: ctx,
      cards: platform.cards,
      timezone: config.timezone,
      baseUrl: reportBaseUrl(settings, config),
      directory: platform.directory,
      lookup,
      status: platform.offers.all(LATEST_STATUS),
      funding,
    };
    const routes: MessageRoute[] = [
      { name: 'report.show', matches: command('bericht', 'strategiebericht', 'report', 'strategy report'), handle: (context) => showReport(context, deps) },
      { name: 'report.since', matches: REPORT_SINCE.matches, handle: (context, text) => showReport(context, deps, REPORT_SINCE.argument(text)) },
      { name: 'report.factSheetWhich', matches: command('steckbrief', 'maßnahmensteckbrief', 'fact sheet', 'factsheet'), handle: (context) => askWhichFactSheet(context, deps) },
      { name: 'report.factSheet', matches: FACT_SHEET.matches, handle: (context, text) => showFactSheet(context, FACT_SHEET.argument(text), deps) },
    ];
    return {
      routes,
      cardActions: [{ verb: FACT_SHEET_VERB, handle: (context, data) => chooseFactSheet(context, data, deps) }],
      jobs: reportJobs(ctx),
      http: reportRoutes(ctx, config.timezone, platform.logger.child({ component: 'reports' })),
      help: [{ title: 'reports.help.title', text: 'reports.help.text' }],
      start: () => planPurge(platform.jobs),
    };
  },
});
