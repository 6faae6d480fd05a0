import type { Absence, CheckinPrompt, CheckinRound, PromptDelivery, StatusAnswer } from './model';

/** What {@link CheckinRoundRepository.updatePrompt} changes. */
export interface PromptChange {
  readonly delivery?: PromptDelivery;
  readonly answeredAt?: Date;
}

/** A stored round with the version of the "current round" pointer it was read with (optimistic concurrency). */
export interface CurrentRound {
  /** The latest round, open or not; undefined before the first round. */
  readonly round: CheckinRound | undefined;
  /** Opaque version of the pointer; `create` succeeds only if nobody moved it since. */
  readonly version: string | undefined;
}

/** A round with its prompts. */
export interface RoundWithPrompts {
  readonly round: CheckinRound;
  readonly prompts: readonly CheckinPrompt[];
}

/** Check-in rounds and their prompts. */
export interface CheckinRoundRepository {
  /** The latest round started, with the pointer's version. */
  current(): Promise<CurrentRound>;
  get(roundId: string): Promise<CheckinRound | undefined>;
  /**
   * Stores a new round with its prompts and makes it the current one, unless the current pointer moved
   * since `expectedVersion` was read (another start won the race): then nothing stays stored and the
   * result is `conflict`.
   */
  create(round: CheckinRound, prompts: readonly CheckinPrompt[], expectedVersion: string | undefined): Promise<'created' | 'conflict'>;
  prompts(roundId: string): Promise<CheckinPrompt[]>;
  prompt(roundId: string, projectId: string): Promise<CheckinPrompt | undefined>;
  /**
   * Records what happened to a prompt: its delivery (handed to the outbox, reminded) or its answer. Only the
   * fields given change, so a delivery recorded while the person answers does not undo the answer.
   */
  updatePrompt(roundId: string, projectId: string, change: PromptChange): Promise<void>;
  /** {@link updatePrompt} for several prompts of a round, in transactions (100 per transaction). */
  updatePrompts(roundId: string, changes: readonly { readonly projectId: string; readonly change: PromptChange }[]): Promise<void>;
  /** Marks a round closed. */
  close(roundId: string, closedAt: Date): Promise<void>;
  /** Every round started at or after `since` with its prompts, oldest first, in one query (reports). */
  startedSince(since: Date): Promise<RoundWithPrompts[]>;
}

/** A stored answer with the version of its slot, for replacing it. */
export interface SlotAnswer {
  readonly answer: StatusAnswer;
  readonly version: string;
}

/** Status answers: the history per project, newest first, the latest per project, and one answer per slot. */
export interface CheckinAnswerRepository {
  /** The latest status of a project (one point read). */
  latest(projectId: string): Promise<StatusAnswer | undefined>;
  /**
   * The latest status of every project that has one (for "which projects are red?" and reports). Returns one
   * row per project, but the query is a filtered scan over all projects' answers (every partition, history
   * included): fine for a working group's tens or hundreds of projects.
   */
  latestOfAll(): Promise<StatusAnswer[]>;
  /** The newest `limit` answers of a project, newest first. */
  history(projectId: string, limit: number): Promise<StatusAnswer[]>;
  /** The answer stored in a slot (see `answerSlot`). */
  inSlot(projectId: string, slot: string): Promise<SlotAnswer | undefined>;
  /**
   * Stores an answer in its slot, adds it to the history and makes it the latest, in one transaction.
   * `replacing` is the slot's current answer when editing; without it the slot must be empty. Returns
   * `conflict` when the slot changed meanwhile (a double submit or concurrent edit); nothing is stored then.
   */
  save(answer: StatusAnswer, replacing: SlotAnswer | undefined): Promise<'saved' | 'conflict'>;
  /** The answers of one round for the given projects (one point read each). */
  forRound(roundId: string, projectIds: readonly string[]): Promise<StatusAnswer[]>;
  /**
   * Every project's whole history, oldest first, in one query over the history rows of all partitions (reports: a
   * project's phase before a period needs its answers before it).
   */
  everyAnswer(): Promise<StatusAnswer[]>;
}

/** Absences by person. */
export interface AbsenceRepository {
  list(): Promise<Absence[]>;
  get(email: string): Promise<Absence | undefined>;
  set(absence: Absence): Promise<void>;
  /** True when there was one to clear. */
  clear(email: string): Promise<boolean>;
}

/** The check-in repositories, for wiring. */
export interface CheckinRepositories {
  readonly checkinRounds: CheckinRoundRepository;
  readonly checkinAnswers: CheckinAnswerRepository;
  readonly absences: AbsenceRepository;
}
