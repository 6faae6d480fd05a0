/**
 * The dashboard tab's JSON API: what `/api/tab/…` answers and the page reads. Types only, shared by the server
 * (`http.ts`) and the page (`page/`, bundled for the browser), so neither can drift from the other.
 *
 * Every request carries `?locale=de|en` (the Teams locale, else the browser's) and, when the bot has an app id,
 * `Authorization: Bearer <Teams SSO token>`. Errors answer `{ "error": ApiErrorCode, "message": string }` with the
 * status: 401 (no or bad token), 403 (a coordinator-only part for someone else, a tenant not allowed, a person the
 * directory does not know), 404 (an unknown project), 400 (a bad parameter).
 */

export type ApiLocale = 'de' | 'en';
export type ApiLight = 'green' | 'yellow' | 'red';
export type ApiPhase = 'idea' | 'planning' | 'implementation' | 'done' | 'paused';
export type ApiErrorCode = 'unauthenticated' | 'forbidden' | 'unknown-person' | 'not-found' | 'bad-request';

export interface ApiError {
  readonly error: ApiErrorCode;
  /** In the request's language. */
  readonly message: string;
}

/** Who is looking: the directory person the token (or, locally, `DASHBOARD_LOCAL_USER`) maps to. */
export interface ApiViewer {
  readonly name: string;
  readonly email: string;
  /** Coordinators see the open check-in round and who has not answered. */
  readonly coordinator: boolean;
}

/** A project as a row of the portfolio table and a cell of the matrix. */
export interface ApiProject {
  readonly id: string;
  readonly title: string;
  /** The leading municipality's name. */
  readonly lead: string;
  /** The municipalities taking part, by name (without the lead). */
  readonly participants: readonly string[];
  readonly field: string;
  readonly phase: ApiPhase;
  readonly phaseLabel: string;
  readonly owner?: string;
  readonly deputy?: string;
  /** The latest check-in's traffic light; absent when the project never had one. */
  readonly light?: ApiLight;
  /** „Grün“ / "Green", or „kein Status“ / "no status". */
  readonly lightLabel: string;
  /** ISO date-time of the latest status. */
  readonly statusAt?: string;
  readonly progress?: number;
  /**
   * Ask's folding of the title, aliases, summary, lead, participants, field, owner and deputy, joined by spaces:
   * the page folds the search text the same way (`fold` of Ask's normalize) and looks for each word in it.
   */
  readonly searchText: string;
}

/** A municipality (or the district) and its projects, lead first: a row of the traffic-light matrix. */
export interface ApiMunicipality {
  readonly name: string;
  readonly kind: 'district' | 'municipality';
  readonly projects: readonly { readonly id: string; readonly role: 'lead' | 'participant' }[];
}

/** `GET /api/tab/overview` */
export interface ApiOverview {
  readonly viewer: ApiViewer;
  readonly locale: ApiLocale;
  /** ISO date-time. */
  readonly generatedAt: string;
  /** The page's texts in the request's language, from the locale files (`dashboard.page.*`, without the prefix). */
  readonly texts: Readonly<Record<string, string>>;
  readonly municipalities: readonly ApiMunicipality[];
  readonly projects: readonly ApiProject[];
  /** For the filters, in display order. */
  readonly fields: readonly string[];
  readonly phases: readonly { readonly key: ApiPhase; readonly label: string }[];
  readonly lights: readonly { readonly key: ApiLight | 'none'; readonly label: string }[];
}

/** One line of a project's fact sheet (goals, budget, a trend note, a funding application, an agenda item …). */
export interface ApiFact {
  readonly label: string;
  readonly value: string;
}

/** A check-in answer, newest first. */
export interface ApiHistoryEntry {
  /** ISO date-time. */
  readonly at: string;
  readonly light: ApiLight;
  readonly lightLabel: string;
  readonly phaseLabel: string;
  readonly progress?: number;
  /** What happened, next steps, blockers — as labelled lines. */
  readonly texts: readonly ApiFact[];
  readonly author?: string;
}

/** `GET /api/tab/projects/:id` */
export interface ApiProjectSheet {
  readonly project: ApiProject;
  readonly summary: string;
  readonly facts: readonly ApiFact[];
  readonly history: readonly ApiHistoryEntry[];
}

/** A line of a "what is due" panel. */
export interface ApiDueItem {
  readonly title: string;
  readonly detail?: string;
  /** ISO date or date-time it is due. */
  readonly at?: string;
  /** A link to open (a calendar file, a call's page); https or a path on the bot's server. */
  readonly url?: string;
}

/** A panel of what is due (the next meeting and its agenda, funding deadlines, the open round …). */
export interface ApiDuePanel {
  readonly key: string;
  readonly title: string;
  /** Shown when there are no items. */
  readonly empty: string;
  readonly items: readonly ApiDueItem[];
  /** Only coordinators get it; the API leaves it out for everyone else. */
  readonly coordinatorOnly: boolean;
}

/** `GET /api/tab/due` */
export interface ApiDue {
  readonly panels: readonly ApiDuePanel[];
}

/** `GET /api/tab/charts` — the strategy report's charts, as SVG. */
export interface ApiCharts {
  readonly charts: readonly { readonly name: string; readonly title: string; readonly description: string; readonly svg: string }[];
}

/**
 * `GET /api/tab/round` — coordinators only (403 `forbidden` for everyone else): the open check-in round and who
 * has not answered. `round` is null when no round is open. `/api/tab/due` includes the same as a coordinator-only
 * panel for coordinators.
 */
export interface ApiRound {
  readonly round: {
    /** ISO date-times. */
    readonly startedAt: string;
    readonly dueAt?: string;
    readonly answered: number;
    readonly total: number;
    readonly unanswered: readonly { readonly name: string; readonly email: string; readonly projects: readonly string[] }[];
  } | null;
}
