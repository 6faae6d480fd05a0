import type { GroupSettingsRepository } from '../storage/group-settings-repository';
import type { ConversationRepository } from '../storage/conversations';
import type { Municipality, Person, Project } from './model';

/** Municipalities of the working group. Small: listed whole. */
export interface MunicipalityRepository {
  list(): Promise<Municipality[]>;
  /** By name, case-insensitive. */
  get(name: string): Promise<Municipality | undefined>;
  /** Creates or replaces by name. */
  upsert(items: readonly Municipality[]): Promise<void>;
}

/** People of the working group, keyed by e-mail, plus the link from Entra object ids to e-mails. */
export interface PersonRepository {
  list(): Promise<Person[]>;
  get(email: string): Promise<Person | undefined>;
  /** Creates or replaces by e-mail; a person with an Entra object id is also findable by it. */
  upsert(items: readonly Person[]): Promise<void>;
  /**
   * The e-mail remembered for a Teams user's Entra object id, whether or not a person has that e-mail yet;
   * undefined when the user has never been looked up.
   */
  emailForAadObjectId(aadObjectId: string): Promise<string | undefined>;
  /** Remembers a Teams user's e-mail, so the member API is asked once per user. */
  rememberAadObjectId(aadObjectId: string, email: string): Promise<void>;
}

/** Projects of the strategy, keyed by their id. */
export interface ProjectRepository {
  list(): Promise<Project[]>;
  get(id: string): Promise<Project | undefined>;
  /** Creates or replaces by id. */
  upsert(items: readonly Project[]): Promise<void>;
}

/**
 * A marker that changes whenever the directory (municipalities, people, projects) changes. Every `upsert` of
 * those repositories moves it on, whoever writes (importer, CLI, linking a Teams user to a person, later
 * edits), so each bot instance can tell with one point read whether its in-memory search index is stale.
 */
export interface DirectoryVersionRepository {
  /** The current marker; empty when the directory was never written. */
  current(): Promise<string>;
  /** Moves the marker on. */
  bump(): Promise<void>;
}

/** The directory's repositories. */
export interface DirectoryRepositories {
  readonly municipalities: MunicipalityRepository;
  readonly people: PersonRepository;
  readonly projects: ProjectRepository;
  readonly directoryVersion: DirectoryVersionRepository;
}

/** The platform's repositories, in one bundle for wiring: the directory, conversation addresses, group settings. */
export interface Repositories extends DirectoryRepositories {
  readonly conversations: ConversationRepository;
  readonly groupSettings: GroupSettingsRepository;
}
