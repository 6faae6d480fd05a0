import type { Versioned } from '../../../platform/delivery/outbox';
import type { AgendaItem, Meeting, Series } from './model';

export type { Versioned };

/** A change of one series and some of its meetings, each guarded by the version it was read with. */
export interface SeriesChange {
  readonly series?: Versioned<Series>;
  readonly meetings?: readonly Versioned<Meeting>[];
}

/** Series and their meetings, and the secret of the group's calendar feed. */
export interface MeetingRepository {
  /** Stores a new series with all its meetings at once (nothing is stored when it fails). */
  create(series: Series, meetings: readonly Meeting[]): Promise<void>;
  series(id: string): Promise<Versioned<Series> | undefined>;
  meeting(id: string): Promise<Versioned<Meeting> | undefined>;
  /** The meetings of one series, by start. */
  meetingsOf(seriesId: string): Promise<Versioned<Meeting>[]>;
  /** Meetings of every series that end after `after` (cancelled ones included), by start. */
  endingAfter(after: Date): Promise<Meeting[]>;
  /** Every series with its meetings (the calendar feed). */
  everything(): Promise<{ series: Series[]; meetings: Meeting[] }>;
  /**
   * Replaces a series and meetings of it at once, unless one of them changed since it was read: then nothing is
   * stored and the result is `conflict`.
   */
  save(change: SeriesChange): Promise<'saved' | 'conflict'>;
  /** The secret of the group's calendar feed; undefined before the first is made. */
  feedKey(): Promise<string | undefined>;
  /** Sets it if none is set (`replace`: always); returns the key in force. */
  setFeedKey(key: string, replace: boolean): Promise<string>;
}

/** Agenda items per meeting. */
export interface AgendaRepository {
  /** A meeting's items in the order they were proposed. */
  items(meetingId: string): Promise<Versioned<AgendaItem>[]>;
  item(meetingId: string, itemId: string): Promise<Versioned<AgendaItem> | undefined>;
  /** Creates an item; false when one with its id exists (a carry-over clicked twice). */
  create(item: AgendaItem): Promise<boolean>;
  /** Replaces items of one meeting at once, unless one changed since it was read (`conflict`, nothing stored). */
  save(items: readonly Versioned<AgendaItem>[]): Promise<'saved' | 'conflict'>;
}

export interface MeetingRepositories {
  readonly meetings: MeetingRepository;
  readonly agenda: AgendaRepository;
}
