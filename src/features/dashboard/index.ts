import { defineFeature } from '../../platform/feature';
import { LATEST_STATUS, PROJECT_FACTS } from '../ask';
import { pageRoutes } from './assets';
import { DashboardAuthenticator } from './auth';
import { apiRoutes } from './http';
import { DASHBOARD_CHARTS, DASHBOARD_DUE, DASHBOARD_HISTORY } from './offers';
import { dashboardSettings } from './settings';

export { DASHBOARD_CHARTS, DASHBOARD_DUE, DASHBOARD_HISTORY, HISTORY_LENGTH } from './offers';
export type { ChartsSource, DuePanelSource, DueRequest, HistoryEntry, ProjectHistorySource } from './offers';
export type { ApiCharts, ApiDueItem, ApiDuePanel, ApiFact } from './api';

/**
 * The dashboard tab „Übersicht“: a page in Teams (personal and channel tab) with the traffic-light matrix, the
 * portfolio table, what is due and the report's charts, read from a small JSON API on the bot's server
 * (`/api/tab/…`) that checks the Teams SSO token of every request. Everything comes from the directory in memory
 * and what the other features offer: Ask's latest statuses and project facts, and the dashboard's own offers for
 * the history, the due panels and the charts.
 */
export const dashboard = defineFeature({
  name: 'dashboard',
  settings: dashboardSettings,
  create(platform, settings) {
    const { config } = platform;
    const log = platform.logger.child({ component: 'dashboard' });
    const api = apiRoutes({
      auth: new DashboardAuthenticator(config, settings, platform.directory, log),
      directory: platform.directory,
      status: platform.offers.all(LATEST_STATUS),
      facts: platform.offers.all(PROJECT_FACTS),
      history: platform.offers.all(DASHBOARD_HISTORY),
      due: platform.offers.all(DASHBOARD_DUE),
      charts: platform.offers.all(DASHBOARD_CHARTS),
      now: platform.now,
      defaultLocale: config.defaultLocale,
      timezone: config.timezone,
      deadlineDays: settings.deadlineDays,
      log,
    });
    return { http: [...api, ...pageRoutes()] };
  },
});
