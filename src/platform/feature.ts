/**
 * How a feature plugs into the platform. A feature is one folder under `src/features/` whose `index.ts` exports
 * one {@link FeatureModule} (made with {@link defineFeature}); `src/app.ts` lists the modules in order. The
 * module *declares* what it adds — its settings, tables and command-line commands, and, built from the platform's
 * services, its message routes, card verbs, jobs, HTTP routes, help topics and offers to other features — and
 * the platform wires it. The platform never asks which feature it is talking to.
 */
import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { Clock } from './clock';
import type { Locale, PlatformConfig, Settings } from './config';
import type { Outbox } from './delivery/outbox';
import type { DirectorySource } from './directory/directory-cache';
import type { ImportResult, TabularData } from './directory/import';
import type { Repositories } from './directory/repositories';
import type { MessageKey, Translate } from './i18n';
import type { Logger } from './logger';
import type { JobHandler } from './scheduler/scheduler';
import type { Jobs } from './scheduler/jobs';
import type { OpenStorage } from './storage';
import type { ConversationAddress } from './storage/conversations';
import type { HomeChannel } from './storage/group-settings-repository';
import type { TableStore } from './storage/table-store';
import type { CardRenderer } from './teams/cards';

/** The data of a card action as it arrives: the card's own data merged with its inputs. Untrusted. */
export type CardData = Readonly<Record<string, unknown>>;

/** A message intent: what text it recognises (mention stripped, trimmed) and who answers it. */
export interface MessageRoute {
  /** Dotted, for logs (`checkin.start`). */
  readonly name: string;
  matches(text: string): boolean;
  handle(context: TurnContext, text: string): Promise<void>;
}

/**
 * A card verb (`checkin.submit`): its handler answers with the card that replaces the one clicked, or with a
 * short text when there is no card to show (e.g. the card's data was tampered with).
 */
export interface CardAction {
  readonly verb: string;
  handle(context: TurnContext, data: CardData): Promise<Attachment | string>;
}

/** A scheduled job's handler, by the name jobs are stored with. */
export interface JobRegistration {
  readonly handler: string;
  readonly run: JobHandler;
}

/**
 * An HTTP route on the bot's own server (a calendar file, a download, a tab). Authentication is the route's. A
 * POST's body is read into memory up to `MAX_REQUEST_BYTES` and parsed when it is JSON (`request.body`); forms and
 * uploads are never parsed.
 */
export interface HttpRoute {
  readonly method: 'GET' | 'POST';
  /** A restify path (`/meetings/:id`). */
  readonly path: string;
  handle(request: Request, response: Response): Promise<void>;
}

/** A line of the welcome and help card: what the feature does, and questions to try as buttons. */
export interface HelpTopic {
  readonly title: MessageKey;
  readonly text: MessageKey;
  /** Messages the feature understands, each a button that sends it (the first also greets on „Hallo“). */
  readonly examples?: readonly MessageKey[];
}

/** The bot was added to a conversation: its stored address, and whether it is new there (Teams re-sends installs). */
export interface Installation {
  readonly address: ConversationAddress;
  readonly isNew: boolean;
}

/**
 * People reacted to one of the bot's messages. Teams sends `messageReaction` activities only for messages the
 * bot sent itself (PLATFORM-NOTES, "Channel threads, reactions, files").
 */
export interface Reactions {
  /**
   * The ids that may name the message reacted to: `replyToId`, and in a channel thread the post id after
   * `;messageid=` in the conversation id. Teams does not always give `replyToId` in the form a send returned, so
   * a feature compares every one of them with the ids it stored.
   */
  readonly messageIds: readonly string[];
  /** Who reacted: their Entra object id (lower case), else their Teams user id. */
  readonly user: string;
  /** The reaction types added and removed (`like` is 👍, `heart`, `laugh` …). */
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** A running feature: what it adds to the bot. Every part is optional. */
export interface Feature {
  /** Message intents, tried in the order of the features in `app.ts`, and within a feature in this order. */
  readonly routes?: readonly MessageRoute[];
  readonly cardActions?: readonly CardAction[];
  readonly jobs?: readonly JobRegistration[];
  readonly http?: readonly HttpRoute[];
  readonly help?: readonly HelpTopic[];
  /** The bot was installed somewhere (after the address is stored). */
  installed?(context: TurnContext, installation: Installation): Promise<void>;
  /** Someone reacted to a message of the bot (every feature hears every reaction and ignores what is not its own). */
  reacted?(context: TurnContext, reactions: Reactions): Promise<void>;
  /** A coordinator set the group's home channel: what waited for it can be posted now. */
  homeChannelSet?(channel: HomeChannel): Promise<void>;
  /**
   * Runs once at start, after the scheduler knows every feature's job handlers and before it runs any: plan
   * recurring jobs, catch up on what fell due while no instance ran. A failure is logged; the bot still starts.
   */
  start?(): Promise<void>;
}

/** What a command-line command writes to; tests capture it. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** What a command-line command gets: no bot, no sending; storage it opens when it needs it. */
export interface CliContext {
  readonly config: PlatformConfig;
  /** In the configured default language. */
  readonly t: Translate;
  readonly output: CliOutput;
  readonly now: () => Date;
  /** Opens the bot's storage (borrowing the running bot's embedded store, creating missing tables); the command closes it. */
  openStorage(): Promise<OpenStorage>;
  /** What the features offer each other without a bot ({@link FeatureDefinition.offer}), on storage the command opened. */
  offers(storage: OpenStorage): Offers;
  /** The usage text of every command, to print after a wrong call. */
  usage(): string;
}

/** A command of `npm run cli -- NAME …`. */
export interface CliCommand<S = unknown> {
  readonly name: string;
  /** Its line of the usage text. */
  readonly usage: MessageKey;
  /** Runs with the arguments after the name; returns the exit code (2 for a wrong call, after printing why). */
  run(args: readonly string[], cli: CliContext, settings: S): Promise<number>;
}

/**
 * A kind of data a feature keeps in files, beside the directory's: `npm run cli -- import KIND FILE [--dry-run]`
 * and `export KIND FILE` read and write it as CSV, XLSX or JSON like municipalities, people and projects. The
 * platform reads and writes the file and reports the outcome; the kind checks the rows and stores them.
 */
export interface TabularKind<S = unknown> {
  /** Its name on the command line; lower-case letters, unlike any other kind's. */
  readonly name: string;
  /** How the outcome line names it (`Funding calls: 2 created, …`). */
  readonly label: MessageKey;
  /** The exact columns of a file, in the order an export writes them. */
  readonly columns: readonly string[];
  /**
   * Checks every row (problems by row and column, as the directory's import reports them); stores the rows only
   * when all are valid and it is no dry run. Nothing is stored when anything is wrong.
   */
  import(data: TabularData, storage: OpenStorage, cli: CliContext, settings: S, options: { readonly dryRun: boolean }): Promise<ImportResult>;
  /** Every stored record as a row of {@link columns}; lists stay lists. What it writes imports again unchanged. */
  export(storage: OpenStorage, cli: CliContext, settings: S): Promise<Record<string, string | string[]>[]>;
}

/**
 * What a feature remembers of a conversation from one turn to the next (the subject of the last question, say):
 * a 1:1 chat, and in a channel or group chat each person — in a channel each person in each thread — has their
 * own. Kept in Table Storage, so every instance of the bot sees it: a read is one point read, a write one write.
 * Nothing expires by itself; the feature stores a time with what it keeps when age matters.
 */
export interface ConversationMemory<T> {
  /** What was stored for this turn's conversation and passed the feature's check, if anything. */
  read(context: { readonly activity: Partial<Activity> }): Promise<T | undefined>;
  /** Replaces what is stored for this turn's conversation. */
  write(context: { readonly activity: Partial<Activity> }, value: T): Promise<void>;
  forget(context: { readonly activity: Partial<Activity> }): Promise<void>;
}

/** A typed name under which a feature offers something to others (Ask's project lookup, its extensions). */
export class Offer<T> {
  /** Only for the compiler: ties the key to the type offered. */
  declare readonly type?: T;
  constructor(readonly name: string) {}
}

/**
 * What features offer each other. A feature asks for an offer while it is built and uses it later (in a turn, a
 * job): so the order of the features in `app.ts` is the order of their routes, not of their dependencies. An
 * offer one feature requires and none provides stops the start ({@link Offers.check}).
 */
export class Offers {
  private readonly provided = new Map<string, unknown[]>();
  private readonly required = new Map<string, string>();

  provide<T>(offer: Offer<T>, value: T): void {
    this.provided.set(offer.name, [...(this.provided.get(offer.name) ?? []), value]);
  }

  /** The one provider of `offer`, looked up when called. `by` names the feature asking, for the error. */
  one<T>(offer: Offer<T>, by: string): () => T {
    this.required.set(offer.name, by);
    return () => {
      const [value] = this.provided.get(offer.name) ?? [];
      if (value === undefined) throw new Error(`${by} needs "${offer.name}", which no feature offers`);
      return value as T;
    };
  }

  /** Every provider of `offer` (possibly none), looked up when called. */
  all<T>(offer: Offer<T>): () => readonly T[] {
    return () => (this.provided.get(offer.name) ?? []) as T[];
  }

  /** Throws when a feature required an offer that no feature provides. */
  check(): void {
    for (const [name, by] of this.required) if (!this.provided.has(name)) throw new Error(`${by} needs "${name}", which no feature offers`);
  }
}

/**
 * What a feature makes its offers from when they need no bot, only storage and configuration: the bot and the
 * command line alike build them (see {@link FeatureDefinition.offer}).
 */
export interface OfferContext {
  readonly config: PlatformConfig;
  readonly store: TableStore;
  readonly repos: Repositories;
  /** The directory in memory. */
  readonly directory: DirectorySource;
  readonly now: () => Date;
  /** Where to provide them. */
  readonly offers: Offers;
}

/** The platform's services, as a feature is built from them. */
export interface Platform {
  readonly config: PlatformConfig;
  readonly logger: Logger;
  /** Time and timers of the proactive engine; tests drive it. */
  readonly clock: Clock;
  /** The current time (of turns and use cases); tests drive it. */
  readonly now: () => Date;
  /** Table Storage, for the feature's own tables (declared in its module). */
  readonly store: TableStore;
  readonly repos: Repositories;
  /** The directory in memory, refreshed when it changes in storage. */
  readonly directory: DirectorySource;
  /** Sends outside a turn: the delivery pipeline. */
  readonly outbox: Outbox;
  /** Schedules jobs run by the scheduler. */
  readonly jobs: Jobs;
  readonly cards: CardRenderer;
  readonly offers: Offers;
  /**
   * The feature's memory of conversations under `name` (its own name, or its name and a suffix); `parse` checks
   * what is read back and returns undefined for anything it does not accept.
   */
  conversationMemory<T extends object>(name: string, parse: (stored: unknown) => T | undefined): ConversationMemory<T>;
  /** The language to write to a person in outside a turn (their last Teams locale, else the default). */
  localeOf(email: string): Promise<Locale>;
  /** {@link localeOf} for the people of a batch, by e-mail (their 1:1 chats read in parallel or in one query). */
  localesOf(emails: readonly string[]): Promise<ReadonlyMap<string, Locale>>;
  /** What every feature does, in the order of the features (the lines of the welcome and help card). */
  helpTopics(): readonly HelpTopic[];
  /** Tells every feature that the group's home channel was set (see {@link Feature.homeChannelSet}). */
  homeChannelSet(channel: HomeChannel): Promise<void>;
}

/** A feature as its folder defines it, with its typed settings. */
export interface FeatureDefinition<S> {
  /** The folder's name (`checkins`); its texts are under its own prefix in the locale files. */
  readonly name: string;
  /** Its tables (logical names), created at start. */
  readonly tables?: readonly string[];
  /** Reads its variables from the environment; problems are reported with everyone's at start. */
  settings?(read: Settings): S;
  readonly cli?: readonly CliCommand<S>[];
  /**
   * Provides the offers that need no bot (figures read from the feature's tables), so that other features' command-line
   * commands get them too. Called once per process before any feature is created, and by the command line on the
   * storage a command opened. Offers that need the bot (a turn, the outbox) are provided in {@link create}.
   */
  offer?(context: OfferContext, settings: S): void;
  /** What it imports and exports through the platform's `import` and `export` commands. */
  readonly tabular?: readonly TabularKind<S>[];
  /** Builds the running feature. Called once per bot process, in the order of `app.ts`. */
  create(platform: Platform, settings: S): Feature;
}

/** A feature module with its settings' type erased, as `app.ts` lists it. */
export interface FeatureModule {
  readonly name: string;
  readonly tables: readonly string[];
  settings(read: Settings): unknown;
  readonly cli: readonly CliCommand[];
  offer(context: OfferContext, settings: unknown): void;
  readonly tabular: readonly TabularKind[];
  create(platform: Platform, settings: unknown): Feature;
}

/** Makes a feature's definition a module `app.ts` can list (the settings a module reads are the ones it gets). */
export function defineFeature<S>(definition: FeatureDefinition<S>): FeatureModule {
  return {
    name: definition.name,
    tables: definition.tables ?? [],
    settings: (read) => definition.settings?.(read),
    cli: (definition.cli ?? []) as readonly CliCommand[],
    offer: (context, settings) => definition.offer?.(context, settings as S),
    tabular: (definition.tabular ?? []) as readonly TabularKind[],
    create: (platform, settings) => definition.create(platform, settings as S),
  };
}
