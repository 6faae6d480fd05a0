import type { Attachment, TurnContext } from 'botbuilder';
import type { CardData, SubmitResult } from '../../domain/checkins/answers';
import { addressOf } from '../conversation-address';
import { checkinFormModel, checkinSummaryModel, describeStart, digestModel, formatLocalDay, historyModel, latestStatusModel, type ViewContext } from '../checkin-views';
import type { BotDependencies } from '../dependencies';
import { turnInfo } from '../turn';

function viewOf(context: TurnContext, deps: BotDependencies): ViewContext {
  const { t, locale } = turnInfo(context);
  return { t, locale, timezone: deps.config.timezone };
}

/**
 * `Check-in starten` / `start check-in`: starts the round and confirms it to the coordinator with the counts;
 * the round's send job hands the cards to the outbox right after.
 */
export async function startCheckinRound(context: TurnContext, deps: BotDependencies): Promise<void> {
  const { person, log, t } = turnInfo(context);
  const result = await deps.checkins.startRound({ kind: 'person', email: person?.email ?? '' }, person);
  const text = describeStart(result, viewOf(context, deps));
  if (result.kind === 'started') log.info({ roundId: result.summary.round.id, projects: result.summary.projects, people: result.summary.people }, 'check-in round started');
  await context.sendActivity(result.kind === 'started' ? `${text} ${t('checkinRounds.sendingNow')}` : text);
}

/** `Stand der Runde` / `round status`: the live digest, for coordinators. */
export async function showRoundStatus(context: TurnContext, deps: BotDependencies): Promise<void> {
  const { person, t } = turnInfo(context);
  const result = await deps.checkins.roundStatus(person);
  if (result.kind === 'notAllowed') await context.sendActivity(t('checkin.round.statusNotAllowed'));
  else if (result.kind === 'noRound') await context.sendActivity(t('checkin.round.noRound'));
  else await context.sendActivity(deps.cards.message('checkin-digest', digestModel(result.digest, viewOf(context, deps))));
}

/** `Status melden X` / `update X`: the check-in form for a project. */
export async function openCheckinForm(context: TurnContext, query: string, deps: BotDependencies): Promise<void> {
  const { person, t } = turnInfo(context);
  const result = await deps.checkins.openForm(person, query);
  if (result.kind === 'unknownProject') await context.sendActivity(t('checkin.report.unknownProject', { query }));
  else if (result.kind === 'notAllowed') await context.sendActivity(t('checkin.report.notAllowed', { project: result.project.title }));
  else await context.sendActivity(deps.cards.message('checkin', checkinFormModel(result.form, viewOf(context, deps))));
}

/** `Status X`: the latest status of a project. */
export async function showLatestStatus(context: TurnContext, query: string, deps: BotDependencies): Promise<void> {
  const { t } = turnInfo(context);
  const result = await deps.checkins.status(query);
  if (result.kind === 'unknownProject') {
    await context.sendActivity(t('checkin.report.unknownProject', { query }));
    return;
  }
  const { project, latest, author } = result.value;
  if (!latest || !author) await context.sendActivity(t('checkin.report.noStatus', { project: project.title }));
  else await context.sendActivity(deps.cards.message('checkin-summary', latestStatusModel(project.id, project.title, latest, author, viewOf(context, deps))));
}

/** `Verlauf X` / `history of X`: the last five status updates of a project. */
export async function showHistory(context: TurnContext, query: string, deps: BotDependencies): Promise<void> {
  const { t } = turnInfo(context);
  const result = await deps.checkins.history(query);
  if (result.kind === 'unknownProject') await context.sendActivity(t('checkin.report.unknownProject', { query }));
  else if (result.value.entries.length === 0) await context.sendActivity(t('checkin.history.empty', { project: result.value.project.title }));
  else await context.sendActivity(deps.cards.message('checkin-history', historyModel(result.value, viewOf(context, deps))));
}

/** `abwesend bis …` / `away until …`. */
export async function setAbsence(context: TurnContext, dateText: string, deps: BotDependencies): Promise<void> {
  const { person, t } = turnInfo(context);
  const result = await deps.checkins.setAbsence(person, dateText);
  if (result.kind === 'set') await context.sendActivity(t('checkin.absence.set', { date: formatLocalDay(result.until, viewOf(context, deps)) }));
  else await context.sendActivity(t(`checkin.absence.${result.kind}`, { text: dateText }));
}

/** `wieder da` / `back`. */
export async function clearAbsence(context: TurnContext, deps: BotDependencies): Promise<void> {
  const { person, t } = turnInfo(context);
  const result = await deps.checkins.clearAbsence(person);
  await context.sendActivity(t(`checkin.absence.${result.kind}`));
}

/** `@Kümmerer hier posten` / `post here`: the group's home channel. */
export async function setHomeChannel(context: TurnContext, deps: BotDependencies): Promise<void> {
  const { person, t, log } = turnInfo(context);
  const address = addressOf(context.activity, deps.now());
  const result = await deps.checkins.setHomeChannel(person, { scope: address.scope, conversationId: address.conversationId, teamId: address.teamId });
  if (result.kind === 'set') log.info({ conversationId: address.conversationId }, 'home channel set');
  await context.sendActivity(t(`checkin.homeChannel.${result.kind}`));
}

/** The card that answers a submit or "no change": the summary when stored, else the form with its errors. */
function answerCard(result: SubmitResult, context: TurnContext, deps: BotDependencies): Attachment {
  const { log } = turnInfo(context);
  const view = viewOf(context, deps);
  if (result.kind === 'saved') {
    log.info({ projectId: result.saved.answer.projectId, roundId: result.saved.answer.roundId, replaced: result.saved.replaced }, 'check-in answer stored');
    return deps.cards.card('checkin-summary', checkinSummaryModel(result.saved, view));
  }
  log.info({ projectId: result.form.projectId, errors: Object.fromEntries(Object.entries(result.form.errors).map(([k, e]) => [k, e.code])) }, 'check-in answer refused');
  return deps.cards.card('checkin', checkinFormModel(result.form, view));
}

/** `checkin.submit`. */
export async function submitCheckin(context: TurnContext, data: CardData, deps: BotDependencies): Promise<Attachment> {
  return answerCard(await deps.checkins.submit(turnInfo(context).person, data, context.activity.replyToId), context, deps);
}

/** `checkin.unchanged`. */
export async function submitUnchanged(context: TurnContext, data: CardData, deps: BotDependencies): Promise<Attachment> {
  return answerCard(await deps.checkins.unchanged(turnInfo(context).person, data, context.activity.replyToId), context, deps);
}

/** `checkin.edit`: the form again (or, once the round is closed, the answer read-only). */
export async function editCheckin(context: TurnContext, data: CardData, deps: BotDependencies): Promise<Attachment> {
  const result = await deps.checkins.edit(turnInfo(context).person, data);
  if (result.kind === 'form') return deps.cards.card('checkin', checkinFormModel(result.form, viewOf(context, deps)));
  return answerCard(result, context, deps);
}
