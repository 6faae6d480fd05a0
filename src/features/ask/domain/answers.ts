import type { MunicipalityKind, Phase, Role } from '../../../platform/directory/model';
import type { EntityKind } from './search-index';
import type { StatusFilter } from './vocabulary';

/**
 * What the ask use case answers, as data: Ask's Teams part turns it into a card and a plain text. No text for
 * users is made here, so both languages come from the locale files.
 */

/** Questions Kümmerer answers. The table in `intents.ts` decides which one a question is. */
export const ASK_INTENTS = [
  'owner',
  'deputy',
  'municipalityContact',
  'coordinators',
  'cdos',
  'municipalityProjects',
  'personProjects',
  'phaseProjects',
  'fieldProjects',
  'projectDetails',
  'statusProjects',
] as const;
export type AskIntent = (typeof ASK_INTENTS)[number];

/**
 * The kind of entity each intent is about; `undefined` for those about no single entity (everyone of a role,
 * a phase, a traffic light). The intent table in `intents.ts` resolves this kind in a question, and a choice
 * sent back by a card must be of it.
 */
export const INTENT_KIND: Readonly<Record<AskIntent, EntityKind | undefined>> = {
  owner: 'project',
  deputy: 'project',
  projectDetails: 'project',
  municipalityContact: 'municipality',
  municipalityProjects: 'municipality',
  personProjects: 'person',
  fieldProjects: 'field',
  coordinators: undefined,
  cdos: undefined,
  phaseProjects: undefined,
  statusProjects: undefined,
};

/**
 * The most common question about each kind of entity: what a "did you mean" suggestion answers, and what a
 * question about an unknown one asks when its cue words say nothing more.
 */
export const SUGGESTION_INTENT: Readonly<Record<EntityKind, AskIntent>> = {
  project: 'projectDetails',
  municipality: 'municipalityContact',
  person: 'personProjects',
  field: 'fieldProjects',
};

/** How many entries a list answer carries; the total is given besides. */
export const LIST_LIMIT = 10;

/** A person as answers show them: enough to reach them. */
export interface PersonCard {
  readonly name: string;
  readonly email: string;
  readonly municipality: string;
  readonly roles: readonly Role[];
}

/** The project an owner or deputy answer is about. */
export interface ProjectHeader {
  readonly id: string;
  readonly title: string;
  readonly lead: string;
  readonly phase: Phase;
}

/** A project in a list answer. */
export interface ProjectLine {
  readonly id: string;
  readonly title: string;
  readonly phase: Phase;
  readonly lead: string;
  /** Set in lists of a municipality: does it lead the project or take part? */
  readonly isLead?: boolean;
  /** Owner's name, or empty when nobody has taken it on. */
  readonly ownerName: string;
  /** In lists by status: when the latest status was reported. */
  readonly reportedAt?: Date;
}

/** The latest status of a project, from check-ins (through {@link LatestStatusSource}). */
export interface LatestStatus {
  /** Traffic light. */
  readonly light: 'green' | 'yellow' | 'red';
  readonly phase: Phase;
  /** 0–100, when given. */
  readonly progress?: number;
  readonly reportedAt: Date;
  /** Who reported it (the name, or the e-mail when the directory does not know it). */
  readonly author: string;
  /** Blockers / help needed; '' for none. */
  readonly blockers: string;
}

/** The projects that have not answered in the latest check-in round. */
export interface Unanswered {
  readonly roundStartedAt: Date;
  readonly roundClosesAt: Date;
  /** False once the round is over. */
  readonly open: boolean;
  readonly projectIds: readonly string[];
  /** How many projects the round asked, when the source knows (the dashboard's "3 of 10 answered"). */
  readonly total?: number;
}

/** Where Ask gets the projects' statuses from: the check-ins (implemented in `domain/checkins`). */
export interface LatestStatusSource {
  latestStatus(projectId: string): Promise<LatestStatus | undefined>;
  /** The latest status of every project that has one, by project id. */
  latestStatuses(): Promise<ReadonlyMap<string, LatestStatus>>;
  /** Who has not answered in the latest round; undefined before the first round. */
  unanswered(): Promise<Unanswered | undefined>;
}

export interface ProjectDetails {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly phase: Phase;
  readonly field: string;
  readonly lead: string;
  readonly participants: readonly string[];
  readonly aliases: readonly string[];
  readonly owner?: PersonCard;
  readonly deputy?: PersonCard;
  readonly latestStatus?: LatestStatus;
}

/** A list of projects: the first {@link LIST_LIMIT} and how many there are. */
export interface ProjectList {
  readonly items: readonly ProjectLine[];
  readonly total: number;
}

/** A candidate offered when a question fits several entities about equally. */
export interface Candidate {
  readonly kind: EntityKind;
  readonly id: string;
  readonly label: string;
}

/** A question Kümmerer can answer, as a suggestion built from the real directory. */
export type ExampleQuestion =
  | { readonly intent: 'owner' | 'projectDetails'; readonly project: string }
  | { readonly intent: 'municipalityContact' | 'municipalityProjects'; readonly municipality: string }
  | { readonly intent: 'phaseProjects'; readonly phase: Phase }
  | { readonly intent: 'fieldProjects'; readonly field: string };

/**
 * Which projects a question asks for: every filter it names, all of which a project must meet. Several
 * municipalities or people ask for the projects they share; several phases or fields for any of them.
 */
export interface ProjectQuery {
  /** Municipality names: the project must involve each (lead or participant). */
  readonly municipalities?: readonly string[];
  /** With one municipality: only the projects it leads ("Which projects does Gescher lead?"). */
  readonly lead?: boolean;
  readonly phases?: readonly Phase[];
  /** Fields of action, any of them. */
  readonly fields?: readonly string[];
  /** E-mails: the project must have each as owner or deputy (or in {@link personRole}). */
  readonly people?: readonly string[];
  readonly personRole?: 'owner' | 'deputy';
  /** The traffic light of the latest status, or no answer in the latest round. */
  readonly status?: StatusFilter;
  /** Projects where nobody holds this role. */
  readonly gap?: 'owner' | 'deputy';
  /** Only these projects: those a topic named, or those of the list a follow-up refers to. */
  readonly ids?: readonly string[];
  /** The words that named {@link ids}, as written ("parking"), when a topic did. */
  readonly topic?: string;
}

/** A question understood, ready to be answered (see `ask-service.ts`). */
export type Question =
  | { readonly intent: 'owner' | 'deputy' | 'projectDetails'; readonly projects: readonly string[] }
  | { readonly intent: 'municipalityContact'; readonly municipalities: readonly string[] }
  | { readonly intent: 'personProjects'; readonly person: string }
  | { readonly intent: 'projects'; readonly query: ProjectQuery; readonly count?: boolean }
  | { readonly intent: 'role'; readonly role: Role; readonly municipality?: string; readonly count?: boolean };

export type AskAnswer =
  | { readonly kind: 'owner' | 'deputy'; readonly project: ProjectHeader; readonly owner?: PersonCard; readonly deputy?: PersonCard }
  /** Owner (or deputy) of several projects named together („Wer kümmert sich um X und Y?“). */
  | { readonly kind: 'owners'; readonly intent: 'owner' | 'deputy'; readonly items: readonly { readonly project: ProjectHeader; readonly owner?: PersonCard; readonly deputy?: PersonCard }[] }
  | {
      readonly kind: 'municipalityContact';
      /** One, or several asked together. */
      readonly municipalities: readonly { readonly name: string; readonly kind: MunicipalityKind }[];
      /** CDOs of the municipalities (or coordinators for the district). */
      readonly contacts: readonly PersonCard[];
    }
  | {
      readonly kind: 'role';
      readonly role: Role;
      /** Only the people of this municipality. */
      readonly municipality?: string;
      /** The first {@link LIST_LIMIT}. */
      readonly people: readonly PersonCard[];
      readonly total: number;
      /** "How many …?": the number comes first. */
      readonly count: boolean;
    }
  | { readonly kind: 'personProjects'; readonly person: PersonCard; readonly owned: ProjectList; readonly deputised: ProjectList }
  | {
      readonly kind: 'projects';
      readonly query: ProjectQuery;
      /** The names of {@link ProjectQuery.people}, in their order. */
      readonly peopleNames: readonly string[];
      /** "How many …?": the number comes first. */
      readonly count: boolean;
      /** For the status `overdue`: the round asked about; undefined when there was none yet. */
      readonly round?: Omit<Unanswered, 'projectIds'>;
      readonly projects: ProjectList;
    }
  | { readonly kind: 'projectDetails'; readonly project: ProjectDetails }
  | { readonly kind: 'ambiguous'; readonly intent: AskIntent; readonly candidates: readonly Candidate[] }
  | {
      readonly kind: 'unknown';
      /** What was not found. No person of the directory is ever part of this answer. */
      readonly entityKind: EntityKind;
      /** The words of the question that named it, as written (may be empty). */
      readonly term: string;
      /** Entities of that kind that fit only weakly, offered as "did you mean"; never people. */
      readonly suggestions: readonly Candidate[];
      readonly examples: readonly ExampleQuestion[];
    }
  | {
      /** A role the directory does not keep („Bürgermeister“): the roles it does keep, and nobody named. */
      readonly kind: 'unknownRole';
      readonly term: string;
      readonly municipality?: string;
      /** The roles someone in the directory holds (of {@link municipality}, when given). */
      readonly roles: readonly Role[];
    }
  | { readonly kind: 'notUnderstood'; readonly examples: readonly ExampleQuestion[] };
