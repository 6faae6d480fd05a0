import type { Attachment, TurnContext } from 'botbuilder';
import type { DirectorySource } from '../../../platform/directory/directory-cache';
import type { CardData } from '../../../platform/feature';
import type { CardRenderer } from '../../../platform/teams/cards';
import { turnInfo, viewOf } from '../../../platform/teams/turn';
import { choiceModel, type LatestStatusSource, type ProjectCandidate, type ProjectLookup } from '../../ask';
import type { FundingFiguresSource } from '../domain/model';
import { parseSince } from '../domain/period';
import { factSheet, requestReport, type FactSheetResult, type ReportContext } from '../domain/service';
import './cards';
import { factSheetModel, reportSummaryModel } from './views';

/** What the report's Teams part needs. */
export interface ReportTeamsDependencies {
  readonly reports: ReportContext;
  readonly cards: CardRenderer;
  readonly timezone: string;
  /** Where download links point. */
  readonly baseUrl: string;
  readonly directory: DirectorySource;
  readonly lookup: () => ProjectLookup;
  readonly status: () => readonly LatestStatusSource[];
  readonly funding: () => readonly FundingFiguresSource[];
}

/** The verb of a project picked on the card that an ambiguous name brought up. */
export const FACT_SHEET_VERB = 'report.factSheet';
const MAX_ID_LENGTH = 64;

/**
 * `Bericht` / `report` (and `Bericht seit 01.01.2026`): for a coordinator, the summary card with the counts, the
 * traffic-light chart and the links to download the report as HTML and XLSX; a refusal for anyone else.
 */
export async function showReport(context: TurnContext, deps: ReportTeamsDependencies, sinceText?: string): Promise<void> {
  const { person, t, locale, log } = turnInfo(context);
  let since: Date | undefined;
  if (sinceText !== undefined) {
    since = parseSince(sinceText, deps.reports.now(), deps.timezone);
    if (!since) {
      await context.sendActivity(t('reports.invalidSince', { text: sinceText }));
      return;
    }
  }
  const result = await requestReport(deps.reports, person, locale, since);
  if (result.kind === 'notAllowed') {
    await context.sendActivity(t('reports.notAllowed'));
    return;
  }
  log.info({ reportId: result.value.link.id, projects: result.value.report.summary.projects }, 'strategy report made');
  await context.sendActivity(deps.cards.message('report-summary', reportSummaryModel(result.value, deps.baseUrl, viewOf(context, deps.timezone))));
}

/** `Steckbrief E-Akte` / `fact sheet E-Akte`: the project's fact sheet, or the projects the name fits. */
export async function showFactSheet(context: TurnContext, query: string, deps: ReportTeamsDependencies): Promise<void> {
  const reply = await factSheetReply(context, query, deps);
  await context.sendActivity(typeof reply === 'string' ? reply : { type: 'message', attachments: [reply] });
}

/** `report.factSheet`: a project picked among several; its fact sheet replaces the choice card. */
export async function chooseFactSheet(context: TurnContext, data: CardData, deps: ReportTeamsDependencies): Promise<Attachment | string> {
  const { t } = turnInfo(context);
  const { id } = data;
  if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH) return t('ask.invalidChoice');
  return factSheetReply(context, { id }, deps);
}

/** `Steckbrief` / `fact sheet` without a project: how to name one. */
export async function askWhichFactSheet(context: TurnContext, deps: ReportTeamsDependencies): Promise<void> {
  const { t } = turnInfo(context);
  const example = (await deps.directory.current()).projects[0]?.title ?? 'E-Akte';
  await context.sendActivity(t('reports.factSheet.which', { example }));
}

async function factSheetReply(context: TurnContext, query: string | { id: string }, deps: ReportTeamsDependencies): Promise<Attachment | string> {
  const { t } = turnInfo(context);
  const directory = await deps.directory.current();
  const result: FactSheetResult = await factSheet(
    { lookup: deps.lookup(), people: (email) => directory.person(email), status: deps.status()[0], funding: deps.funding() },
    typeof query === 'string' ? query : { id: query.id, project: directory.project(query.id) },
  );
  const buttons = (projects: readonly ProjectCandidate[]) => projects.map((p) => ({ label: p.title, verb: FACT_SHEET_VERB, intent: 'factSheet', kind: 'project', id: p.id }));
  if (result.kind === 'found') return deps.cards.card('report-factsheet', factSheetModel(result.sheet, viewOf(context, deps.timezone)));
  if (result.kind === 'ambiguous') return deps.cards.card('ask-choice', choiceModel(t('reports.factSheet.ambiguousTitle'), t('reports.factSheet.ambiguousText'), buttons(result.candidates)));
  const unknown = t('reports.factSheet.unknown', { query: result.query });
  if (result.suggestions.length === 0) return unknown;
  return deps.cards.card('ask-choice', choiceModel(unknown, t('reports.factSheet.didYouMean'), buttons(result.suggestions)));
}
