import { isCoordinator, type Person } from '../../../platform/directory/model';
import type { HomeChannel } from '../../../platform/storage/group-settings-repository';
import { agendaEntries, type AgendaEntry } from './agenda';
import type { MeetingContext } from './context';
import { checkMeeting, NO_VALUES, textOf, valuesOf, type CardData, type MeetingErrors, type MeetingValues } from './form';
import { ID_PATTERN, LIMITS, type Meeting, type Series } from './model';
import { MEETING_CHANGES, type MeetingChange } from './notifier';
import { parseMeetingLine } from './one-line';
import { meetingById, upcomingMeetings, type ScheduledMeeting } from './queries';
import { dropReminders, planReminders } from './reminders';
import { atLocal, localDate, localTime } from './time';

/**
 * Scheduling meetings: a single meeting or a series (weekly, every two weeks, or the same weekday of each
 * month, up to a date), changed and cancelled by coordinators; what comes next, for everyone in the directory.
 * Saving announces the series in the home channel (or, without one, when it is set); changes and cancellations
 * are posted in its thread and move or remove the reminders.
 */

/** The meeting form: new (`meetingId` '') or editing a meeting, with the values shown and the errors next to them. */
export interface MeetingForm {
  readonly meetingId: string;
  /** The series of the meeting edited (its recurrence is shown, not changed). */
  readonly series?: Series;
  readonly values: MeetingValues;
  readonly errors: MeetingErrors;
}

/** A meeting as a card shows it. */
export interface MeetingView {
  readonly meeting: Meeting;
  readonly series: Series;
  /** The accepted agenda items, in order. */
  readonly agenda: readonly AgendaEntry[];
  /** Coordinators may change and cancel it. */
  readonly canManage: boolean;
}

export type SaveResult =
  | {
      readonly kind: 'saved';
      readonly view: MeetingView;
      /** How many meetings a new series has (1 for a single meeting); 0 for a change. */
      readonly created: number;
      readonly changes: readonly MeetingChange[];
      /** False while the group has no home channel: the announcement waits for one. */
      readonly announced: boolean;
    }
  | { readonly kind: 'invalid'; readonly form: MeetingForm }
  | { readonly kind: 'notAllowed' };

export type CancelResult =
  | { readonly kind: 'confirm'; readonly view: MeetingView }
  | { readonly kind: 'cancelled'; readonly view: MeetingView; readonly whole: boolean; readonly count: number }
  | { readonly kind: 'alreadyCancelled'; readonly view: MeetingView }
  | { readonly kind: 'notAllowed' }
  | { readonly kind: 'unknownMeeting' }
  | { readonly kind: 'pastMeeting' }
  | { readonly kind: 'conflict' };

export type NextResult = { readonly kind: 'next'; readonly view: MeetingView } | { readonly kind: 'none' } | { readonly kind: 'notInDirectory' };
export type ListResult = { readonly kind: 'list'; readonly meetings: readonly ScheduledMeeting[]; readonly total: number } | { readonly kind: 'notInDirectory' };

/** The form to schedule a meeting (`Sitzung planen`), or to change one (`meeting.edit`). */
export async function openMeetingForm(ctx: MeetingContext, actor: Person | undefined, meetingId?: string): Promise<{ kind: 'form'; form: MeetingForm } | { kind: 'notAllowed' } | { kind: 'unknownMeeting' }> {
  if (!isCoordinator(actor)) return { kind: 'notAllowed' };
  if (meetingId === undefined) return { kind: 'form', form: { meetingId: '', values: NO_VALUES, errors: {} } };
  const found = ID_PATTERN.test(meetingId) ? await meetingById(ctx, meetingId) : undefined;
  if (!found) return { kind: 'unknownMeeting' };
  return { kind: 'form', form: { meetingId, series: found.series, values: valuesOfMeeting(ctx, found.meeting), errors: {} } };
}

/** A stored meeting as the form's values. */
function valuesOfMeeting(ctx: MeetingContext, meeting: Meeting): MeetingValues {
  const tz = ctx.rules.timezone;
  return { ...NO_VALUES, title: meeting.title, date: localDate(meeting.startAt, tz), start: localTime(meeting.startAt, tz), end: localTime(meeting.endAt, tz), place: meeting.place, link: meeting.link };
}

/** `meeting.save`: the form submitted, for a new meeting or series (`meetingId` '') or a change of one meeting. */
export async function saveMeeting(ctx: MeetingContext, actor: Person | undefined, data: CardData): Promise<SaveResult> {
  const { values, errors } = valuesOf(data);
  const meetingId = (textOf(data, 'meetingId') ?? '').trim();
  if (meetingId === '') return create(ctx, actor, values, errors);
  return change(ctx, actor, meetingId, values, errors);
}

/** A meeting in one line (`Sitzung am 18.08.2026 14:00 Kreishaus`): like the form, for a new single meeting. */
export async function scheduleLine(ctx: MeetingContext, actor: Person | undefined, text: string): Promise<SaveResult> {
  if (!isCoordinator(actor)) return { kind: 'notAllowed' };
  const values = parseMeetingLine(text, ctx.now(), ctx.rules.timezone) ?? NO_VALUES;
  return create(ctx, actor, values, {});
}

async function create(ctx: MeetingContext, actor: Person | undefined, values: MeetingValues, known: MeetingErrors): Promise<SaveResult> {
  const form = (errors: MeetingErrors): SaveResult => ({ kind: 'invalid', form: { meetingId: '', values, errors } });
  if (!isCoordinator(actor)) return form({ ...known, form: { code: 'notAllowed' } });
  const now = ctx.now();
  const { errors, meeting: checked } = checkMeeting(values, ctx.rules, now, false, known);
  if (!checked) return form(errors);
  const id = ctx.newId();
  const series: Series = {
    id,
    title: checked.title,
    place: checked.place,
    link: checked.link,
    recurrence: checked.recurrence,
    firstDate: checked.date,
    startTime: checked.startTime,
    minutes: checked.minutes,
    until: checked.until,
    status: 'scheduled',
    sequence: 0,
    calendarKey: ctx.newKey(),
    announced: false,
    createdBy: actor.email,
    createdAt: now,
    updatedAt: now,
  };
  const meetings = checked.dates.map((date): Meeting => {
    // Each meeting of a series at the same local time, across changes of daylight-saving time.
    const startAt = atLocal(date, checked.startTime, ctx.rules.timezone);
    return {
      id: `${id}-${date.replace(/-/g, '')}`,
      seriesId: id,
      title: checked.title,
      place: checked.place,
      link: checked.link,
      startAt,
      endAt: new Date(startAt.getTime() + checked.minutes * 60_000),
      slotAt: startAt,
      status: 'scheduled',
      agendaFingerprint: '',
      agendaVersion: 0,
      updatedAt: now,
    };
  });
  await ctx.repos.meetings.create(series, meetings);
  const announced = await announce(ctx, series, meetings);
  await planReminders(ctx, meetings);
  const view = await viewOf(ctx, meetings[0]!, announced ? { ...series, announced } : series, actor);
  return { kind: 'saved', view, created: meetings.length, changes: [], announced };
}

/** Announces a series in the home channel if there is one; true when it is (or was already) announced. */
async function announce(ctx: MeetingContext, series: Series, meetings: readonly Meeting[], channel?: HomeChannel): Promise<boolean> {
  if (series.announced) return true;
  const home = channel ?? (await ctx.repos.groupSettings.homeChannel());
  if (!home || !ctx.notifier) return false;
  await ctx.notifier.announce(series, meetings, home);
  for (;;) {
    const stored = await ctx.repos.meetings.series(series.id);
    if (!stored || stored.value.announced) return true;
    if ((await ctx.repos.meetings.save({ series: { value: { ...stored.value, announced: true }, etag: stored.etag } })) === 'saved') return true;
  }
}

/** A change of one meeting (of a series: this one only). */
async function change(ctx: MeetingContext, actor: Person | undefined, meetingId: string, values: MeetingValues, known: MeetingErrors): Promise<SaveResult> {
  const form = (errors: MeetingErrors, series?: Series): SaveResult => ({ kind: 'invalid', form: { meetingId: ID_PATTERN.test(meetingId) ? meetingId : '', values, errors, ...(series ? { series } : {}) } });
  if (!isCoordinator(actor)) return form({ ...known, form: { code: 'notAllowed' } });
  const now = ctx.now();
  const stored = ID_PATTERN.test(meetingId) ? await ctx.repos.meetings.meeting(meetingId) : undefined;
  const storedSeries = stored && (await ctx.repos.meetings.series(stored.value.seriesId));
  if (!stored || !storedSeries) return form({ ...known, form: { code: 'unknownMeeting' } });
  const before = stored.value;
  const series = storedSeries.value;
  if (before.status === 'cancelled' || series.status === 'cancelled') return form({ ...known, form: { code: 'cancelled' } }, series);
  if (before.endAt.getTime() <= now.getTime()) return form({ ...known, form: { code: 'pastMeeting' } }, series);
  const { errors, meeting: checked } = checkMeeting(values, ctx.rules, now, true, known);
  if (!checked) return form(errors, series);
  const after: Meeting = { ...before, title: checked.title, place: checked.place, link: checked.link, startAt: checked.startAt, endAt: checked.endAt, updatedAt: now };
  const changes = MEETING_CHANGES.filter((c) => (c === 'time' ? before.startAt.getTime() !== after.startAt.getTime() || before.endAt.getTime() !== after.endAt.getTime() : before[c] !== after[c]));
  if (changes.length === 0) return { kind: 'saved', view: await viewOf(ctx, before, series, actor), created: 0, changes, announced: series.announced };
  // A single meeting's series is the meeting: its rule follows (the calendar shows the series' fields).
  const single = series.recurrence === 'none';
  const changedSeries: Series = {
    ...series,
    sequence: series.sequence + 1,
    updatedAt: now,
    ...(single ? { title: after.title, place: after.place, link: after.link, firstDate: checked.date, startTime: checked.startTime, minutes: checked.minutes } : {}),
  };
  const saved = await ctx.repos.meetings.save({ series: { value: changedSeries, etag: storedSeries.etag }, meetings: [{ value: after, etag: stored.etag }] });
  if (saved === 'conflict') return form({ form: { code: 'conflict' } }, series);
  if (changes.includes('time')) {
    await dropReminders(ctx, before);
    await planReminders(ctx, [after]);
  }
  if (changedSeries.announced && ctx.notifier) {
    await ctx.notifier.changed(changedSeries, before, after, changes);
    if (single) await ctx.notifier.refreshAnnouncement(changedSeries, [after]);
  }
  return { kind: 'saved', view: await viewOf(ctx, after, changedSeries, actor), created: 0, changes, announced: changedSeries.announced };
}

/**
 * `meeting.cancel`: without `confirm`, the confirmation (for a series: this meeting or the whole series); with
 * `confirm` `meeting` or `series`, the cancellation: posted in the thread, reminders removed, the calendar entry
 * marked cancelled (a series' meetings from now on; past ones stay).
 */
export async function cancelMeeting(ctx: MeetingContext, actor: Person | undefined, data: CardData): Promise<CancelResult> {
  if (!isCoordinator(actor)) return { kind: 'notAllowed' };
  const meetingId = textOf(data, 'meetingId') ?? '';
  const confirm = textOf(data, 'confirm') ?? '';
  const found = ID_PATTERN.test(meetingId) ? await meetingById(ctx, meetingId) : undefined;
  if (!found) return { kind: 'unknownMeeting' };
  const now = ctx.now();
  if (found.meeting.status === 'cancelled' || found.series.status === 'cancelled') return { kind: 'alreadyCancelled', view: await viewOf(ctx, found.meeting, found.series, actor) };
  // A meeting that is over cannot be cancelled; the rest of its series can.
  if (found.meeting.endAt.getTime() <= now.getTime() && (found.series.recurrence === 'none' || confirm === 'meeting')) return { kind: 'pastMeeting' };
  if (confirm !== 'meeting' && confirm !== 'series') return { kind: 'confirm', view: await viewOf(ctx, found.meeting, found.series, actor) };
  const whole = confirm === 'series' || found.series.recurrence === 'none';
  const meetings = await ctx.repos.meetings.meetingsOf(found.series.id);
  const storedSeries = await ctx.repos.meetings.series(found.series.id);
  if (!storedSeries) return { kind: 'unknownMeeting' };
  const affected = meetings.filter((m) => m.value.status === 'scheduled' && (whole ? m.value.endAt.getTime() > now.getTime() : m.value.id === meetingId));
  const cancelled = affected.map((m) => ({ ...m, value: { ...m.value, status: 'cancelled' as const, updatedAt: now } }));
  const series: Series = { ...storedSeries.value, sequence: storedSeries.value.sequence + 1, updatedAt: now, ...(whole ? { status: 'cancelled' as const } : {}) };
  if ((await ctx.repos.meetings.save({ series: { value: series, etag: storedSeries.etag }, meetings: cancelled })) === 'conflict') return { kind: 'conflict' };
  for (const m of affected) await dropReminders(ctx, m.value);
  if (series.announced && ctx.notifier) {
    await ctx.notifier.cancelled(series, cancelled.map((m) => m.value), whole);
    if (whole) await ctx.notifier.refreshAnnouncement(series, cancelled.map((m) => m.value));
  }
  const shown = cancelled.find((m) => m.value.id === meetingId)?.value ?? { ...found.meeting, status: 'cancelled' as const };
  return { kind: 'cancelled', view: await viewOf(ctx, shown, series, actor), whole, count: cancelled.length };
}

/** `meeting.show`: a meeting (back from the confirmation). */
export async function showMeeting(ctx: MeetingContext, actor: Person | undefined, meetingId: string): Promise<MeetingView | undefined> {
  const found = ID_PATTERN.test(meetingId) ? await meetingById(ctx, meetingId) : undefined;
  return found && viewOf(ctx, found.meeting, found.series, actor);
}

/** `Nächste Sitzung` / `next meeting`: the next meeting (or the one running) with its agenda. */
export async function nextMeeting(ctx: MeetingContext, actor: Person | undefined): Promise<NextResult> {
  if (!actor) return { kind: 'notInDirectory' };
  const [next] = await upcomingMeetings(ctx);
  return next ? { kind: 'next', view: await viewOf(ctx, next.meeting, next.series, actor) } : { kind: 'none' };
}

/** `Sitzungen` / `meetings`: the next five meetings, and how many there are. */
export async function listMeetings(ctx: MeetingContext, actor: Person | undefined): Promise<ListResult> {
  if (!actor) return { kind: 'notInDirectory' };
  const all = await upcomingMeetings(ctx);
  return { kind: 'list', meetings: all.slice(0, LIMITS.listed), total: all.length };
}

async function viewOf(ctx: MeetingContext, meeting: Meeting, series: Series, actor: Person | undefined): Promise<MeetingView> {
  return { meeting, series, agenda: await agendaEntries(ctx, meeting), canManage: isCoordinator(actor) };
}

/**
 * The group's home channel was set: every series with meetings ahead that was not announced yet is announced
 * there now, followed by the agendas already published for its meetings.
 */
export async function announceWaiting(ctx: MeetingContext, channel: HomeChannel): Promise<number> {
  const upcoming = await upcomingMeetings(ctx);
  const waiting = new Map<string, ScheduledMeeting[]>();
  for (const entry of upcoming) if (!entry.series.announced) waiting.set(entry.series.id, [...(waiting.get(entry.series.id) ?? []), entry]);
  for (const entries of waiting.values()) {
    const series = entries[0]!.series;
    await announce(ctx, series, entries.map((e) => e.meeting), channel);
    for (const { meeting } of entries) {
      if (meeting.agendaVersion > 0) await ctx.notifier?.agenda({ ...series, announced: true }, meeting, await agendaEntries(ctx, meeting), meeting.agendaVersion);
    }
  }
  return waiting.size;
}
