/**
 * The working group's directory: municipalities, people and projects. These are plain data; the rules that
 * check them on import live in `import.ts`.
 */

export const MUNICIPALITY_KINDS = ['district', 'municipality'] as const;
export type MunicipalityKind = (typeof MUNICIPALITY_KINDS)[number];

export const ROLES = ['member', 'cdo', 'coordinator', 'scout', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PHASES = ['idea', 'planning', 'implementation', 'done', 'paused'] as const;
export type Phase = (typeof PHASES)[number];

/** German phase labels accepted on import and shown to German users. */
export const PHASE_LABELS_DE: Readonly<Record<Phase, string>> = {
  idea: 'Idee',
  planning: 'Planung',
  implementation: 'Umsetzung',
  done: 'Abgeschlossen',
  paused: 'Pausiert',
};

/**
 * When a project should start, as the strategy ranks it: `high` now, `medium` within two years, `low` within four
 * (the usual ranking of a „Maßnahmensteckbrief“).
 */
export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** German priority labels accepted on import and shown to German users. */
export const PRIORITY_LABELS_DE: Readonly<Record<Priority, string>> = {
  high: 'hoch',
  medium: 'mittel',
  low: 'niedrig',
};

export interface Municipality {
  /** Display name, unique regardless of case ("Dülmen"). */
  readonly name: string;
  readonly kind: MunicipalityKind;
  readonly website: string;
}

export interface Person {
  /** Lower-case e-mail address; the person's key. */
  readonly email: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** Name of the person's municipality, or empty (e.g. a council member). */
  readonly municipality: string;
  /** Entra (Azure AD) object id once known, else empty. */
  readonly aadObjectId: string;
}

export interface Project {
  /** Stable slug ("e-akte"); the project's key. */
  readonly id: string;
  readonly title: string;
  readonly aliases: readonly string[];
  /** Field of action ("Handlungsfeld"). */
  readonly field: string;
  /** Name of the lead municipality. */
  readonly lead: string;
  readonly participants: readonly string[];
  /** E-mail of the owner (the project's Kümmerer), or empty when nobody has taken it on. */
  readonly owner: string;
  readonly deputy: string;
  readonly phase: Phase;
  readonly summary: string;
  /*
   * The fact sheet („Maßnahmensteckbrief“): optional, each absent when not given, so that a project written
   * without them (an old import file, code that predates them) is the same project as one read back.
   */
  /** What the project wants to achieve. */
  readonly goals?: string;
  readonly priority?: Priority;
  /** Planned start: a month `yyyy-MM` or a date `yyyy-MM-dd`. */
  readonly start?: string;
  /** Planned end: a month `yyyy-MM` or a date `yyyy-MM-dd`, not before the start. */
  readonly end?: string;
  /** How success is measured. */
  readonly indicators?: string;
  /** Budget in euros (at most two decimals). */
  readonly budget?: number;
  /** True when the project may appear in the public project list; absent means no. */
  readonly public?: true;
}

/** The fact-sheet fields of a project, in the order imports and exports put their columns. */
export const FACT_SHEET_FIELDS = ['goals', 'priority', 'start', 'end', 'indicators', 'budget', 'public'] as const;
export type FactSheetField = (typeof FACT_SHEET_FIELDS)[number];

/** The project with only the fact-sheet fields that hold a value (empty texts and `public: false` left out). */
export function withFactSheet(project: Project, facts: { readonly [K in FactSheetField]?: Project[K] | '' | false }): Project {
  const result: Record<string, unknown> = { ...project };
  for (const field of FACT_SHEET_FIELDS) delete result[field];
  for (const field of FACT_SHEET_FIELDS) {
    const value = facts[field];
    if (value !== undefined && value !== '' && value !== false) result[field] = value;
  }
  return result as unknown as Project;
}

/** The fact sheet's texts as a file or a table stores them: '' for what is not there (`public` is each one's own). */
export function factSheetTexts(p: Project): Record<Exclude<FactSheetField, 'public'>, string> {
  return {
    goals: p.goals ?? '',
    priority: p.priority ?? '',
    start: p.start ?? '',
    end: p.end ?? '',
    indicators: p.indicators ?? '',
    budget: p.budget === undefined ? '' : String(p.budget),
  };
}
/** The key under which a municipality is stored and referenced: case-insensitive, trimmed. */
export function municipalityKey(name: string): string {
  return name.trim().toLocaleLowerCase('de-DE');
}

/** The key under which a person is stored: the lower-case e-mail. */
export function personKey(email: string): string {
  return email.trim().toLowerCase();
}

/** What a project id may be: lower-case letters, digits, `-` and `_`, at most 64, starting with a letter or digit. */
export const PROJECT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The key under which a project is stored and referenced: its id, trimmed and in lower case. */
export function projectKey(id: string): string {
  return id.trim().toLowerCase();
}

/**
 * Where a project stands now: `done` when the directory says so (a finished project stays finished), else the phase
 * its latest status update reported, else the directory's.
 */
export function currentPhase(project: Pick<Project, 'phase'>, reported: Phase | undefined): Phase {
  return project.phase === 'done' || reported === undefined ? project.phase : reported;
}

/** True for a person of the directory with the coordinator role (they start rounds, schedule meetings, broadcast). */
export function isCoordinator(person: Person | undefined): person is Person {
  return person?.roles.includes('coordinator') ?? false;
}

/** True for a person with the role (undefined: someone outside the directory, who has none). */
export function hasRole(person: Person | undefined, role: Role): person is Person {
  return person?.roles.includes(role) ?? false;
}
