import type { Activity, Attachment, TurnContext } from 'botbuilder';
import { parseProjectChoice, type CardData, type ProjectCommand, type ProjectNotFound, type ProjectQuery, type SubmitResult } from '../domain/answers';
import { choiceModel, type ProjectCandidate } from '../../ask';
import { formatLocalDay } from '../../../platform/i18n/format';
import type { DirectorySource } from '../../../platform/directory/directory-cache';
import type { CardRenderer } from '../../../platform/teams/cards';
import { cardOrText, turnInfo, viewOf } from '../../../platform/teams/turn';
import type { CheckinService } from '../domain/service';
import './cards';
import { checkinFormModel, checkinSummaryModel, describeStart, digestModel, historyModel, latestStatusModel } from './views';

/** What the check-ins' Teams part needs. */
export interface CheckinTeamsDependencies {
  readonly checkins: CheckinService;
  readonly cards: CardRenderer;
  readonly timezone: string;
  /** The directory in memory: a person's own projects without a table read. */
  readonly directory: DirectorySource;
}

/**
 * `Check-in starten` / `start check-in`: starts the round and confirms it to the coordinator with the counts;
 * the round's send job hands the cards to the outbox right after.
 */
export async function startCheckinRound(context: TurnContext, deps: CheckinTeamsDependencies): Promise<void> {
  const { person, log, t } = turnInfo(context);
  const result = await deps.checkins.startRound({ kind: 'person', email: person?.email ?? '' }, person);
  const text = describeStart(result, viewOf(context, deps.timezone));
  if (result.kind === 'started') log.info({ roundId: result.summary.round.id, projects: result.summary.projects, people: result.summary.people }, 'check-in round started');
  if (result.kind !== 'started' && result.kind !== 'alreadyOpen') {
    await context.sendActivity(text);
    return;
  }
  // A quick reply to follow the round (Teams shows suggested actions in 1:1 chats).
  const status = t('checkin.round.statusButton');
  await context.sendActivity({
    type: 'message',
    text: result.kind === 'started' ? `${text} ${t('checkinRounds.sendingNow')}` : text,
    suggestedActions: { to: [], actions: [{ type: 'imBack', title: status, value: status }] },
  });
}

/** `Stand der Runde` / `round status`: the live digest, for coordinators. */
export async function showRoundStatus(context: TurnContext, deps: CheckinTeamsDependencies): Promise<void> {
  const { person, t } = turnInfo(context);
  const result = await deps.checkins.roundStatus(person);
  if (result.kind === 'notAllowed') await context.sendActivity(t('checkin.round.statusNotAllowed'));
  else if (result.kind === 'noRound') await context.sendActivity(t('checkin.round.noRound'));
  else await context.sendActivity(deps.cards.message('checkin-digest', digestModel(result.digest, viewOf(context, deps.timezone), true)));
}

/**
 * `checkin.nudge`, „Erinnern“ beside a person in the round's live state: one more reminder to them, and the live
 * state again in place of the card clicked, saying what was done.
 */
export async function nudgeFromDigest(context: TurnContext, data: CardData, deps: CheckinTeamsDependencies): Promise<Attachment | string> {
  const { person, t, log } = turnInfo(context);
  const result = await deps.checkins.nudge(person, data);
  log.info({ outcome: result.kind }, 'check-in nudge');
  if (result.kind === 'notAllowed') return t('checkin.round.statusNotAllowed');
  if (result.kind === 'invalid') return t('checkin.nudge.invalid');
  const notice = 'person' in result ? t(`checkin.nudge.${result.kind}`, { person: result.person.name }) : t('checkin.nudge.roundClosed');
  const status = await deps.checkins.roundStatus(person);
  if (status.kind !== 'status') return notice;
  return deps.cards.card('checkin-digest', digestModel(status.digest, viewOf(context, deps.timezone), true, notice));
}

/** The replies of the commands that name a project, by command (the `intent` of a `checkin.choose` button). */
const PROJECT_REPLIES = {
  report: reportReply,
  status: statusReply,
  history: historyReply,
} as const satisfies Record<ProjectCommand, (context: TurnContext, query: ProjectQuery, deps: CheckinTeamsDependencies) => Promise<Reply>>;

/** What a command answers: a message with a card, or a text. */
type Reply = Partial<Activity> | string;

/** `Status melden X` / `update X`: the check-in form for a project. */
export async function openCheckinForm(context: TurnContext, query: string, deps: CheckinTeamsDependencies): Promise<void> {
  await context.sendActivity(await reportReply(context, query, deps));
}

/** `Status X`: the latest status of a project. */
export async function showLatestStatus(context: TurnContext, query: string, deps: CheckinTeamsDependencies): Promise<void> {
  await context.sendActivity(await statusReply(context, query, deps));
}

/** `Verlauf X` / `history of X`: the last five status updates of a project. */
export async function showHistory(context: TurnContext, query: string, deps: CheckinTeamsDependencies): Promise<void> {
  await context.sendActivity(await historyReply(context, query, deps));
}

/**
 * `checkin.choose`: a project picked on the card that a command's ambiguous (or unknown) name brought up;
 * the command runs for it, and its answer replaces the choice card. Card data is checked: it comes from outside.
 */
export async function chooseProject(context: TurnContext, data: CardData, deps: CheckinTeamsDependencies): Promise<Attachment | string> {
  const { t, log } = turnInfo(context);
  const choice = parseProjectChoice(data);
  if (!choice) {
    log.warn('checkin.choose with invalid data refused');
    return t('ask.invalidChoice');
  }
  const reply = await PROJECT_REPLIES[choice.command](context, { id: choice.id }, deps);
  return cardOrText(reply);
}

async function reportReply(context: TurnContext, query: ProjectQuery, deps: CheckinTeamsDependencies): Promise<Reply> {
  const { person, t } = turnInfo(context);
  const result = await deps.checkins.openForm(person, query);
  if (result.kind === 'form') return deps.cards.message('checkin', checkinFormModel(result.form, viewOf(context, deps.timezone)));
  if (result.kind === 'notAllowed') return t('checkin.report.notAllowed', { project: result.project.title });
  return notFoundReply(result, 'report', context, deps);
}

async function statusReply(context: TurnContext, query: ProjectQuery, deps: CheckinTeamsDependencies): Promise<Reply> {
  const { t } = turnInfo(context);
  const result = await deps.checkins.status(query);
  if (result.kind !== 'found') return notFoundReply(result, 'status', context, deps);
  const { project, latest, author } = result.value;
  if (!latest || !author) return t('checkin.report.noStatus', { project: project.title });
  return deps.cards.message('checkin-summary', latestStatusModel(project.id, project.title, latest, author, viewOf(context, deps.timezone)));
}

async function historyReply(context: TurnContext, query: ProjectQuery, deps: CheckinTeamsDependencies): Promise<Reply> {
  const { t } = turnInfo(context);
  const result = await deps.checkins.history(query);
  if (result.kind !== 'found') return notFoundReply(result, 'history', context, deps);
  if (result.value.entries.length === 0) return t('checkin.history.empty', { project: result.value.project.title });
  return deps.cards.message('checkin-history', historyModel(result.value, viewOf(context, deps.timezone)));
}

/**
 * A name that did not name one project: the projects it fits as buttons that run the same command, as Ask
 * offers them for a question; or, when it fits none, that it is unknown (with "did you mean" buttons if any).
 */
function notFoundReply(result: ProjectNotFound, command: ProjectCommand, context: TurnContext, deps: CheckinTeamsDependencies): Reply {
  const { t } = turnInfo(context);
  const buttons = (projects: readonly ProjectCandidate[]) => projects.map((p) => ({ label: p.title, verb: 'checkin.choose' as const, intent: command, kind: 'project', id: p.id }));
  if (result.kind === 'ambiguousProject') return deps.cards.message('ask-choice', choiceModel(t('ask.ambiguousTitle'), t('ask.ambiguousText'), buttons(result.candidates)));
  const unknown = t('checkin.report.unknownProject', { query: result.query });
  if (result.suggestions.length === 0) return unknown;
  return deps.cards.message('ask-choice', choiceModel(unknown, t('ask.didYouMean'), buttons(result.suggestions)));
}

/**
 * `Status melden` / `Verlauf` without a project (as the app's menu inserts them): the projects the person owns or
 * deputises as buttons that run the command, or how to name one.
 */
export async function askWhichProject(context: TurnContext, command: 'report' | 'history', deps: CheckinTeamsDependencies): Promise<void> {
  const { t, person } = turnInfo(context);
  const directory = await deps.directory.current();
  const own = person ? directory.projects.filter((p) => p.owner === person.email || p.deputy === person.email) : [];
  const title = t(command === 'report' ? 'checkin.which.reportTitle' : 'checkin.which.historyTitle');
  if (own.length === 0) {
    const hint = t(command === 'report' ? 'checkin.which.reportHint' : 'checkin.which.historyHint', { example: directory.projects[0]?.title ?? 'E-Akte' });
    await context.sendActivity(`${title} ${hint}`);
    return;
  }
  const buttons = own.map((p) => ({ label: p.title, verb: 'checkin.choose', intent: command, kind: 'project', id: p.id }));
  await context.sendActivity(deps.cards.message('ask-choice', choiceModel(title, t('checkin.which.yours'), buttons)));
}

/** `abwesend bis` without a date: how to say until when. */
export async function askUntilWhen(context: TurnContext): Promise<void> {
  await context.sendActivity(turnInfo(context).t('checkin.absence.when'));
}

/** `abwesend bis …` / `away until …`. */
export async function setAbsence(context: TurnContext, dateText: string, deps: CheckinTeamsDependencies): Promise<void> {
  const { person, t } = turnInfo(context);
  const result = await deps.checkins.setAbsence(person, dateText);
  if (result.kind === 'set') await context.sendActivity(t('checkin.absence.set', { date: formatLocalDay(result.until, viewOf(context, deps.timezone)) }));
  else await context.sendActivity(t(`checkin.absence.${result.kind}`, { text: dateText }));
}

/** `wieder da` / `back`. */
export async function clearAbsence(context: TurnContext, deps: CheckinTeamsDependencies): Promise<void> {
  const { person, t } = turnInfo(context);
  const result = await deps.checkins.clearAbsence(person);
  await context.sendActivity(t(`checkin.absence.${result.kind}`));
}

/** The card that answers a submit or "no change": the summary when stored, else the form with its errors. */
function answerCard(result: SubmitResult, context: TurnContext, deps: CheckinTeamsDependencies): Attachment {
  const { log } = turnInfo(context);
  const view = viewOf(context, deps.timezone);
  if (result.kind === 'saved') {
    log.info({ projectId: result.saved.answer.projectId, roundId: result.saved.answer.roundId, replaced: result.saved.replaced }, 'check-in answer stored');
    return deps.cards.card('checkin-summary', checkinSummaryModel(result.saved, view));
  }
  log.info({ projectId: result.form.projectId, errors: Object.fromEntries(Object.entries(result.form.errors).map(([k, e]) => [k, e.code])) }, 'check-in answer refused');
  return deps.cards.card('checkin', checkinFormModel(result.form, view));
}

/** `checkin.submit`. */
export async function submitCheckin(context: TurnContext, data: CardData, deps: CheckinTeamsDependencies): Promise<Attachment> {
  return answerCard(await deps.checkins.submit(turnInfo(context).person, data, context.activity.replyToId), context, deps);
}

/** `checkin.unchanged`. */
export async function submitUnchanged(context: TurnContext, data: CardData, deps: CheckinTeamsDependencies): Promise<Attachment> {
  return answerCard(await deps.checkins.unchanged(turnInfo(context).person, data, context.activity.replyToId), context, deps);
}

/** `checkin.edit`: the form again (or, once the round is closed, the answer read-only). */
export async function editCheckin(context: TurnContext, data: CardData, deps: CheckinTeamsDependencies): Promise<Attachment> {
  const result = await deps.checkins.edit(turnInfo(context).person, data);
  if (result.kind === 'form') return deps.cards.card('checkin', checkinFormModel(result.form, viewOf(context, deps.timezone)));
  return answerCard(result, context, deps);
}
