/**
 * The meetings domain: the working group's meetings (single ones and series), their agendas, reminders in the
 * group's home channel and calendar files.
 *
 * A {@link Series} is what a coordinator schedules: one meeting (recurrence `none`) or a series of them. It
 * owns what is shared by its meetings — the thread in the home channel (its announcement post), the calendar
 * entry (its UID, SEQUENCE and the secret of its calendar link). Each {@link Meeting} is one date: a single
 * meeting's only one, or an occurrence of a series, which can be changed or cancelled on its own.
 */

export const RECURRENCES = ['none', 'weekly', 'biweekly', 'monthly'] as const;
/** `monthly`: the same weekday of the month as the first date (every 3rd Tuesday; a 5th weekday is the last one). */
export type Recurrence = (typeof RECURRENCES)[number];

export type MeetingStatus = 'scheduled' | 'cancelled';

/** What a meeting is and where: the fields a coordinator writes. */
export interface MeetingDetails {
  readonly title: string;
  /** Where it takes place ('' for none, e.g. online only). */
  readonly place: string;
  /** The online meeting's http(s) URL ('' for none). */
  readonly link: string;
}

/** A single meeting or a series of meetings, as scheduled. */
export interface Series extends MeetingDetails {
  readonly id: string;
  readonly recurrence: Recurrence;
  /** The first meeting's local date (`yyyy-MM-dd`) and times (`HH:mm`): the rule's start. */
  readonly firstDate: string;
  readonly startTime: string;
  /** Length of each meeting. */
  readonly minutes: number;
  /** Last local date a series' meetings may fall on (`yyyy-MM-dd`); '' for a single meeting. */
  readonly until: string;
  /** `cancelled` when the whole series (or the single meeting) is cancelled. */
  readonly status: MeetingStatus;
  /** Raised on every change of the series or one of its meetings: the calendar entry's SEQUENCE. */
  readonly sequence: number;
  /** The secret in its calendar link (`/meetings/{id}.ics?key=…`). */
  readonly calendarKey: string;
  /** True once its announcement was handed to the outbox (false while the group has no home channel). */
  readonly announced: boolean;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One meeting: a date of a series. */
export interface Meeting extends MeetingDetails {
  /** `{series id}-{yyyyMMdd of its slot}`: stable while the meeting is moved. */
  readonly id: string;
  readonly seriesId: string;
  readonly startAt: Date;
  readonly endAt: Date;
  /** Where the series' rule put it (the calendar's RECURRENCE-ID of a changed occurrence). */
  readonly slotAt: Date;
  readonly status: MeetingStatus;
  /** The fingerprint of the agenda last published for it ('' before the first), and how often it was published. */
  readonly agendaFingerprint: string;
  readonly agendaVersion: number;
  readonly updatedAt: Date;
}

export type AgendaItemStatus = 'proposed' | 'accepted' | 'rejected' | 'removed' | 'carried';

/** An agenda item (TOP) of a meeting: proposed by anyone in the directory, accepted and ordered by coordinators. */
export interface AgendaItem {
  /** Sortable by creation (`{ms, 13 digits}-{random}`), or `{item it was carried from}-c`. */
  readonly id: string;
  readonly meetingId: string;
  readonly title: string;
  readonly description: string;
  /** Planned minutes. */
  readonly minutes: number;
  /** A project of the directory it is about ('' for none). */
  readonly projectId: string;
  readonly proposerEmail: string;
  readonly proposedAt: Date;
  readonly status: AgendaItemStatus;
  /** Order among the accepted items (1, 2, …); 0 for the others. */
  readonly position: number;
  /** The local date (`yyyy-MM-dd`) of the meeting it was carried over from ('' when not). */
  readonly carriedFrom: string;
}

/** A reminder before each meeting: `amount` days (same local time), hours or minutes before its start. */
export interface ReminderOffset {
  /** As configured: `7d`, `1h`, `30m`. */
  readonly label: string;
  readonly amount: number;
  readonly unit: 'd' | 'h' | 'm';
}

/** The rules of the feature, from its settings and the group's time zone. */
export interface MeetingRules {
  readonly timezone: string;
  readonly defaultMinutes: number;
  readonly defaultTitle: string;
  readonly reminders: readonly ReminderOffset[];
}

/** Limits of what is written. */
export const LIMITS = {
  title: 200,
  place: 200,
  link: 1000,
  itemTitle: 200,
  description: 2000,
  itemMinutes: { min: 1, max: 240 },
  /** A series spans at most this many days from its first date … */
  seriesDays: 2 * 366,
  /** … and this many meetings (with the series, one transaction of at most 100 rows). */
  seriesMeetings: 99,
  /** How many meetings `Sitzungen` lists. */
  listed: 5,
} as const;

/** Minutes of an agenda item proposed without saying how long it takes. */
export const DEFAULT_ITEM_MINUTES = 15;

/** Ids of meetings, series and items are ours: letters, digits and dashes; anything else in card data is refused. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** True while a meeting is ahead or running and not cancelled. */
export function isUpcoming(meeting: Meeting, now: Date): boolean {
  return meeting.status === 'scheduled' && meeting.endAt.getTime() > now.getTime();
}

/** The series a meeting id belongs to (`{series id}-{yyyyMMdd}`). */
export function seriesIdOf(meetingId: string): string {
  return meetingId.replace(/-\d{8}$/, '');
}
