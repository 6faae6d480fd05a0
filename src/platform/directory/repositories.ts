import type { CheckinRepositories } from '../../features/checkins/domain/repositories';
import type { Municipality, Person, Project } from './model';
import type { ConversationAddress, ConversationScope } from '../storage/conversations';

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

/** Where the bot can reach people and channels outside a turn. */
export interface ConversationRepository {
  /** Stores an address; true when it was not stored before (a new install), false when it was refreshed. */
  add(address: ConversationAddress): Promise<boolean>;
  /** Creates or replaces an address without asking whether it existed (one write, for every message). */
  refresh(address: ConversationAddress): Promise<void>;
  /** The personal chat of a user (by Entra object id, else Teams user id). */
  getPersonal(userKey: string): Promise<ConversationAddress | undefined>;
  get(scope: ConversationScope, conversationId: string): Promise<ConversationAddress | undefined>;
  list(scope: ConversationScope): Promise<ConversationAddress[]>;
  /** Forgets a conversation; for a team, also every channel of that team. */
  remove(scope: ConversationScope, conversationId: string): Promise<void>;
  /**
   * Marks a stored address stale (see {@link ConversationAddress.stale}); nothing happens when it is not
   * stored. {@link refresh} and {@link add} clear the mark.
   */
  markStale(scope: ConversationScope, key: string, stale: NonNullable<ConversationAddress['stale']>): Promise<void>;
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

/** The repositories a use case may need, in one bundle for wiring. */
export interface Repositories extends CheckinRepositories {
  readonly municipalities: MunicipalityRepository;
  readonly people: PersonRepository;
  readonly projects: ProjectRepository;
  readonly conversations: ConversationRepository;
  readonly directoryVersion: DirectoryVersionRepository;
}
