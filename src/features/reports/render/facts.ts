import type { Project } from '../../../platform/directory/model';
import { formatDate, formatEuro, formatPeriod, type ViewContext } from '../../../platform/i18n/format';
import type { FundingTotals, PersonName } from '../domain/model';
import type { StatusAnswer } from '../../checkins';
import { fundingLabel, lightLabel, personLabel, phaseLabel, priorityLabel, text } from './labels';

/** A labelled value of a project's fact sheet. */
export interface Fact {
  readonly label: string;
  readonly value: string;
}

/** What the facts of a project are made of: the project, the people, the phase and status shown, the funding. */
export interface FactSource {
  readonly project: Project;
  readonly owner?: PersonName;
  readonly deputy?: PersonName;
  readonly phase: Project['phase'];
  readonly latest?: Pick<StatusAnswer, 'light' | 'at' | 'progress'>;
  readonly funding?: FundingTotals;
}

/**
 * The fact sheet of a project as labelled values, the ones without a value left out: what the report's project
 * sections and the fact-sheet card show. Goals and indicators come as texts of their own ({@link factTexts}).
 */
export function projectFacts(source: FactSource, view: ViewContext, date: (at: Date) => string = (at) => formatDate(at, view)): Fact[] {
  const { t } = view;
  const { project, latest } = source;
  const facts: [string, string][] = [
    [text(view, 'reports.columns.phase'), phaseLabel(source.phase, view)],
    [text(view, 'reports.columns.light'), latest ? t('reports.lightOn', { light: lightLabel(latest.light, view), date: date(latest.at) }) : lightLabel('none', view)],
    [text(view, 'reports.columns.progress'), latest?.progress === undefined ? '' : t('reports.percent', { percent: latest.progress })],
    [text(view, 'reports.columns.field'), project.field],
    [text(view, 'reports.columns.lead'), project.lead],
    [text(view, 'reports.columns.participants'), project.participants.join(', ')],
    [text(view, 'reports.columns.owner'), personLabel(source.owner)],
    [text(view, 'reports.columns.deputy'), personLabel(source.deputy)],
    [text(view, 'reports.columns.priority'), project.priority ? priorityLabel(project.priority, view) : ''],
    [text(view, 'reports.columns.start'), project.start ? formatPeriod(project.start, view) : ''],
    [text(view, 'reports.columns.end'), project.end ? formatPeriod(project.end, view) : ''],
    [text(view, 'reports.columns.budget'), project.budget === undefined ? '' : formatEuro(project.budget, view)],
    [text(view, 'reports.columns.funding'), source.funding && source.funding.applications.length > 0 ? fundingLabel(source.funding, view) : ''],
  ];
  return facts.filter(([, value]) => value !== '').map(([label, value]) => ({ label, value }));
}

/** The fact sheet's longer texts: goals and indicators, those given. */
export function factTexts(project: Project, view: ViewContext): Fact[] {
  const texts: [string, string | undefined][] = [
    [text(view, 'reports.columns.goals'), project.goals],
    [text(view, 'reports.columns.indicators'), project.indicators],
  ];
  return texts.filter((x): x is [string, string] => !!x[1]).map(([label, value]) => ({ label, value }));
}
