import { LOCALES, type Locale } from '../../platform/config';
import { translator } from '../../platform/i18n';
import type { ApiCharts, ChartsSource } from '../dashboard';
import { defaultSince } from './domain/period';
import { KeptForAWhile } from './kept';
import { makeReport, type ReportContext } from './domain/service';
import { reportCharts } from './render/charts';

/** How long drawn charts are shown again before they are drawn anew. */
const KEEP_MS = 60_000;

/**
 * The report's charts for the dashboard tab, over the report's default period up to now, drawn as `Bericht`
 * draws them. Drawing costs a report build and three renders: the charts of each language are kept a minute, and
 * requests while they are drawn wait for the same drawing, so a tab opened by many draws them at most once a
 * minute per instance.
 */
export class ReportCharts implements ChartsSource {
  private readonly kept: KeptForAWhile<Locale, ApiCharts['charts']>;

  constructor(private readonly reports: Pick<ReportContext, 'sources' | 'now' | 'timezone'>) {
    this.kept = new KeptForAWhile(KEEP_MS, LOCALES.length, () => reports.now().getTime());
  }

  charts(locale: Locale): Promise<ApiCharts['charts']> {
    return this.kept.get(locale, () => this.draw(locale, this.reports.now()));
  }

  private async draw(locale: Locale, now: Date): Promise<ApiCharts['charts']> {
    const { report } = await makeReport(this.reports, defaultSince(now, this.reports.timezone), now);
    const charts = await reportCharts(report, { t: translator(locale), locale, timezone: this.reports.timezone });
    return charts.map(({ name, title, description, svg }) => ({ name, title, description, svg }));
  }
}
