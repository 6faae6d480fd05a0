import { formatDate, formatDateTime, type ViewContext } from '../../../platform/i18n/format';
import { TEXT_INPUTS, type CheckinErrors, type CheckinForm, type ProjectHistory, type SavedAnswer, type StatusInput, type TextInput } from '../domain/answers';
import type { PersonRef } from '../domain/context';
import type { RoundDigest } from '../domain/digest';
import { TEXT_LIMIT, TRAFFIC_LIGHTS, type CheckinRound, type StatusAnswer } from '../domain/model';
import type { StartRoundResult } from '../domain/rounds';
import { PHASES } from '../../../platform/directory/model';
import type { MessageKey, Translate } from '../../../platform/i18n';
import { chatLink } from '../../../platform/teams/links';
import type { CheckinActionData, CheckinCard, CheckinTextInput, CheckinDigestCard, CheckinHistoryCard, CheckinSummaryCard, DigestLine, NudgeData } from './cards';

const lightLabel = (light: string, t: Translate) => t(`checkin.lights.${light}` as MessageKey);
const phaseLabel = (phase: string, t: Translate) => t(`kinds.phases.${phase}` as MessageKey);

function errorText(errors: CheckinErrors, input: StatusInput | 'form', view: ViewContext, project: string): string {
  const error = errors[input];
  return error ? view.t(`checkin.errors.${error.code}` as MessageKey, { project, ...error.params }) : '';
}

function progressSuffix(answer: StatusAnswer, t: Translate): string {
  return answer.progress === undefined ? '' : t('checkin.form.progressSuffix', { progress: answer.progress });
}

/** The check-in form: fresh, prefilled, or returned with the errors next to the fields. */
export function checkinFormModel(form: CheckinForm, view: ViewContext): CheckinCard {
  const { t } = view;
  const data: CheckinActionData = { projectId: form.projectId, roundId: form.roundId, token: form.token };
  const latest = form.latest;
  const textInput = (id: TextInput) => ({
    id,
    label: t(`checkin.form.${id}`),
    placeholder: t('checkin.form.optional'),
    maxLength: TEXT_LIMIT,
    value: form.values[id],
    error: errorText(form.errors, id, view, form.projectTitle),
    // Funding news: the project's funding applications are a question away (the funding radar answers it).
    linkTitle: id === 'funding' ? t('checkin.form.fundingLink') : '',
    linkCommand: id === 'funding' ? t('checkin.form.fundingCommand', { project: form.projectTitle }) : '',
  });
  const progress = form.values.progress.trim();
  return {
    title: t('checkin.form.title', { project: form.projectTitle }),
    roundInfo: form.closesAt ? t('checkin.form.inRound', { date: formatDateTime(form.closesAt, view) }) : t('checkin.form.outsideRound'),
    lastStatus: latest
      ? t('checkin.form.lastStatus', {
          date: formatDate(latest.at, view),
          author: form.latestAuthor?.name ?? latest.authorEmail,
          light: lightLabel(latest.light, t),
          phase: phaseLabel(latest.phase, t),
          progress: progressSuffix(latest, t),
        })
      : t('checkin.form.noLastStatus'),
    formError: errorText(form.errors, 'form', view, form.projectTitle),
    lightLabel: t('checkin.form.light'),
    lightRequired: t('checkin.form.lightRequired'),
    light: form.values.light,
    lightChoices: TRAFFIC_LIGHTS.map((value) => ({ title: lightLabel(value, t), value })),
    lightError: errorText(form.errors, 'light', view, form.projectTitle),
    phaseLabel: t('checkin.form.phase'),
    phaseRequired: t('checkin.form.phaseRequired'),
    phase: form.values.phase,
    phaseChoices: PHASES.map((value) => ({ title: phaseLabel(value, t), value })),
    phaseError: errorText(form.errors, 'phase', view, form.projectTitle),
    progressLabel: t('checkin.form.progress'),
    progress: /^\d+$/.test(progress) ? Number(progress) : '',
    progressError: errorText(form.errors, 'progress', view, form.projectTitle),
    ...textSections(TEXT_INPUTS.map(textInput), progress, errorText(form.errors, 'progress', view, form.projectTitle)),
    moreTitle: t('checkin.form.more'),
    submitTitle: t('checkin.form.submit'),
    unchangedTitle: t('checkin.form.unchanged'),
    canCopy: latest !== undefined,
    data,
    submitData: { ...data, verb: 'checkin.submit' },
    unchangedData: { ...data, verb: 'checkin.unchanged' },
    fallback: t('checkin.form.fallback', { project: form.projectTitle }),
  };
}

/**
 * The first text (what happened) stays with the required inputs; the others go behind „Mehr Angaben“, which is
 * open when any of them (or the progress) holds a value or an error, so nothing typed or refused is hidden.
 */
function textSections(inputs: CheckinTextInput[], progress: string, progressError: string): Pick<CheckinCard, 'texts' | 'moreTexts' | 'moreVisible'> {
  const [first, ...rest] = inputs;
  const moreVisible = progress !== '' || progressError !== '' || rest.some((i) => i.value !== '' || i.error !== '');
  return { texts: first ? [first] : [], moreTexts: rest, moreVisible };
}

/** Facts and texts of one answer, shared by the summary and the latest status. */
/** The texts an answer gives (what happened, next steps, blockers, funding news), labelled as on the card. */
export function answerTexts(answer: StatusAnswer, t: Translate): { readonly label: string; readonly text: string }[] {
  return TEXT_INPUTS.filter((k) => answer[k] !== '').map((k) => ({ label: t(`checkin.summary.${k}`), text: answer[k] }));
}

function answerModel(answer: StatusAnswer, projectTitle: string, author: PersonRef, view: ViewContext) {
  const { t } = view;
  const facts = [
    { title: t('checkin.summary.light'), value: lightLabel(answer.light, t) },
    { title: t('checkin.summary.phase'), value: phaseLabel(answer.phase, t) },
    ...(answer.progress === undefined ? [] : [{ title: t('checkin.summary.progress'), value: t('checkin.summary.progressValue', { progress: answer.progress }) }]),
  ];
  const sections = answerTexts(answer, t).map(({ label, text }) => ({ title: label, text }));
  const date = formatDateTime(answer.at, view);
  return {
    subtitle: t('checkin.summary.by', { author: author.name, date, where: answer.roundId ? t('checkin.summary.inRound') : t('checkin.summary.outsideRound') }),
    facts,
    sections,
    fallback: t('checkin.summary.fallback', { project: projectTitle, light: lightLabel(answer.light, t), phase: phaseLabel(answer.phase, t), author: author.name, date }),
  };
}

/** The card that replaces the form after a submit: read-only, with an edit action while editable. */
export function checkinSummaryModel(saved: SavedAnswer, view: ViewContext): CheckinSummaryCard {
  const { t } = view;
  const { answer } = saved;
  const notices = [answer.unchanged ? t('checkin.summary.unchanged') : '', saved.replaced ? t('checkin.summary.edited') : '', saved.editable ? '' : t('checkin.summary.closed')];
  const data = { projectId: answer.projectId, roundId: answer.roundId, token: answer.token };
  return {
    title: t('checkin.summary.title', { project: saved.project.title }),
    ...answerModel(answer, saved.project.title, saved.author, view),
    notice: notices.filter(Boolean).join(' '),
    canEdit: saved.editable,
    editTitle: t('checkin.summary.edit'),
    data,
    editData: { ...data, verb: 'checkin.edit' },
    historyTitle: '',
    historyCommand: '',
  };
}

/** A project's latest status (`Status X`), with a button that opens the form. */
export function latestStatusModel(projectId: string, projectTitle: string, latest: StatusAnswer, author: PersonRef, view: ViewContext): CheckinSummaryCard {
  const { t } = view;
  return {
    title: t('checkin.summary.titleLatest', { project: projectTitle }),
    ...answerModel(latest, projectTitle, author, view),
    notice: latest.unchanged ? t('checkin.summary.unchanged') : '',
    canEdit: true,
    editTitle: t('checkin.summary.report'),
    data: { projectId },
    editData: { projectId, verb: 'checkin.edit' },
    historyTitle: t('checkin.summary.history'),
    historyCommand: t('checkin.summary.historyCommand', { project: projectTitle }),
  };
}

/** The last status updates of a project, newest first. */
export function historyModel(history: ProjectHistory, view: ViewContext): CheckinHistoryCard {
  const { t } = view;
  const count = history.entries.length;
  return {
    title: t('checkin.history.title', { project: history.project.title }),
    subtitle: t('checkin.history.subtitle', { count }),
    entries: history.entries.map(({ answer, author }) => ({
      heading: t('checkin.history.heading', { date: formatDate(answer.at, view), light: lightLabel(answer.light, t), phase: phaseLabel(answer.phase, t), progress: progressSuffix(answer, t) }),
      lines: [
        t('checkin.history.author', { author: author.name }) + (answer.unchanged ? ` · ${t('checkin.history.unchanged')}` : ''),
        ...answerTexts(answer, t).map((line) => t('checkin.history.line', line)),
      ],
    })),
    fallback: t('checkin.history.fallback', { project: history.project.title, count }),
  };
}

/** A digest line without buttons. */
function plainLine(text: string): DigestLine {
  return { text, chatUrl: '', canNudge: false, nudgeData: {}, nudgeSubmit: {} };
}

/**
 * A round's digest: response rate, red and worse projects, blockers, who did not answer, nobody to ask. Each
 * person who has not answered gets a chat link; `forCoordinator` (the live state, `Stand der Runde`) also adds a
 * button that reminds them once more while the round is open. `notice` says what a button just did.
 */
export function digestModel(digest: RoundDigest, view: ViewContext, forCoordinator = false, notice = ''): CheckinDigestCard {
  const { t } = view;
  const owner = (ref: PersonRef | undefined) => ref?.name ?? t('checkin.digest.noOwner');
  const chase = ({ person, email, titles, undelivered }: ReturnType<typeof byPerson>[number]): DigestLine => {
    const text = t('checkin.digest.notAnsweredLine', { person: undelivered ? t('checkinRounds.unreachable', { person }) : person, projects: titles.join(', ') });
    const canNudge = forCoordinator && digest.open && !undelivered;
    const nudgeData: NudgeData = { roundId: digest.round.id, email };
    return { text, chatUrl: chatLink(email), canNudge, nudgeData: canNudge ? nudgeData : {}, nudgeSubmit: canNudge ? { ...nudgeData, verb: 'checkin.nudge' } : {} };
  };
  const sections = [
    { title: t('checkin.digest.red'), lines: digest.red.map((r) => plainLine(t('checkin.digest.projectOwner', { project: r.title, owner: owner(r.owner) }))) },
    { title: t('checkin.digest.worse'), lines: digest.worse.map((w) => plainLine(t('checkin.digest.worseLine', { project: w.title, from: lightLabel(w.from, t), to: lightLabel(w.to, t) }))) },
    { title: t('checkin.digest.blockers'), lines: digest.blockers.map((b) => plainLine(t('checkin.digest.blockerLine', { project: b.title, owner: owner(b.owner), text: b.text }))) },
    { title: t('checkin.digest.notAnswered'), lines: byPerson(digest.notAnswered).map(chase) },
    { title: t('checkin.digest.nobodyToAsk'), lines: digest.nobodyToAsk.map((n) => plainLine(n.title)) },
  ].filter((s) => s.lines.length > 0);
  const title = digest.open ? t('checkin.digest.titleOpen') : t('checkin.digest.titleClosed');
  return {
    title,
    period: t('checkin.digest.period', { start: formatDateTime(digest.round.startedAt, view), closes: formatDateTime(digest.round.closesAt, view) }),
    notice,
    responseRate: t('checkin.digest.responseRate', { answered: digest.answered, asked: digest.asked, percent: Math.round(digest.responseRate * 100) }),
    sections,
    chatLabel: t('checkin.digest.chat'),
    nudgeLabel: t('checkin.digest.nudge'),
    fallback: t('checkin.digest.fallback', { title, answered: digest.answered, asked: digest.asked, red: digest.red.length }),
  };
}

/**
 * Projects grouped by the person asked, in the digest's order: one line per person to chase, noting when a
 * card never reached them (they are not in the team, blocked the bot …): the coordinator must ask another way.
 */
function byPerson(items: RoundDigest['notAnswered']): { person: string; email: string; titles: string[]; undelivered: boolean }[] {
  const grouped = new Map<string, { person: string; email: string; titles: string[]; undelivered: boolean }>();
  for (const item of items) {
    const entry = grouped.get(item.person.email) ?? { person: item.person.name, email: item.person.email, titles: [], undelivered: false };
    entry.titles.push(item.title);
    entry.undelivered ||= item.undelivered;
    grouped.set(item.person.email, entry);
  }
  return [...grouped.values()];
}

function roundTimes(round: CheckinRound, view: ViewContext): { start: string; reminder: string; closes: string } {
  return { start: formatDateTime(round.startedAt, view), reminder: formatDateTime(round.reminderDueAt, view), closes: formatDateTime(round.closesAt, view) };
}

/** What a start says, in Teams and on the command line ("Runde gestartet: 19 Projekte, 13 Personen …"). */
export function describeStart(result: StartRoundResult, view: ViewContext): string {
  const { t } = view;
  switch (result.kind) {
    case 'started': {
      const { summary } = result;
      const times = roundTimes(summary.round, view);
      const started = t('checkin.round.started', { projects: summary.projects, people: summary.people, reminder: times.reminder, closes: times.closes });
      return summary.nobody > 0 ? `${started} ${t('checkin.round.startedNobody', { count: summary.nobody })}` : started;
    }
    case 'alreadyOpen':
      return t('checkin.round.alreadyOpen', roundTimes(result.round, view));
    default:
      return t(`checkin.round.${result.kind}`);
  }
}
