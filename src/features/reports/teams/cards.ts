/** The report feature's card models (templates `cards/report-*.json`). */

/** A coordinator's report: the counts, the traffic-light chart and the download links (`cards/report-summary.json`). */
export interface ReportSummaryCard {
  title: string;
  period: string;
  facts: { title: string; value: string }[];
  /** The chart served by the bot (`/reports/{id}.png?key=…`). */
  imageUrl: string;
  imageAlt: string;
  htmlTitle: string;
  htmlUrl: string;
  xlsxTitle: string;
  xlsxUrl: string;
  /** Until when the links work. */
  expires: string;
  fallback: string;
}

/** A project's fact sheet with its latest status and funding (`cards/report-factsheet.json`). */
export interface FactSheetCard {
  title: string;
  summary: string;
  facts: { title: string; value: string }[];
  /** Goals, indicators, the latest status and its blockers: each a heading and a text; empty ones left out. */
  sections: { title: string; text: string }[];
  /** The funding applications, one line each ('' title: none to show). */
  fundingTitle: string;
  applications: { text: string }[];
  fallback: string;
}

declare module '../../../platform/teams/cards' {
  interface CardModels {
    'report-summary': ReportSummaryCard;
    'report-factsheet': FactSheetCard;
  }
}
