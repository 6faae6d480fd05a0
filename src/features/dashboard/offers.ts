import type { Locale } from '../../platform/config';
import type { Phase } from '../../platform/directory/model';
import { Offer } from '../../platform/feature';
import type { ApiCharts, ApiDuePanel, ApiFact, ApiLight, ApiViewer } from './api';

/** A check-in answer as the fact sheet's history shows it; the dashboard adds the labels of light and phase. */
export interface HistoryEntry {
  readonly at: Date;
  readonly light: ApiLight;
  readonly phase: Phase;
  readonly progress?: number;
  /** What happened, next steps, blockers …: labelled in the reader's language, only those given. */
  readonly texts: readonly ApiFact[];
  /** Who answered (the name, else the e-mail). */
  readonly author?: string;
}

/** Where the fact sheet's history comes from. */
export interface ProjectHistorySource {
  /** The project's latest answers, newest first (at most {@link HISTORY_LENGTH}); [] for none or an unknown project. */
  history(projectId: string, locale: Locale): Promise<readonly HistoryEntry[]>;
}

/** How many answers the fact sheet's history shows. */
export const HISTORY_LENGTH = 10;

/**
 * The project history of the tab's fact sheet: the latest status answers of a project, newest first, at most
 * {@link HISTORY_LENGTH}. The feature that keeps check-ins provides it; with none, the history is empty; with
 * several, the first is used.
 */
export const DASHBOARD_HISTORY = new Offer<ProjectHistorySource>('dashboard.history');

/** What a panel of what is due is made for. */
export interface DueRequest {
  readonly viewer: ApiViewer;
  readonly locale: Locale;
  readonly now: Date;
  /** How far ahead deadlines are shown, in days (`DASHBOARD_DEADLINE_DAYS`). */
  readonly horizonDays: number;
}

/** A feature's panels of what is due. */
export interface DuePanelSource {
  /**
   * Panels in the request's language with their items in the order shown (soonest first); a panel with no
   * items says so with its `empty` text. A panel only coordinators may see is marked `coordinatorOnly` and the
   * dashboard leaves it out for everyone else.
   */
  duePanels(request: DueRequest): Promise<readonly ApiDuePanel[]>;
}

/**
 * The tab's "what is due" panels (the next meeting and its agenda, funding deadlines …). Every provider's panels
 * are shown, in the order of the features in `app.ts`; key each panel by the feature (`meetings.next`).
 */
export const DASHBOARD_DUE = new Offer<DuePanelSource>('dashboard.due');

/** Where the tab's charts come from. */
export interface ChartsSource {
  /** The charts in the locale's language, as SVG; drawing them is expensive, so a provider keeps them a while. */
  charts(locale: Locale): Promise<ApiCharts['charts']>;
}

/** The strategy report's charts for the tab, provided by the report; with none, the tab shows no charts. */
export const DASHBOARD_CHARTS = new Offer<ChartsSource>('dashboard.charts');
