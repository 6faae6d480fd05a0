import type { Application, ApplicationChange, FundingCall } from './model';

/**
 * What the bot did about a call, kept beside it: the reminder jobs it planned, the channel post whose thread takes
 * the later reminders and notices, and the deadline that thread last announced.
 */
export interface CallState {
  /** Ids of the one-off reminder jobs planned for the current deadline. */
  readonly reminderJobs: readonly string[];
  /** The outbox delivery of the call's first post in the home channel ('' before there is one). */
  readonly threadDeliveryId: string;
  /** The stamp of the deadline the thread last spoke of (see `deadlineStamp`), or `rolling`. */
  readonly threadDeadline: string;
  /** True once the thread said the call was withdrawn. */
  readonly withdrawnAnnounced: boolean;
}

export const EMPTY_STATE: CallState = { reminderJobs: [], threadDeliveryId: '', threadDeadline: '', withdrawnAnnounced: false };

/** A project an owner said does not fit a call („Passt nicht“): it is not offered again nor counted as matching. */
export interface Dismissal {
  readonly callId: string;
  readonly projectId: string;
  readonly by: string;
  readonly at: Date;
}

/** Funding calls, what the bot did about each, and the projects dismissed for each. */
export interface FundingCallRepository {
  /** Every call (a working group's tens or hundreds). */
  list(): Promise<FundingCall[]>;
  get(id: string): Promise<FundingCall | undefined>;
  /** Creates or replaces calls by id. */
  upsert(calls: readonly FundingCall[]): Promise<void>;
  state(id: string): Promise<CallState>;
  /** Changes the given parts of a call's state; the others stay as stored. */
  updateState(id: string, change: Partial<CallState>): Promise<void>;
  dismiss(dismissal: Dismissal): Promise<void>;
  /** The ids of the projects dismissed for a call. */
  dismissed(callId: string): Promise<Set<string>>;
}

/** A stored application with the version it was read with, for changing it. */
export interface VersionedApplication {
  readonly application: Application;
  readonly version: string;
}

/** Applications of projects to calls, each with its history, newest first. */
export interface ApplicationRepository {
  /** Every application (for the questions across all projects). */
  list(): Promise<Application[]>;
  /** The applications of one project (one partition). */
  forProject(projectId: string): Promise<Application[]>;
  get(projectId: string, callId: string): Promise<VersionedApplication | undefined>;
  /**
   * Stores an application and adds its change to the history, in one transaction. `expectedVersion` is the version
   * it was read with (undefined for a new one): `conflict` when it changed (or was created) meanwhile, and nothing is stored.
   */
  save(application: Application, change: ApplicationChange, expectedVersion: string | undefined): Promise<'saved' | 'conflict'>;
  /** The newest `limit` changes of one application, newest first. */
  history(projectId: string, callId: string, limit: number): Promise<ApplicationChange[]>;
}

/** The funding repositories, for wiring. */
export interface FundingRepositories {
  readonly fundingCalls: FundingCallRepository;
  readonly applications: ApplicationRepository;
}
