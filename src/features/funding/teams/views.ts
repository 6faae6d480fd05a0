import { formatDate, formatDateTime, type ViewContext } from '../../../platform/i18n/format';
import type { MessageKey, Translate } from '../../../platform/i18n';
import type { ApplicationErrorCode, ApplicationInput, ApplicationView, OfferedProject } from '../domain/applications';
import type { CallForm, FormInput, SaveCallResult } from '../domain/calls';
import { deadlineInstant } from '../domain/deadline';
import type { ProjectMatch } from '../domain/matching';
import { APPLICATION_STATUSES, LEVELS, LIMITS, type Application, type ApplicationChange, type ApplicationStatus, type FundingCall } from '../domain/model';
import type { CallNotice, Reminder, ReminderProject } from '../domain/notifier';
import type { ListedApplication, ListedCall, QuestionAnswer } from '../domain/questions';
import type { ApplicationCard, CallCard, CallFormCard, Fact, FormTextInput, FundingListCard, OfferCard, OfferProject } from './cards';

/** The plain text of a card for clients that cannot show it: title, then one line per entry. */
function fallbackOf(title: string, lines: readonly string[]): string {
  return [title, ...lines].filter(Boolean).join('\n');
}

/** „120.000 €“ / "€120,000". */
export function money(amount: number, view: ViewContext): string {
  return new Intl.NumberFormat(view.locale === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: amount % 1 === 0 ? 0 : 2 }).format(amount);
}

/** A call's deadline as the reader reads it: „Fr., 15.01.2027, 12:00“, „15.01.2027“, „laufend“. */
export function deadlineLabel(call: FundingCall, view: ViewContext): string {
  const instant = deadlineInstant(call.deadline, view.timezone);
  if (!instant || call.deadline.kind === 'rolling') return view.t('funding.deadline.rolling');
  return call.deadline.time ? formatDateTime(instant, view) : formatDate(instant, view);
}

export const statusLabel = (status: ApplicationStatus, t: Translate) => t(`funding.statuses.${status}`);
const levelLabel = (call: FundingCall, t: Translate) => t(`funding.levels.${call.level}`);

/** Funder and level, the line under a call's title. */
function callSubtitle(call: FundingCall, t: Translate): string {
  return [call.funder, levelLabel(call, t), call.programme].filter(Boolean).join(' · ');
}

/** The facts of a call: deadline, rate, largest amount, who may apply (those known). */
function callFacts(call: FundingCall, view: ViewContext): Fact[] {
  const { t } = view;
  const facts: Fact[] = [{ title: t('funding.facts.deadline'), value: deadlineLabel(call, view) }];
  if (call.rate !== undefined) facts.push({ title: t('funding.facts.rate'), value: t('funding.rateValue', { rate: call.rate }) });
  if (call.maxAmount !== undefined) facts.push({ title: t('funding.facts.maxAmount'), value: money(call.maxAmount, view) });
  if (call.eligible) facts.push({ title: t('funding.facts.eligible'), value: call.eligible });
  if (call.fields.length > 0) facts.push({ title: t('funding.facts.fields'), value: call.fields.join(', ') });
  return facts;
}

/** Why a project fits a call, in one line. */
export function whyItFits(match: ProjectMatch, t: Translate): string {
  const reasons = [
    ...match.fields.map((field) => t('funding.why.field', { field })),
    ...match.keywords.map((k) => t(k.place === 'title' ? 'funding.why.keywordTitle' : 'funding.why.keywordSummary', { keyword: k.keyword })),
  ];
  return t('funding.why.line', { reasons: reasons.join('; ') });
}

/** An application's status and amounts in a few words: „eingereicht: 120.000 € beantragt“, „bewilligt: 95.000 € (beantragt: 120.000 €)“. */
export function applicationSummary(application: Application, view: ViewContext): string {
  const { t } = view;
  const status = statusLabel(application.status, t);
  const applied = application.appliedAmount === undefined ? undefined : money(application.appliedAmount, view);
  if (application.status === 'approved' && application.approvedAmount !== undefined) {
    const approved = money(application.approvedAmount, view);
    return applied && application.appliedAmount !== application.approvedAmount ? t('funding.amounts.approvedOf', { status, approved, applied }) : t('funding.amounts.approved', { status, approved });
  }
  return applied ? t('funding.amounts.applied', { status, applied }) : status;
}

// ---- the owner's card ----

/** An owner's projects on a call's card, as answered so far. */
export function offerModel(call: FundingCall, projects: readonly OfferedProject[], view: ViewContext, notice = ''): OfferCard {
  const { t } = view;
  const projectIds = projects.map((p) => p.match.project.id).join(',');
  const items: OfferProject[] = projects.map(({ match, application, dismissed }) => {
    const data = { callId: call.id, projectId: match.project.id, projectIds };
    const openData = { projectId: match.project.id, callId: call.id };
    const state = application ? t('funding.offer.stateApplication', { status: statusLabel(application.status, t) }) : dismissed ? t('funding.offer.stateDismissed') : '';
    return {
      title: match.project.title,
      why: whyItFits(match, t),
      state,
      canAnswer: !application && !dismissed,
      interestTitle: t('funding.offer.interest'),
      dismissTitle: t('funding.offer.dismiss'),
      data,
      interestSubmit: { ...data, verb: 'funding.interest' },
      dismissSubmit: { ...data, verb: 'funding.dismiss' },
      canOpen: application !== undefined,
      openTitle: t('funding.offer.open'),
      openData,
      openSubmit: { ...openData, verb: 'funding.open' },
    };
  });
  const title = t('funding.offer.title', { call: call.title });
  const facts = callFacts(call, view);
  return {
    title,
    subtitle: callSubtitle(call, t),
    facts,
    summary: call.summary,
    intro: t('funding.offer.intro', { count: items.length }),
    projects: items,
    notice,
    link: call.link,
    linkTitle: t('funding.call.link'),
    fallback: fallbackOf(title, [...facts.map((f) => `${f.title}: ${f.value}`), ...items.map((p) => `- ${p.title}: ${p.why}`), t('funding.offer.fallbackHint')]),
  };
}

// ---- the application card ----

export interface ApplicationFormState {
  readonly values?: Readonly<Record<ApplicationInput, string>>;
  readonly errors?: Partial<Record<ApplicationInput, ApplicationErrorCode>>;
  readonly formError?: string;
  readonly notice?: string;
}

/** One change of the history: „12.01.2027 · Anna Schulte: Interesse → eingereicht (120.000 €)“. */
function historyLine(change: ApplicationChange, view: ViewContext, nameOf: (email: string) => string): string {
  const { t } = view;
  const to = statusLabel(change.to, t);
  const step = change.from && change.from !== change.to ? `${statusLabel(change.from, t)} → ${to}` : to;
  const amount = change.to === 'approved' && change.approvedAmount !== undefined ? money(change.approvedAmount, view) : change.appliedAmount !== undefined ? money(change.appliedAmount, view) : '';
  return t('funding.application.historyLine', { date: formatDate(change.at, view), by: nameOf(change.by), step, amount: amount ? ` (${amount})` : '', note: change.note ? ` – ${change.note}` : '' });
}

/** The application of a project to a call, with its status form (fresh, after a save, or with errors). */
export function applicationModel(
  view: ApplicationView & { readonly history?: readonly ApplicationChange[] },
  ctx: ViewContext,
  nameOf: (email: string) => string,
  state: ApplicationFormState = {},
): ApplicationCard {
  const { t } = ctx;
  const { application, project, call } = view;
  const values = state.values ?? {
    status: application.status,
    appliedAmount: application.appliedAmount === undefined ? '' : String(application.appliedAmount),
    approvedAmount: application.approvedAmount === undefined ? '' : String(application.approvedAmount),
    note: application.note,
  };
  const error = (input: ApplicationInput) => {
    const code = state.errors?.[input];
    return code ? t(`funding.application.errors.${code}`, { max: LIMITS.note }) : '';
  };
  const asNumber = (text: string) => (/^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : '');
  const data = { projectId: project.id, callId: call.id };
  const title = t('funding.application.title', { project: project.title });
  const facts: Fact[] = [
    { title: t('funding.facts.call'), value: call.title },
    { title: t('funding.facts.deadline'), value: deadlineLabel(call, ctx) },
    { title: t('funding.facts.status'), value: applicationSummary(application, ctx) },
  ];
  return {
    title,
    subtitle: callSubtitle(call, t),
    facts,
    notice: state.notice ?? '',
    formError: state.formError ?? '',
    statusLabel: t('funding.application.status'),
    status: values.status,
    statusChoices: APPLICATION_STATUSES.map((value) => ({ title: statusLabel(value, t), value })),
    statusRequired: t('funding.application.errors.required'),
    statusError: error('status'),
    appliedLabel: t('funding.application.applied'),
    applied: asNumber(values.appliedAmount),
    appliedError: error('appliedAmount'),
    approvedLabel: t('funding.application.approved'),
    approved: asNumber(values.approvedAmount),
    approvedError: error('approvedAmount'),
    noteLabel: t('funding.application.note'),
    notePlaceholder: t('funding.application.notePlaceholder'),
    note: values.note,
    noteMax: LIMITS.note,
    noteError: error('note'),
    historyTitle: t('funding.application.history'),
    history: (view.history ?? []).map((c) => historyLine(c, ctx, nameOf)),
    submitTitle: t('funding.application.save'),
    data,
    submitData: { ...data, verb: 'funding.status' },
    fallback: fallbackOf(title, facts.map((f) => `${f.title}: ${f.value}`)),
  };
}

// ---- the call form ----

const HEAD: readonly FormInput[] = ['title', 'programme', 'funder'];
const TAIL: readonly FormInput[] = ['link', 'eligible', 'rate', 'max_amount', 'summary', 'keywords'];
const MAX_LENGTH: Partial<Record<FormInput, number>> = { title: LIMITS.title, programme: LIMITS.programme, funder: LIMITS.funder, link: 300, eligible: LIMITS.eligible, rate: 10, max_amount: 20, summary: LIMITS.summary, keywords: 2000 };

function formError(form: CallForm, input: FormInput | 'form', t: Translate): string {
  const error = form.errors[input];
  if (!error) return '';
  if (error.code === 'unknownCall') return t('funding.form.unknownCall', error.params);
  return t(`problems.${error.code}` as MessageKey, error.params);
}

/** The call form: fresh, filled in, or with the problems next to the inputs. */
export function callFormModel(form: CallForm, view: ViewContext): CallFormCard {
  const { t } = view;
  const textInput = (id: FormInput): FormTextInput => ({
    id,
    label: t(`funding.form.labels.${id}` as MessageKey),
    placeholder: t(`funding.form.placeholders.${id}` as MessageKey),
    value: form.values[id],
    maxLength: MAX_LENGTH[id] ?? 200,
    isMultiline: id === 'summary',
    error: formError(form, id, t),
  });
  const title = form.callId ? t('funding.form.editTitle') : t('funding.form.newTitle');
  const data = { callId: form.callId };
  const chosen = new Set(form.values.fields.split(',').filter(Boolean));
  return {
    title,
    intro: t('funding.form.intro'),
    formError: formError(form, 'form', t),
    head: HEAD.map(textInput),
    levelLabel: t('funding.form.labels.level'),
    level: form.values.level,
    levelChoices: LEVELS.map((value) => ({ title: t(`funding.levels.${value}`), value })),
    levelError: formError(form, 'level', t),
    deadlineLabel: t('funding.form.labels.deadlineDate'),
    deadlineDate: form.values.deadlineDate,
    deadlineTime: form.values.deadlineTime,
    deadlineTimeLabel: t('funding.form.labels.deadlineTime'),
    rollingLabel: t('funding.form.labels.rolling'),
    rolling: form.values.rolling === 'true' ? 'true' : 'false',
    deadlineError: formError(form, 'deadlineDate', t),
    fieldsLabel: t('funding.form.labels.fields'),
    fields: [...chosen].join(','),
    fieldChoices: [...new Set([...form.knownFields, ...chosen])].map((value) => ({ title: value, value })),
    fieldsError: formError(form, 'fields', t),
    tail: TAIL.map(textInput),
    saveTitle: t('funding.form.save'),
    canWithdraw: form.callId !== '',
    withdrawTitle: t('funding.form.withdraw'),
    data,
    saveData: { ...data, verb: 'funding.save' },
    withdrawData: { ...data, verb: 'funding.withdraw' },
    fallback: t('funding.form.fallback'),
  };
}

// ---- a call ----

/** A call's card: details with the projects that fit and their applications, or what was saved, or a reminder. */
export function callModel(call: FundingCall, view: ViewContext, options: { notice?: string; title?: string; sections?: CallCard['sections']; command?: { title: string; text: string } } = {}): CallCard {
  const { t } = view;
  const title = options.title ?? call.title;
  const facts = callFacts(call, view);
  const sections = options.sections ?? [];
  return {
    title,
    subtitle: callSubtitle(call, t),
    notice: options.notice ?? '',
    facts,
    summary: call.summary,
    sections,
    link: call.link,
    linkTitle: t('funding.call.link'),
    commandTitle: options.command?.title ?? '',
    command: options.command?.text ?? '',
    fallback: fallbackOf(title, [options.notice ?? '', ...facts.map((f) => `${f.title}: ${f.value}`), ...sections.flatMap((s) => [s.title, ...s.lines.map((l) => `- ${l}`)]), call.link]),
  };
}

/** The answer to a coordinator's saved form. */
export function savedCallModel(result: Extract<SaveCallResult, { kind: 'saved' }>, view: ViewContext): CallCard {
  const { t } = view;
  const notice = t(result.created ? 'funding.form.created' : 'funding.form.updated', { count: result.matching });
  return callModel(result.call, view, { notice, command: { title: t('funding.call.edit'), text: t('funding.call.editCommand', { id: result.call.id }) } });
}

/** „in 14 Tagen“, „in 2 Stunden“, „in 2 Minuten“: how long before the deadline a reminder goes out. */
function timeLeft(reminder: Reminder, t: Translate): string {
  return t(`funding.reminder.left.${reminder.offset.unit}`, { count: reminder.offset.amount });
}

/** A project in a reminder: its title and its application's status, or that it has none yet. */
function reminderProjectLine(project: ReminderProject, t: Translate): string {
  return t('funding.reminder.projectLine', { project: project.title, status: project.status ? statusLabel(project.status, t) : t('funding.reminder.noApplication') });
}

/** The reminder posted to the home channel (first a post, then replies in its thread). */
export function channelReminderModel(reminder: Reminder, projects: readonly ReminderProject[], view: ViewContext): CallCard {
  const { t } = view;
  return callModel(reminder.call, view, {
    title: t('funding.reminder.channelTitle', { call: reminder.call.title, left: timeLeft(reminder, t) }),
    sections: [{ title: t('funding.reminder.projects'), lines: projects.map((p) => reminderProjectLine(p, t)) }],
  });
}

/** The 1:1 reminder to an owner: the deadline, their projects' status, how to report a submission. */
export function ownerReminderText(reminder: Reminder, projects: readonly ReminderProject[], view: ViewContext): string {
  const { t } = view;
  return t('funding.reminder.owner', {
    call: reminder.call.title,
    deadline: deadlineLabel(reminder.call, view),
    left: timeLeft(reminder, t),
    projects: projects.map((p) => reminderProjectLine(p, t)).join(', '),
    example: projects[0]?.title ?? '',
  });
}

/** What the call's thread says when it changed. */
export function noticeText(call: FundingCall, notice: CallNotice, view: ViewContext): string {
  if (notice.kind === 'withdrawn') return view.t('funding.notice.withdrawn', { call: call.title });
  return view.t('funding.notice.deadlineMoved', { call: call.title, deadline: deadlineLabel(call, view) });
}

// ---- answers to questions ----

function listedCallItem(c: ListedCall, view: ViewContext): { title: string; detail: string } {
  const { t } = view;
  const parts = [t('funding.list.deadline', { deadline: deadlineLabel(c.call, view) }), c.call.funder || levelLabel(c.call, t)];
  if (c.call.rate !== undefined) parts.push(t('funding.rateValue', { rate: c.call.rate }));
  if (c.matching > 0) parts.push(t('funding.list.matching', { count: c.matching }));
  return { title: c.call.title, detail: parts.join(' · ') };
}

function listedApplicationItem(a: ListedApplication, view: ViewContext, withProject: boolean): { title: string; detail: string } {
  const { t } = view;
  const detail = [applicationSummary(a.application, view), t('funding.list.deadline', { deadline: deadlineLabel(a.call, view) })];
  if (withProject && a.project.lead) detail.push(a.project.lead);
  return { title: withProject ? t('funding.list.applicationTitle', { project: a.project.title, call: a.call.title }) : a.call.title, detail: detail.join(' · ') };
}

function listModel(title: string, subtitle: string, sections: FundingListCard['sections'], empty: string): FundingListCard {
  const filled = sections.filter((s) => s.items.length > 0);
  const notes = filled.length === 0 ? [empty] : [];
  return {
    title,
    subtitle,
    sections: filled,
    notes,
    fallback: fallbackOf(title, [subtitle, ...filled.flatMap((s) => [s.heading, ...s.items.map((i) => `- ${i.title}: ${i.detail}`)]), ...notes]),
  };
}

/** The answer to a question about funding, as a list card. */
export function answerModel(answer: Exclude<QuestionAnswer, { kind: 'ambiguousProject' }>, view: ViewContext): FundingListCard {
  const { t } = view;
  const calls = (list: readonly ListedCall[]) => list.map((c) => listedCallItem(c, view));
  switch (answer.kind) {
    case 'deadlines':
      return listModel(t('funding.answers.deadlinesTitle', { days: answer.days }), '', [{ heading: '', items: calls(answer.calls) }], t('funding.answers.noDeadlines', { days: answer.days }));
    case 'openCalls':
      return listModel(t('funding.answers.openTitle'), '', [{ heading: '', items: calls(answer.calls) }], t('funding.answers.noOpenCalls'));
    case 'field':
      return listModel(t('funding.answers.fieldTitle', { field: answer.field }), '', [{ heading: '', items: calls(answer.calls) }], t('funding.answers.noFieldCalls', { field: answer.field }));
    case 'project':
      return listModel(
        t('funding.answers.projectTitle', { project: answer.project.title }),
        '',
        [
          { heading: t('funding.answers.projectApplications'), items: answer.applications.map((a) => listedApplicationItem(a, view, false)) },
          { heading: t('funding.answers.projectCalls'), items: calls(answer.calls) },
        ],
        t('funding.answers.noProjectFunding', { project: answer.project.title }),
      );
    case 'applications': {
      const title = answer.status ? t('funding.answers.statusTitle', { status: statusLabel(answer.status, t) }) : t('funding.answers.applicationsTitle');
      const empty = answer.status ? t('funding.answers.noStatus', { status: statusLabel(answer.status, t) }) : t('funding.answers.noApplications');
      return listModel(title, '', [{ heading: '', items: answer.applications.map((a) => listedApplicationItem(a, view, true)) }], empty);
    }
    case 'approvedSum':
      return listModel(
        t('funding.answers.sumTitle', { amount: money(answer.total, view) }),
        answer.count > 0 ? t('funding.answers.sumSubtitle', { count: answer.count }) : '',
        [{ heading: t('funding.answers.byMunicipality'), items: answer.byMunicipality.map((m) => ({ title: m.municipality || t('funding.answers.noMunicipality'), detail: t('funding.answers.sumLine', { amount: money(m.amount, view), count: m.count }) })) }],
        t('funding.answers.noApproved'),
      );
    case 'unknownTopic':
      return listModel(t('funding.answers.unknownTopic', { topic: answer.topic }), '', [], t('funding.answers.unknownTopicHint', { fields: answer.fields.join(', ') }));
  }
}

/** The facts Ask shows in a project's details: one per application. */
export function projectFacts(applications: readonly ListedApplication[], view: ViewContext): Fact[] {
  return applications.map((a) => ({
    title: view.t('funding.facts.application'),
    value: view.t('funding.facts.applicationValue', { call: a.call.title, status: applicationSummary(a.application, view), deadline: deadlineLabel(a.call, view) }),
  }));
}
