/**
 * The funding radar's domain: funding calls (Förderaufrufe) with their deadlines, the projects of the directory
 * that match them, and the applications (Förderanträge) of projects to calls with their history.
 */

/** Who funds: the federal government, the state (NRW), the EU, or someone else (a foundation, the district). */
export const LEVELS = ['bund', 'land', 'eu', 'other'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * When applications are due: a local date in the group's time zone with an optional local time (`HH:mm`), or
 * `rolling` for calls that take applications until further notice (laufend). A date without a time is due at the
 * end of that day.
 */
export type Deadline = { readonly kind: 'date'; readonly date: string; readonly time: string } | { readonly kind: 'rolling' };

/** Where a call came from: a file, a coordinator's card, or the EU Funding & Tenders Portal. */
export const CALL_SOURCES = ['import', 'card', 'eu'] as const;
export type CallSource = (typeof CALL_SOURCES)[number];

/** A call is open until a coordinator withdraws it (a past deadline does not withdraw it: it stays on record). */
export type CallStatus = 'open' | 'withdrawn';

/** A funding call. */
export interface FundingCall {
  /** Lower-case letters, digits, `-` and `_` (`digitalpakt-2027`, `eu-horizon-cl5-2027-01`); its key. */
  readonly id: string;
  readonly title: string;
  readonly programme: string;
  readonly funder: string;
  readonly level: Level;
  readonly deadline: Deadline;
  /** An http(s) address of the call, or ''. */
  readonly link: string;
  /** Fields of action of the directory's projects, spelt as the directory spells them. */
  readonly fields: readonly string[];
  /** Who may apply, free text („Kommunen“). */
  readonly eligible: string;
  /** Funding rate in per cent (0–100), when known. */
  readonly rate: number | undefined;
  /** Largest amount in euros, when known. */
  readonly maxAmount: number | undefined;
  readonly summary: string;
  readonly keywords: readonly string[];
  readonly source: CallSource;
  readonly status: CallStatus;
  /** 1 when created, +1 per change of what the call says: the reminders and the matching follow the latest. */
  readonly revision: number;
  readonly updatedAt: Date;
  /** E-mail of whoever changed it last, or `import` / `eu`. */
  readonly updatedBy: string;
}

/** What a call says, without its bookkeeping: what an import, a card or a fetch provides. */
export type CallContent = Omit<FundingCall, 'source' | 'status' | 'revision' | 'updatedAt' | 'updatedBy'>;

/** The statuses of an application, in the order they usually come. */
export const APPLICATION_STATUSES = ['interest', 'preparing', 'submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Statuses in which the owner still has to act before the deadline: they get the reminders. */
export const ACTIVE_STATUSES: readonly ApplicationStatus[] = ['interest', 'preparing'];

/** An application of a project to a call. */
export interface Application {
  readonly projectId: string;
  readonly callId: string;
  readonly status: ApplicationStatus;
  /** Euros applied for, when said. */
  readonly appliedAmount: number | undefined;
  /** Euros approved, when said. */
  readonly approvedAmount: number | undefined;
  readonly note: string;
  /** 1 when started, +1 per change: the number of its history entries, which orders them. */
  readonly revision: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

/** One change of an application, kept as its history. */
export interface ApplicationChange {
  readonly id: string;
  /** The application's revision this change made. */
  readonly revision: number;
  readonly projectId: string;
  readonly callId: string;
  readonly at: Date;
  readonly by: string;
  /** The status before ('' for a new application). */
  readonly from: ApplicationStatus | '';
  readonly to: ApplicationStatus;
  readonly appliedAmount: number | undefined;
  readonly approvedAmount: number | undefined;
  readonly note: string;
}

/** Limits of the texts of a call and an application. */
export const LIMITS = { id: 64, title: 200, programme: 200, funder: 200, eligible: 300, summary: 2000, keyword: 100, keywords: 50, note: 500 } as const;

/** Amounts above this (ten billion euros) are typing errors. */
export const MAX_AMOUNT = 10_000_000_000;

/** Lower-case letters, digits, `-` and `_`, starting with a letter or digit: a call's id, also in job ids and keys. */
export const CALL_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** "Soon" for deadlines: the next 60 days. */
export const SOON_DAYS = 60;

/** The key under which a call is stored and referenced: its id, trimmed, in lower case. */
export function callKey(id: string): string {
  return id.trim().toLowerCase();
}
