import type { Person } from '../../../platform/directory/model';
import type { HomeChannel } from '../../../platform/storage/group-settings-repository';
import type { AgendaEntry } from './agenda';
import type { Meeting, ReminderOffset, Series } from './model';

/** What a change of a meeting changed. */
export const MEETING_CHANGES = ['time', 'title', 'place', 'link'] as const;
export type MeetingChange = (typeof MEETING_CHANGES)[number];

/**
 * How meetings reach the group outside a turn: implemented by the feature's Teams part on the outbox
 * (`teams/notifier.ts`). A series is announced with a new post in the home channel; everything later about it
 * (changes, reminders, agendas, cancellations) is a reply in that post's thread. Every message has an
 * idempotency key (series, meeting, what, and the time or version it is about), so calling a method again for
 * the same thing — a retry, a restart, another instance — sends nothing twice.
 */
export interface MeetingNotifier {
  /** The announcement of a series (its upcoming meetings) as a new post in the home channel. */
  announce(series: Series, meetings: readonly Meeting[], channel: HomeChannel): Promise<void>;
  /** The announcement, changed in place to show the series as it is now. */
  refreshAnnouncement(series: Series, meetings: readonly Meeting[]): Promise<void>;
  /** „Geändert: …“ in the thread: what changed from `before` to `after`. */
  changed(series: Series, before: Meeting, after: Meeting, changes: readonly MeetingChange[]): Promise<void>;
  /** „Abgesagt“ in the thread: these meetings, or (`whole`) the series from now on. */
  cancelled(series: Series, meetings: readonly Meeting[], whole: boolean): Promise<void>;
  /** A reminder before a meeting in the thread, with the current agenda. */
  reminder(series: Series, meeting: Meeting, offset: ReminderOffset, agenda: readonly AgendaEntry[]): Promise<void>;
  /** The agenda in the thread; `version` > 1 marks it as updated. */
  agenda(series: Series, meeting: Meeting, agenda: readonly AgendaEntry[], version: number): Promise<void>;
  /** Tells the coordinators 1:1 that a reminder could not be posted: the group has no home channel. */
  reminderNotPosted(series: Series, meeting: Meeting, offset: ReminderOffset, coordinators: readonly Person[]): Promise<void>;
}

export type { HomeChannel };
