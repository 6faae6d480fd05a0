import type { Request, Response } from 'restify';
import { LOCALES, type Locale } from '../../platform/config';
import type { DirectorySource } from '../../platform/directory/directory-cache';
import { PROJECT_ID, type FactSheetField, type Person, type Project } from '../../platform/directory/model';
import type { HttpRoute } from '../../platform/feature';
import { messagesUnder, translator, type MessageKey, type Translate } from '../../platform/i18n';
import { formatEuro, formatPeriod, type ViewContext } from '../../platform/i18n/format';
import type { Logger } from '../../platform/logger';
import { fold, type LatestStatusSource, type ProjectFactsSource } from '../ask';
import type { ApiCharts, ApiDue, ApiError, ApiErrorCode, ApiFact, ApiOverview, ApiProjectSheet, ApiRound, ApiViewer } from './api';
import type { DashboardAuthenticator } from './auth';
import { visiblePanels } from './domain/due';
import { buildOverview, projectRow, type Labels } from './domain/overview';
import { openRound, roundPanel } from './domain/round';
import type { ChartsSource, DuePanelSource, ProjectHistorySource } from './offers';

/** What the API reads from: the directory in memory and what the other features offer. */
export interface DashboardApiDependencies {
  readonly auth: DashboardAuthenticator;
  readonly directory: DirectorySource;
  readonly status: () => readonly LatestStatusSource[];
  readonly facts: () => readonly ProjectFactsSource[];
  readonly history: () => readonly ProjectHistorySource[];
  readonly due: () => readonly DuePanelSource[];
  readonly charts: () => readonly ChartsSource[];
  readonly now: () => Date;
  readonly defaultLocale: Locale;
  readonly timezone: string;
  readonly deadlineDays: number;
  readonly log: Logger;
}

/** A request that passed authentication, in its language. */
interface ApiRequest {
  readonly request: Request;
  readonly person: Person;
  readonly viewer: ApiViewer;
  readonly locale: Locale;
  readonly t: Translate;
}

/** A JSON answer: its status and body. */
type Answer = readonly [number, unknown];

const ERROR_STATUS: Readonly<Record<ApiErrorCode, number>> = { unauthenticated: 401, forbidden: 403, 'unknown-person': 403, 'not-found': 404, 'bad-request': 400 };

function send(response: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(text);
}

function failure(t: Translate, code: ApiErrorCode, message: MessageKey): Answer {
  const body: ApiError = { error: code, message: t(message) };
  return [ERROR_STATUS[code], body];
}

/** The request's `locale`: the default when absent, undefined when it is not one we speak. */
function localeOf(request: Request, fallback: Locale): Locale | undefined {
  const raw = new URLSearchParams(request.getQuery() ?? '').get('locale');
  if (raw === null) return fallback;
  return (LOCALES as readonly string[]).includes(raw) ? (raw as Locale) : undefined;
}

/** The fact sheet's fields that are filled in, as the reader writes them: dates by the month, euros, the priority in words. */
function factSheet(project: Project, view: ViewContext): ApiFact[] {
  const { t } = view;
  const values: [FactSheetField, string | undefined][] = [
    ['goals', project.goals],
    ['priority', project.priority && t(`dashboard.priorities.${project.priority}`)],
    ['start', project.start && formatPeriod(project.start, view)],
    ['end', project.end && formatPeriod(project.end, view)],
    ['indicators', project.indicators],
    ['budget', project.budget === undefined ? undefined : formatEuro(project.budget, view)],
  ];
  return values.filter((entry): entry is [FactSheetField, string] => !!entry[1]).map(([key, value]) => ({ label: t(`dashboard.facts.${key as Exclude<FactSheetField, 'public'>}`), value }));
}

function labelsIn(t: Translate): Labels {
  return { light: (light) => t(`dashboard.lights.${light}`), phase: (phase) => t(`kinds.phases.${phase}`) };
}

/**
 * The tab's JSON API (`/api/tab/…`, shapes in `api.ts`): every request authenticated ({@link DashboardAuthenticator}),
 * in the language of `?locale=de|en`, answered with JSON that no cache keeps.
 */
export function apiRoutes(deps: DashboardApiDependencies): HttpRoute[] {
  const route = (path: string, answer: (api: ApiRequest) => Promise<Answer>): HttpRoute => ({
    method: 'GET',
    path,
    async handle(request, response) {
      const locale = localeOf(request, deps.defaultLocale);
      const t = translator(locale ?? deps.defaultLocale);
      const who = await deps.auth.authenticate(request);
      if (who.kind === 'unauthenticated') {
        const [status, body] = failure(t, 'unauthenticated', 'dashboard.errors.unauthenticated');
        return send(response, status, body, { 'www-authenticate': 'Bearer' });
      }
      if (who.kind === 'unknownPerson') return send(response, ...failure(t, 'unknown-person', 'dashboard.errors.unknownPerson'));
      if (!locale) return send(response, ...failure(t, 'bad-request', 'dashboard.errors.badLocale'));
      const viewer: ApiViewer = { name: who.person.name, email: who.person.email, coordinator: who.coordinator };
      send(response, ...(await answer({ request, person: who.person, viewer, locale, t })));
    },
  });
  return [
    route('/api/tab/overview', (api) => overview(api, deps)),
    route('/api/tab/projects/:id', (api) => projectSheet(api, deps)),
    route('/api/tab/due', (api) => due(api, deps)),
    route('/api/tab/round', (api) => round(api, deps)),
    route('/api/tab/charts', (api) => charts(api, deps)),
  ];
}

async function overview({ viewer, locale, t }: ApiRequest, deps: DashboardApiDependencies): Promise<Answer> {
  const [directory, statuses] = await Promise.all([deps.directory.current(), deps.status()[0]?.latestStatuses() ?? new Map()]);
  const body: ApiOverview = {
    viewer,
    locale,
    generatedAt: deps.now().toISOString(),
    texts: messagesUnder(locale, 'dashboard.page'),
    ...buildOverview(directory, statuses, labelsIn(t), fold),
  };
  return [200, body];
}

async function projectSheet({ request, locale, t }: ApiRequest, deps: DashboardApiDependencies): Promise<Answer> {
  const id = String(request.params?.id ?? '');
  if (!PROJECT_ID.test(id)) return failure(t, 'bad-request', 'dashboard.errors.badProjectId');
  const directory = await deps.directory.current();
  const project = directory.project(id);
  if (!project) return failure(t, 'not-found', 'dashboard.errors.notFound');
  const view = { t, locale, timezone: deps.timezone };
  const [status, extra, history] = await Promise.all([
    deps.status()[0]?.latestStatus(project.id),
    Promise.all(deps.facts().map((s) => s.projectFacts(project.id, view))),
    deps.history()[0]?.history(project.id, locale) ?? [],
  ]);
  const labels = labelsIn(t);
  const facts = [...factSheet(project, view), ...extra.flat().map((f) => ({ label: f.title, value: f.value }))];
  const body: ApiProjectSheet = {
    project: projectRow(project, directory, status, labels, fold),
    summary: project.summary,
    facts,
    history: history.map((h) => ({
      at: h.at.toISOString(),
      light: h.light,
      lightLabel: labels.light(h.light),
      phaseLabel: labels.phase(h.phase),
      ...(h.progress === undefined ? {} : { progress: h.progress }),
      texts: h.texts,
      ...(h.author === undefined ? {} : { author: h.author }),
    })),
  };
  return [200, body];
}

async function due({ viewer, locale, t }: ApiRequest, deps: DashboardApiDependencies): Promise<Answer> {
  const now = deps.now();
  const request = { viewer, locale, now, horizonDays: deps.deadlineDays };
  const [panels, open] = await Promise.all([Promise.all(deps.due().map((s) => s.duePanels(request))), viewer.coordinator ? roundOf(deps) : undefined]);
  const own = open === undefined ? [] : [roundPanel(open, t)];
  const body: ApiDue = { panels: visiblePanels([...panels.flat(), ...own], viewer.coordinator) };
  return [200, body];
}

/** The open round and who has not answered; null when no round is open. */
async function roundOf(deps: DashboardApiDependencies): Promise<ApiRound['round']> {
  const source = deps.status()[0];
  const [unanswered, directory] = await Promise.all([source?.unanswered(), deps.directory.current()]);
  return openRound(unanswered, directory);
}

async function round({ viewer, t }: ApiRequest, deps: DashboardApiDependencies): Promise<Answer> {
  if (!viewer.coordinator) return failure(t, 'forbidden', 'dashboard.errors.forbidden');
  const body: ApiRound = { round: await roundOf(deps) };
  return [200, body];
}

async function charts({ locale }: ApiRequest, deps: DashboardApiDependencies): Promise<Answer> {
  const body: ApiCharts = { charts: (await Promise.all(deps.charts().map((s) => s.charts(locale)))).flat() };
  return [200, body];
}
