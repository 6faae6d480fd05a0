import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { de, enGB } from 'date-fns/locale';
import type { MessageKey } from '../../../platform/i18n';
import type { ViewContext } from '../../../platform/i18n/format';
import type { AgendaEntry, AgendaView, ProposalForm } from '../domain/agenda';
import type { MeetingErrors, MeetingInput } from '../domain/form';
import { RECURRENCES, type AgendaItem, type Meeting, type ReminderOffset, type Series } from '../domain/model';
import type { MeetingForm, MeetingView } from '../domain/meetings';
import type { MeetingChange } from '../domain/notifier';
import type { ScheduledMeeting } from '../domain/queries';
import { weekdayOfMonth } from '../domain/time';
import type { AgendaButton, AgendaCard, AgendaProposalCard, AgendaPublishedCard, FieldModel, LinkModel, MeetingCancelCard, MeetingCard, MeetingFormCard, MeetingListCard } from './cards';

/** Where the calendar links of cards point (the secrets included). */
export interface CalendarLinks {
  /** The calendar file of a series (or single meeting). */
  series(series: Series): string;
  /** The group's subscription feed. */
  readonly feed: string;
}

const DATE_LOCALES = { de, en: enGB } as const;

function fmt(at: Date, pattern: string, view: ViewContext): string {
  return format(at, pattern, { locale: DATE_LOCALES[view.locale], in: tz(view.timezone) });
}

/** A time of day: `14:00` in German, `2:00 pm` in English. */
function clock(at: Date, view: ViewContext): string {
  return view.locale === 'de' ? fmt(at, 'HH:mm', view) : fmt(at, 'h:mm aaa', view);
}

function sameDay(start: Date, end: Date, view: ViewContext): boolean {
  return fmt(start, 'yyyy-MM-dd', view) === fmt(end, 'yyyy-MM-dd', view);
}

/** From … to, the times the way the language writes them: „14:00–16:00 Uhr“, "2:00–4:00 pm", "11:00 am–1:00 pm". */
function timeRange(start: Date, end: Date, view: ViewContext): string {
  if (view.locale === 'de') return `${fmt(start, 'HH:mm', view)}–${fmt(end, 'HH:mm', view)} Uhr`;
  const half = (at: Date) => fmt(at, 'aaa', view);
  return half(start) === half(end) ? `${fmt(start, 'h:mm', view)}–${clock(end, view)}` : `${clock(start, view)}–${clock(end, view)}`;
}

/** „Dienstag, 18. August 2026, 14:00–16:00 Uhr“ / "Tuesday, 18 August 2026, 2:00–4:00 pm". */
export function formatWhen(start: Date, end: Date, view: ViewContext): string {
  const day = (at: Date) => fmt(at, view.locale === 'de' ? 'EEEE, d. MMMM yyyy' : 'EEEE, d MMMM yyyy', view);
  if (sameDay(start, end, view)) return `${day(start)}, ${timeRange(start, end, view)}`;
  const at = (x: Date) => (view.locale === 'de' ? `${day(x)}, ${clock(x, view)} Uhr` : `${day(x)}, ${clock(x, view)}`);
  return `${at(start)} – ${at(end)}`;
}

/** „Di., 18.08.2026, 14:00–16:00 Uhr“ / "Tue 18 Aug 2026, 2:00–4:00 pm", for lists. */
export function formatWhenShort(start: Date, end: Date, view: ViewContext): string {
  const day = fmt(start, view.locale === 'de' ? 'EEEEEE., dd.MM.yyyy' : 'EEE d MMM yyyy', view);
  return sameDay(start, end, view) ? `${day}, ${timeRange(start, end, view)}` : formatWhen(start, end, view);
}

/** A local date `yyyy-MM-dd`: „18.08.2026“ / "18 Aug 2026"; `short`: „18.08.“ / "18 Aug". */
function formatDay(day: string, view: ViewContext, short = false): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d, 12));
  const pattern = view.locale === 'de' ? (short ? 'dd.MM.' : 'dd.MM.yyyy') : short ? 'd MMM' : 'd MMM yyyy';
  return format(at, pattern, { locale: DATE_LOCALES[view.locale], in: tz('UTC') });
}

/** „jeden zweiten Dienstag bis 15.12.2026“ / "every other Tuesday until 15 Dec 2026"; '' for a single meeting. */
export function describeRule(series: Series, view: ViewContext): string {
  const { t } = view;
  if (series.recurrence === 'none') return '';
  const [y, m, d] = series.firstDate.split('-').map(Number) as [number, number, number];
  const weekday = format(new Date(Date.UTC(y, m - 1, d, 12)), 'EEEE', { locale: DATE_LOCALES[view.locale], in: tz('UTC') });
  const { nth } = weekdayOfMonth(series.firstDate);
  const rule =
    series.recurrence === 'monthly'
      ? t('meetings.rule.monthly', { weekday, nth: t(`meetings.rule.nth.${nth === -1 ? 'last' : nth}` as MessageKey) })
      : t(`meetings.rule.${series.recurrence}`, { weekday });
  return t('meetings.rule.until', { rule, date: formatDay(series.until, view) });
}

/** „in 7 Tagen“ / "in 1 hour". */
export function describeOffset(offset: ReminderOffset, view: ViewContext): string {
  return view.t(`meetings.offset.${offset.unit}`, { count: offset.amount });
}

function lightLabel(light: string | undefined, view: ViewContext): string {
  return light ? view.t(`meetings.lights.${light}` as MessageKey) : '';
}

/** An agenda entry: „TOP 1: Bericht Glasfaser“ and „ab 14:00 Uhr · 20 Min. · vorgeschlagen von Anna Schulte · …“. */
function entryLines(entry: AgendaEntry, n: number | undefined, view: ViewContext): { line: string; detail: string } {
  const { t } = view;
  const { item } = entry;
  const parts = [
    entry.startsAt ? t('meetings.agenda.startsAt', { time: clock(entry.startsAt, view) }) : '',
    t('meetings.agenda.minutes', { count: item.minutes }),
    t('meetings.agenda.proposedBy', { name: entry.proposer }),
    entry.project ? (entry.project.light ? t('meetings.agenda.projectLight', { project: entry.project.title, light: lightLabel(entry.project.light, view) }) : t('meetings.agenda.project', { project: entry.project.title })) : '',
    item.carriedFrom ? t('meetings.agenda.carriedFrom', { date: formatDay(item.carriedFrom, view, true) }) : '',
  ].filter(Boolean);
  return {
    line: n === undefined ? item.title : t('meetings.agenda.line', { n, title: item.title }),
    detail: [parts.join(' · '), item.description].filter(Boolean).join('\n\n'),
  };
}

/** Where a meeting is: its place, or „online“ when it has only a link, or „noch offen“. */
function whereOf(meeting: Pick<Meeting, 'place' | 'link'>, view: ViewContext): string {
  return meeting.place || (meeting.link ? view.t('meetings.card.online') : view.t('meetings.card.noPlace'));
}

/** The facts of a meeting: when, where, the online link, the series. */
function meetingFacts(meeting: Meeting, series: Series, view: ViewContext): { title: string; value: string }[] {
  const { t } = view;
  const rule = describeRule(series, view);
  return [
    { title: t('meetings.card.when'), value: formatWhen(meeting.startAt, meeting.endAt, view) },
    { title: t('meetings.card.where'), value: whereOf(meeting, view) },
    ...(meeting.link ? [{ title: t('meetings.card.link'), value: meeting.link }] : []),
    ...(rule ? [{ title: t('meetings.card.series'), value: rule }] : []),
  ];
}

/** The link buttons of a meeting: join online, its calendar file, the group's feed. */
function meetingLinks(meeting: Meeting, series: Series, links: CalendarLinks, view: ViewContext): LinkModel[] {
  const { t } = view;
  return [
    ...(meeting.link && meeting.status === 'scheduled' ? [{ title: t('meetings.card.join'), url: meeting.link }] : []),
    { title: series.recurrence === 'none' ? t('meetings.card.calendar') : t('meetings.card.calendarSeries'), url: links.series(series) },
    { title: t('meetings.card.subscribe'), url: links.feed },
  ];
}

/** What a meeting card says besides the meeting: its heading, a notice, its tone. */
export interface MeetingFrame {
  readonly heading: string;
  readonly notice?: string;
  readonly tone?: MeetingCard['tone'];
  /** The agenda is shown (with „noch keine Punkte“ when empty). */
  readonly withAgenda?: boolean;
}

/** A meeting as a card: saved, the next one, announced, reminded, cancelled. */
export function meetingModel(view: MeetingView, frame: MeetingFrame, links: CalendarLinks, context: ViewContext): MeetingCard {
  const { t } = context;
  const { meeting, series } = view;
  const cancelled = meeting.status === 'cancelled' || series.status === 'cancelled';
  const data = { meetingId: meeting.id };
  const agenda = frame.withAgenda ? view.agenda.map((entry, i) => entryLines(entry, i + 1, context)) : [];
  const when = formatWhen(meeting.startAt, meeting.endAt, context);
  return {
    heading: frame.heading,
    tone: frame.tone ?? (cancelled ? 'attention' : 'default'),
    notice: [cancelled ? t('meetings.card.cancelled') : '', frame.notice ?? ''].filter(Boolean).join(' '),
    title: meeting.title,
    facts: meetingFacts(meeting, series, context),
    agendaTitle: frame.withAgenda ? t('meetings.card.agenda') : '',
    agenda,
    agendaEmpty: frame.withAgenda && agenda.length === 0 ? t('meetings.card.agendaEmpty') : '',
    links: meetingLinks(meeting, series, links, context),
    canManage: view.canManage && !cancelled,
    editTitle: t('meetings.card.edit'),
    cancelTitle: t('meetings.card.cancel'),
    data,
    editData: { ...data, verb: 'meeting.edit' },
    cancelData: { ...data, verb: 'meeting.cancel' },
    fallback: t('meetings.card.fallback', { heading: frame.heading, title: meeting.title, when, where: whereOf(meeting, context) }),
  };
}

const inputError = (errors: MeetingErrors, input: MeetingInput | 'form', view: ViewContext): string => {
  const error = errors[input];
  if (!error) return '';
  const params = { ...error.params };
  // A date that does not exist is shown the way it was meant („31.02.2026“), not as the form sends it.
  if (typeof params.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(params.date)) params.date = params.date.split('-').reverse().join(view.locale === 'de' ? '.' : '/');
  return view.t(`meetings.errors.${error.code}` as MessageKey, params);
};

/** The form to schedule or change a meeting, with the errors next to the fields. */
export function meetingFormModel(form: MeetingForm, rules: { defaultTitle: string; defaultMinutes: number }, view: ViewContext): MeetingFormCard {
  const { t } = view;
  const editing = form.meetingId !== '';
  const field = (input: MeetingInput, placeholder = ''): FieldModel => ({
    label: t(`meetings.form.${input}`),
    // Inputs for dates and times take only well-formed values; anything else is shown in the error instead.
    value: (input === 'date' || input === 'until') && !/^\d{4}-\d{2}-\d{2}$/.test(form.values[input]) ? '' : (input === 'start' || input === 'end') && !/^\d{2}:\d{2}$/.test(form.values[input]) ? '' : form.values[input],
    placeholder,
    error: inputError(form.errors, input, view),
  });
  const series = form.series && form.series.recurrence !== 'none' ? describeRule(form.series, view) : '';
  const data = { meetingId: form.meetingId };
  return {
    heading: editing ? t('meetings.form.headingEdit') : t('meetings.form.heading'),
    note: editing ? (series ? t('meetings.form.noteSeries', { rule: series }) : '') : t('meetings.form.note', { minutes: rules.defaultMinutes }),
    formError: inputError(form.errors, 'form', view),
    title: field('title', rules.defaultTitle),
    date: field('date'),
    start: field('start'),
    end: field('end', t('meetings.form.endPlaceholder', { minutes: rules.defaultMinutes })),
    place: field('place', t('meetings.form.placePlaceholder')),
    link: field('link', 'https://…'),
    showRepeat: !editing,
    repeat: { ...field('repeat'), value: form.values.repeat || 'none', choices: RECURRENCES.map((value) => ({ title: t(`meetings.form.repeatChoices.${value}`), value })) },
    until: field('until'),
    submitTitle: t('meetings.form.save'),
    data,
    submitData: { ...data, verb: 'meeting.save' },
    fallback: editing ? t('meetings.form.headingEdit') : t('meetings.form.heading'),
  };
}

/** The confirmation before cancelling: for a series, this meeting or the whole series. */
export function cancelModel(view: MeetingView, context: ViewContext): MeetingCancelCard {
  const { t } = context;
  const { meeting, series } = view;
  const isSeries = series.recurrence !== 'none';
  const data = { meetingId: meeting.id };
  const when = formatWhen(meeting.startAt, meeting.endAt, context);
  const question = isSeries ? t('meetings.cancel.questionSeries', { title: meeting.title, when, rule: describeRule(series, context) }) : t('meetings.cancel.question', { title: meeting.title, when });
  return {
    heading: t('meetings.cancel.heading'),
    question,
    isSeries,
    meetingTitle: isSeries ? t('meetings.cancel.thisMeeting') : t('meetings.cancel.confirm'),
    seriesTitle: t('meetings.cancel.wholeSeries'),
    keepTitle: t('meetings.cancel.keep'),
    meetingData: { ...data, confirm: 'meeting' },
    seriesData: { ...data, confirm: 'series' },
    keepData: data,
    meetingSubmit: { ...data, confirm: 'meeting', verb: 'meeting.cancel' },
    seriesSubmit: { ...data, confirm: 'series', verb: 'meeting.cancel' },
    keepSubmit: { ...data, verb: 'meeting.show' },
    fallback: question,
  };
}

/** The next meetings. */
export function listModel(meetings: readonly ScheduledMeeting[], total: number, links: CalendarLinks, view: ViewContext): MeetingListCard {
  const { t } = view;
  const heading = t('meetings.list.heading', { count: meetings.length });
  const lines = meetings.map(({ meeting }) => ({ title: meeting.title, when: formatWhenShort(meeting.startAt, meeting.endAt, view), where: whereOf(meeting, view) }));
  return {
    heading,
    meetings: lines,
    more: total > meetings.length ? t('meetings.list.more', { count: total - meetings.length }) : '',
    links: [{ title: t('meetings.card.subscribe'), url: links.feed }],
    fallback: [heading, ...lines.map((l) => `${l.when}: ${l.title} (${l.where})`)].join('\n'),
  };
}

/** What happened to a meeting, as a line in its thread: „Geändert: …“. */
export function changeText(before: Meeting, after: Meeting, changes: readonly MeetingChange[], view: ViewContext): string {
  const { t } = view;
  const none = t('meetings.post.none');
  const lines = changes.map((change) => {
    switch (change) {
      case 'time':
        return t('meetings.post.changeTime', { after: formatWhen(after.startAt, after.endAt, view), before: formatWhen(before.startAt, before.endAt, view) });
      case 'place':
        return t('meetings.post.changePlace', { after: after.place || none, before: before.place || none });
      case 'link':
        return t('meetings.post.changeLink', { after: after.link || none });
      case 'title':
        return t('meetings.post.changeTitle', { after: after.title, before: before.title });
    }
  });
  return t('meetings.post.changed', { title: before.title, when: formatWhen(before.startAt, before.endAt, view), changes: lines.join('; ') });
}

/** „Abgesagt: …“: one meeting, or a series from now on. */
export function cancelText(series: Series, meetings: readonly Meeting[], whole: boolean, view: ViewContext): string {
  const { t } = view;
  const [first] = meetings;
  if (series.recurrence !== 'none' && whole) return t('meetings.post.cancelledSeries', { title: series.title, count: meetings.length });
  if (!first) return t('meetings.post.cancelledSeries', { title: series.title, count: 0 });
  const text = t('meetings.post.cancelled', { title: first.title, when: formatWhen(first.startAt, first.endAt, view) });
  return series.recurrence === 'none' ? text : `${text} ${t('meetings.post.othersStay')}`;
}

function button(verb: string, title: string, data: AgendaButton['data']): AgendaButton {
  return { verb, title, data, submit: { ...data, verb } };
}

/** A meeting's agenda: coordinators get the buttons, proposals and the items of the meeting before. */
export function agendaModel(agenda: AgendaView, notice: string, view: ViewContext): AgendaCard {
  const { t } = view;
  const { meeting } = agenda;
  const viewId = meeting.id;
  const manage = agenda.canManage;
  const data = (entry: AgendaEntry) => ({ meetingId: entry.item.meetingId, itemId: entry.item.id, viewId });
  const count = agenda.accepted.length;
  const items = agenda.accepted.map((entry, i) => ({
    ...entryLines(entry, i + 1, view),
    buttons: manage
      ? [
          ...(i > 0 ? [button('agenda.up', t('meetings.agenda.up'), data(entry))] : []),
          ...(i < count - 1 ? [button('agenda.down', t('meetings.agenda.down'), data(entry))] : []),
          button('agenda.remove', t('meetings.agenda.remove'), data(entry)),
          button('agenda.carry', t('meetings.agenda.carry'), data(entry)),
        ]
      : [],
  }));
  const proposals = agenda.proposals.map((entry) => ({
    ...entryLines(entry, undefined, view),
    buttons: [button('agenda.accept', t('meetings.agenda.accept'), data(entry)), button('agenda.reject', t('meetings.agenda.reject'), data(entry))],
  }));
  const previous = (agenda.previous?.items ?? []).map((entry, i) => ({ ...entryLines(entry, i + 1, view), buttons: [button('agenda.carry', t('meetings.agenda.carry'), data(entry))] }));
  const heading = t('meetings.agenda.heading', { title: meeting.title });
  const subtitle = formatWhen(meeting.startAt, meeting.endAt, view);
  return {
    heading,
    subtitle,
    notice: [meeting.status === 'cancelled' ? t('meetings.card.cancelled') : '', notice].filter(Boolean).join(' '),
    itemsTitle: t('meetings.agenda.items'),
    items,
    empty: items.length === 0 ? t('meetings.agenda.empty') : '',
    proposalsTitle: proposals.length > 0 ? t('meetings.agenda.proposals', { count: proposals.length }) : '',
    proposals,
    previousTitle: agenda.previous && previous.length > 0 ? t('meetings.agenda.previous', { when: formatWhenShort(agenda.previous.meeting.startAt, agenda.previous.meeting.endAt, view) }) : '',
    previous,
    canPublish: manage && count > 0 && meeting.status === 'scheduled',
    publishTitle: meeting.agendaVersion > 0 ? t('meetings.agenda.publishAgain') : t('meetings.agenda.publish'),
    publishData: { meetingId: meeting.id },
    publishSubmit: { meetingId: meeting.id, verb: 'agenda.publish' },
    fallback: [`${heading} – ${subtitle}`, ...items.map((i) => i.line)].join('\n'),
  };
}

/** The published agenda in the meeting's thread; version 2 and later are marked as updated. */
export function publishedModel(series: Series, meeting: Meeting, entries: readonly AgendaEntry[], version: number, view: ViewContext): AgendaPublishedCard {
  const { t } = view;
  const heading = version > 1 ? t('meetings.published.headingUpdated', { title: meeting.title }) : t('meetings.published.heading', { title: meeting.title });
  const items = entries.map((entry, i) => {
    const { line, detail } = entryLines({ ...entry, startsAt: undefined }, i + 1, view);
    return { time: entry.startsAt ? clock(entry.startsAt, view) : '', title: line, detail };
  });
  const subtitle = `${formatWhen(meeting.startAt, meeting.endAt, view)} · ${whereOf(meeting, view)}`;
  return {
    heading,
    subtitle,
    items,
    fallback: [heading, subtitle, ...items.map((i) => `${i.time} ${i.title}`)].join('\n'),
  };
}

/** A project's items on the next agendas, as a line of its details in Ask: „Di., 18.08.2026: Stand E-Akte“. */
export function projectAgendaFacts(found: readonly { meeting: Meeting; item: AgendaItem }[], view: ViewContext): { title: string; value: string }[] {
  if (found.length === 0) return [];
  const lines = found.map(({ meeting, item }) => view.t('meetings.facts.item', { when: fmt(meeting.startAt, view.locale === 'de' ? 'EEEEEE., dd.MM.yyyy' : 'EEE d MMM yyyy', view), title: item.title }));
  return [{ title: view.t('meetings.facts.title'), value: lines.join('; ') }];
}

/** The proposal form, or its confirmation once submitted. */
export function proposalModel(form: ProposalForm, submitted: { title: string; meeting: Meeting } | undefined, view: ViewContext): AgendaProposalCard {
  const { t } = view;
  const error = (input: keyof ProposalForm['errors']) => {
    const e = form.errors[input];
    return e ? t(`meetings.proposal.errors.${e.code}` as MessageKey, { ...e.params }) : '';
  };
  const field = (input: keyof ProposalForm['values'], placeholder = ''): FieldModel => ({ label: t(`meetings.proposal.${input}`), value: form.values[input], placeholder, error: error(input) });
  const intro = submitted
    ? t('meetings.proposal.thanks', { title: submitted.title, when: formatWhen(submitted.meeting.startAt, submitted.meeting.endAt, view) })
    : t('meetings.proposal.intro');
  return {
    heading: t('meetings.proposal.heading'),
    intro,
    submitted: submitted !== undefined,
    title: field('title'),
    description: field('description', t('meetings.proposal.optional')),
    // Input.Number takes a number only: anything else typed is named in the error instead.
    minutes: { ...field('minutes', '15'), value: /^\d{1,4}$/.test(form.values.minutes) ? form.values.minutes : '' },
    project: { ...field('project'), choices: form.projects.map((p) => ({ title: p.title, value: p.id })) },
    // The date and time only: a drop-down on a phone shows about 30 characters.
    meeting: { ...field('meeting'), choices: form.meetings.map(({ meeting }) => ({ title: formatWhenShort(meeting.startAt, meeting.endAt, view), value: meeting.id })) },
    submitTitle: t('meetings.proposal.submit'),
    data: {},
    submitData: { verb: 'agenda.propose' },
    fallback: intro,
  };
}
