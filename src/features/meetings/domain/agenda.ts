import { createHash, randomBytes } from 'node:crypto';
import { isCoordinator, type Person } from '../../../platform/directory/model';
import type { MeetingContext } from './context';
import { textOf, type CardData } from './form';
import { DEFAULT_ITEM_MINUTES, ID_PATTERN, LIMITS, type AgendaItem, type Meeting, type Series } from './model';
import { meetingById, upcomingMeetings, type ScheduledMeeting } from './queries';
import type { Versioned } from './repositories';
import { localDate } from './time';

/**
 * The agenda of a meeting: items (TOPs) proposed by anyone in the directory, accepted, rejected, ordered and
 * removed by coordinators, carried over to the next meeting when not dealt with, and published to the
 * meeting's thread in the home channel.
 */

/** An agenda item as shown: who proposed it, the project it is about and its latest traffic light. */
export interface AgendaEntry {
  readonly item: AgendaItem;
  /** The proposer's name (the e-mail when the directory does not know it). */
  readonly proposer: string;
  readonly project?: { readonly id: string; readonly title: string; readonly light?: 'green' | 'yellow' | 'red' };
  /** Accepted items: when the item starts, from the meeting's start and the minutes of the items before it. */
  readonly startsAt?: Date;
}

/** A meeting's agenda as a card shows it. */
export interface AgendaView {
  readonly meeting: Meeting;
  readonly series: Series;
  /** Accepted items in order. */
  readonly accepted: readonly AgendaEntry[];
  /** Open proposals, for coordinators ([] for everyone else). */
  readonly proposals: readonly AgendaEntry[];
  /** For coordinators: the meeting before this one and its accepted items, which may be carried over. */
  readonly previous?: { readonly meeting: Meeting; readonly items: readonly AgendaEntry[] };
  readonly canManage: boolean;
}

export type AgendaResult =
  | { readonly kind: 'agenda'; readonly view: AgendaView }
  | { readonly kind: 'noMeeting' }
  | { readonly kind: 'notInDirectory' }
  | { readonly kind: 'notAllowed' }
  | { readonly kind: 'unknownMeeting' }
  | { readonly kind: 'unknownItem' }
  | { readonly kind: 'noLaterMeeting' }
  | { readonly kind: 'conflict' };

/** The decisions a coordinator takes on an item (card verbs `agenda.{decision}`). */
export const AGENDA_DECISIONS = ['accept', 'reject', 'up', 'down', 'remove', 'carry'] as const;
export type AgendaDecision = (typeof AGENDA_DECISIONS)[number];

/** The inputs of the proposal form (`cards/agenda-proposal.json`). */
export const PROPOSAL_INPUTS = ['title', 'description', 'minutes', 'project', 'meeting'] as const;
export type ProposalInput = (typeof PROPOSAL_INPUTS)[number];
export type ProposalErrorCode = 'required' | 'tooLong' | 'notANumber' | 'outOfRange' | 'unknownProject' | 'unknownMeeting' | 'invalidType';
export type ProposalErrors = Partial<Record<ProposalInput, { readonly code: ProposalErrorCode; readonly params?: Readonly<Record<string, string | number>> }>>;

/** The proposal form: what to choose from, the values as typed and the errors next to them. */
export interface ProposalForm {
  readonly meetings: readonly ScheduledMeeting[];
  readonly projects: readonly { readonly id: string; readonly title: string }[];
  readonly values: Readonly<Record<ProposalInput, string>>;
  readonly errors: ProposalErrors;
}

export type ProposeResult =
  | { readonly kind: 'proposed'; readonly item: AgendaItem; readonly meeting: Meeting }
  | { readonly kind: 'invalid'; readonly form: ProposalForm }
  | { readonly kind: 'noMeeting' }
  | { readonly kind: 'notInDirectory' };

export type PublishResult =
  | { readonly kind: 'published'; readonly meeting: Meeting; readonly version: number; readonly posted: boolean }
  | { readonly kind: 'unchanged'; readonly meeting: Meeting }
  | { readonly kind: 'empty'; readonly meeting: Meeting }
  | { readonly kind: 'noMeeting' }
  | { readonly kind: 'notAllowed' };

const accepted = (items: readonly Versioned<AgendaItem>[]) => items.filter((i) => i.value.status === 'accepted').sort((a, b) => a.value.position - b.value.position);

/**
 * The accepted items of a meeting in order, with names, projects, traffic lights and start times (each item
 * starts when the ones before it are done). `items`: the meeting's items, when the caller has read them.
 */
export async function agendaEntries(ctx: MeetingContext, meeting: Meeting, items?: readonly Versioned<AgendaItem>[]): Promise<AgendaEntry[]> {
  const ordered = accepted(items ?? (await ctx.repos.agenda.items(meeting.id)));
  const entries = await describe(ctx, ordered.map((i) => i.value));
  let at = meeting.startAt.getTime();
  return entries.map((entry) => {
    const startsAt = new Date(at);
    at += entry.item.minutes * 60_000;
    return { ...entry, startsAt };
  });
}

/** Items with their proposer's name and their project (title and latest traffic light). */
async function describe(ctx: MeetingContext, items: readonly AgendaItem[]): Promise<AgendaEntry[]> {
  const people = new Map((await ctx.repos.people.list()).map((p) => [p.email, p.name]));
  return Promise.all(
    items.map(async (item) => {
      const project = item.projectId ? await ctx.repos.projects.get(item.projectId) : undefined;
      const light = project && ctx.latestLight ? await ctx.latestLight(project.id) : undefined;
      return {
        item,
        proposer: people.get(item.proposerEmail) ?? item.proposerEmail,
        ...(project ? { project: { id: project.id, title: project.title, ...(light ? { light } : {}) } } : {}),
      };
    }),
  );
}

/**
 * `Tagesordnung` / `agenda`: the next meeting's agenda (or that of `meetingId`, from a card). Coordinators also
 * see the open proposals and the meeting before with its accepted items, to carry over what was not dealt with.
 */
export async function showAgenda(ctx: MeetingContext, actor: Person | undefined, meetingId?: string): Promise<AgendaResult> {
  if (!actor) return { kind: 'notInDirectory' };
  let target: ScheduledMeeting | undefined;
  if (meetingId !== undefined) {
    target = ID_PATTERN.test(meetingId) ? await meetingById(ctx, meetingId) : undefined;
    if (!target) return { kind: 'unknownMeeting' };
  } else {
    target = (await upcomingMeetings(ctx))[0];
    if (!target) return { kind: 'noMeeting' };
  }
  const { meeting, series } = target;
  const canManage = isCoordinator(actor);
  const items = await ctx.repos.agenda.items(meeting.id);
  const view: AgendaView = {
    meeting,
    series,
    accepted: await agendaEntries(ctx, meeting, items),
    proposals: canManage ? await describe(ctx, items.filter((i) => i.value.status === 'proposed').map((i) => i.value)) : [],
    canManage,
    ...(canManage ? await previousOf(ctx, meeting) : {}),
  };
  return { kind: 'agenda', view };
}

/** The meeting before this one (also a cancelled one) with its accepted items, when it has any. */
async function previousOf(ctx: MeetingContext, meeting: Meeting): Promise<Pick<AgendaView, 'previous'>> {
  const { series, meetings } = await ctx.repos.meetings.everything();
  const live = new Set(series.map((s) => s.id));
  const before = meetings.filter((m) => live.has(m.seriesId) && m.startAt.getTime() < meeting.startAt.getTime()).sort((a, b) => b.startAt.getTime() - a.startAt.getTime())[0];
  if (!before) return {};
  const items = await agendaEntries(ctx, before);
  return items.length > 0 ? { previous: { meeting: before, items } } : {};
}

/**
 * A coordinator's decision on an item (a card button): accept a proposal (it goes to the end of the agenda),
 * reject it, move an accepted item up or down, remove it, or carry it over to the meeting after its own (marked
 * „vertagt vom …“). Returns the agenda of `viewId` (the meeting the card shows) as it is afterwards. Card data
 * is checked: unknown meetings and items are refused, and so is a decision on an item in the wrong state.
 */
export async function decide(ctx: MeetingContext, actor: Person | undefined, decision: AgendaDecision, data: CardData): Promise<AgendaResult> {
  if (!actor) return { kind: 'notInDirectory' };
  if (!isCoordinator(actor)) return { kind: 'notAllowed' };
  const meetingId = textOf(data, 'meetingId') ?? '';
  const itemId = textOf(data, 'itemId') ?? '';
  const viewId = textOf(data, 'viewId') || meetingId;
  if (!ID_PATTERN.test(meetingId) || !ID_PATTERN.test(viewId)) return { kind: 'unknownMeeting' };
  const target = await meetingById(ctx, meetingId);
  if (!target) return { kind: 'unknownMeeting' };
  const items = await ctx.repos.agenda.items(meetingId);
  const item = ID_PATTERN.test(itemId) ? items.find((i) => i.value.id === itemId) : undefined;
  const expected = decision === 'accept' || decision === 'reject' ? 'proposed' : 'accepted';
  if (!item || item.value.status !== expected) return { kind: 'unknownItem' };
  const outcome = decision === 'carry' ? await carry(ctx, target.meeting, item, items) : await ctx.repos.agenda.save(reorder(decision, item, items));
  if (outcome === 'conflict' || outcome === 'noLaterMeeting') return { kind: outcome };
  return showAgenda(ctx, actor, viewId);
}

/** The items to write for a decision other than carrying: the item's new state and the accepted items renumbered. */
function reorder(decision: Exclude<AgendaDecision, 'carry'>, item: Versioned<AgendaItem>, items: readonly Versioned<AgendaItem>[]): Versioned<AgendaItem>[] {
  const before = accepted(items);
  const order = before.filter((i) => i.value.id !== item.value.id);
  const at = before.findIndex((i) => i.value.id === item.value.id);
  if (decision === 'accept') order.push(item);
  if (decision === 'up' || decision === 'down') order.splice(Math.max(0, Math.min(order.length, at + (decision === 'up' ? -1 : 1))), 0, item);
  const status = decision === 'reject' ? 'rejected' : decision === 'remove' ? 'removed' : 'accepted';
  return changes(items, order, item, status);
}

/** The items whose position or status differ from what they should be: `order` is the new agenda, `item` gets `status`. */
function changes(items: readonly Versioned<AgendaItem>[], order: readonly Versioned<AgendaItem>[], item: Versioned<AgendaItem>, status: AgendaItem['status']): Versioned<AgendaItem>[] {
  const positions = new Map(order.map((i, n) => [i.value.id, n + 1]));
  return items.flatMap((i) => {
    const position = positions.get(i.value.id) ?? (i.value.status === 'accepted' && i.value.id !== item.value.id ? i.value.position : 0);
    const next = i.value.id === item.value.id ? status : i.value.status;
    return position === i.value.position && next === i.value.status ? [] : [{ ...i, value: { ...i.value, position, status: next } }];
  });
}

/** Carries an accepted item over to the first meeting after its own: a copy there (last), the original marked. */
async function carry(ctx: MeetingContext, from: Meeting, item: Versioned<AgendaItem>, items: readonly Versioned<AgendaItem>[]): Promise<'saved' | 'conflict' | 'noLaterMeeting'> {
  const later = (await upcomingMeetings(ctx)).find((m) => m.meeting.startAt.getTime() > from.startAt.getTime());
  if (!later) return 'noLaterMeeting';
  const there = accepted(await ctx.repos.agenda.items(later.meeting.id));
  // The copy's id follows from the original's: a second click creates nothing more.
  await ctx.repos.agenda.create({
    ...item.value,
    id: `${item.value.id.slice(0, 60)}-c`,
    meetingId: later.meeting.id,
    status: 'accepted',
    position: (there.at(-1)?.value.position ?? 0) + 1,
    carriedFrom: localDate(from.startAt, ctx.rules.timezone),
  });
  const order = accepted(items).filter((i) => i.value.id !== item.value.id);
  return ctx.repos.agenda.save(changes(items, order, item, 'carried'));
}

/** How many meetings ahead are searched for items about a project (each is one partition read). */
const PROJECT_LOOKAHEAD = 5;

/** The accepted items about a project on the agendas of the next meetings, in the order of the meetings. */
export async function projectAgenda(ctx: MeetingContext, projectId: string): Promise<{ meeting: Meeting; item: AgendaItem }[]> {
  const ahead = (await upcomingMeetings(ctx)).slice(0, PROJECT_LOOKAHEAD);
  const items = await Promise.all(ahead.map(async ({ meeting }) => ({ meeting, items: await ctx.repos.agenda.items(meeting.id) })));
  return items.flatMap(({ meeting, items: found }) => accepted(found).filter((i) => i.value.projectId === projectId).map((i) => ({ meeting, item: i.value })));
}

/** The form to propose an item: the upcoming meetings (the next first) and the directory's projects. */
export async function proposalForm(ctx: MeetingContext, values: Partial<Record<ProposalInput, string>> = {}, errors: ProposalErrors = {}): Promise<ProposalForm> {
  const [meetings, projects] = await Promise.all([upcomingMeetings(ctx), ctx.repos.projects.list()]);
  const blank = Object.fromEntries(PROPOSAL_INPUTS.map((k) => [k, ''])) as Record<ProposalInput, string>;
  return {
    meetings,
    projects: projects.map((p) => ({ id: p.id, title: p.title })).sort((a, b) => a.title.localeCompare(b.title, 'de')),
    values: { ...blank, meeting: meetings[0]?.meeting.id ?? '', ...values },
    errors,
  };
}

/**
 * Proposes an item: from the one-line command (a title, for the next meeting) or the form (title, description,
 * minutes, project, meeting). Anyone in the directory may; coordinators see it in `Tagesordnung`.
 */
export async function propose(ctx: MeetingContext, actor: Person | undefined, data: CardData): Promise<ProposeResult> {
  if (!actor) return { kind: 'notInDirectory' };
  const errors: ProposalErrors = {};
  const values = {} as Record<ProposalInput, string>;
  for (const input of PROPOSAL_INPUTS) {
    const value = textOf(data, input);
    if (value === undefined) errors[input] = { code: 'invalidType' };
    values[input] = (value ?? '').trim();
  }
  const meetings = await upcomingMeetings(ctx);
  if (meetings.length === 0) return { kind: 'noMeeting' };
  const target = values.meeting === '' ? meetings[0] : meetings.find((m) => m.meeting.id === values.meeting);
  if (!target && !errors.meeting) errors.meeting = { code: 'unknownMeeting' };
  if (values.title === '') errors.title ??= { code: 'required' };
  else if (values.title.length > LIMITS.itemTitle) errors.title ??= { code: 'tooLong', params: { max: LIMITS.itemTitle, length: values.title.length } };
  if (values.description.length > LIMITS.description) errors.description ??= { code: 'tooLong', params: { max: LIMITS.description, length: values.description.length } };
  let minutes = DEFAULT_ITEM_MINUTES;
  if (values.minutes !== '' && !errors.minutes) {
    const n = Number(values.minutes.replace(',', '.'));
    if (!Number.isInteger(n)) errors.minutes = { code: 'notANumber', params: LIMITS.itemMinutes };
    else if (n < LIMITS.itemMinutes.min || n > LIMITS.itemMinutes.max) errors.minutes = { code: 'outOfRange', params: LIMITS.itemMinutes };
    else minutes = n;
  }
  const project = values.project && !errors.project && ID_PATTERN.test(values.project.toLowerCase()) ? await ctx.repos.projects.get(values.project) : undefined;
  if (values.project !== '' && !project) errors.project ??= { code: 'unknownProject', params: { project: values.project.slice(0, 64) } };
  if (Object.keys(errors).length > 0 || !target) return { kind: 'invalid', form: await proposalForm(ctx, values, errors) };
  const now = ctx.now();
  const item: AgendaItem = {
    id: `${String(now.getTime()).padStart(13, '0')}-${randomBytes(3).toString('hex')}`,
    meetingId: target.meeting.id,
    title: values.title,
    description: values.description,
    minutes,
    projectId: project?.id ?? '',
    proposerEmail: actor.email,
    proposedAt: now,
    status: 'proposed',
    position: 0,
    carriedFrom: '',
  };
  await ctx.repos.agenda.create(item);
  return { kind: 'proposed', item, meeting: target.meeting };
}

/** What identifies a published agenda: the meeting's time and the items as shown. */
function fingerprint(meeting: Meeting, entries: readonly AgendaEntry[]): string {
  const shown = entries.map(({ item }) => [item.id, item.title, item.description, item.minutes, item.projectId, item.carriedFrom]);
  return createHash('sha256').update(JSON.stringify([meeting.startAt.toISOString(), meeting.endAt.toISOString(), shown])).digest('hex').slice(0, 16);
}

/**
 * `Tagesordnung veröffentlichen` / `publish agenda` (coordinators): the next meeting's agenda (or that of
 * `meetingId`) in the meeting's thread. Publishing again after a change posts the new version, marked as
 * updated; publishing an unchanged agenda posts nothing. While the group has no home channel the agenda is
 * recorded as published and posted with the announcement once a channel is set.
 */
export async function publish(ctx: MeetingContext, actor: Person | undefined, meetingId?: string): Promise<PublishResult> {
  if (!isCoordinator(actor)) return { kind: 'notAllowed' };
  const target = meetingId !== undefined ? (ID_PATTERN.test(meetingId) ? await meetingById(ctx, meetingId) : undefined) : (await upcomingMeetings(ctx))[0];
  if (!target || target.meeting.status === 'cancelled') return { kind: 'noMeeting' };
  for (;;) {
    const stored = await ctx.repos.meetings.meeting(target.meeting.id);
    if (!stored) return { kind: 'noMeeting' };
    const meeting = stored.value;
    const entries = await agendaEntries(ctx, meeting);
    if (entries.length === 0) return { kind: 'empty', meeting };
    const print = fingerprint(meeting, entries);
    if (print === meeting.agendaFingerprint) return { kind: 'unchanged', meeting };
    const published: Meeting = { ...meeting, agendaFingerprint: print, agendaVersion: meeting.agendaVersion + 1 };
    // Handed over first, then recorded: the post's key is the fingerprint, so a repeat after a failure posts it once.
    if (target.series.announced) await ctx.notifier?.agenda(target.series, published, entries, published.agendaVersion);
    if ((await ctx.repos.meetings.save({ meetings: [{ value: published, etag: stored.etag }] })) === 'conflict') continue;
    return { kind: 'published', meeting: published, version: published.agendaVersion, posted: target.series.announced };
  }
}
