import type { Activity, Attachment, TurnContext } from 'botbuilder';
import type { CardData } from '../../../platform/feature';
import type { ViewContext } from '../../../platform/i18n/format';
import type { CardRenderer } from '../../../platform/teams/cards';
import { cardOrText, turnInfo, viewOf } from '../../../platform/teams/turn';
import type { AgendaDecision, AgendaResult, ProposeResult, PublishResult } from '../domain/agenda';
import type { CancelResult, SaveResult } from '../domain/meetings';
import type { MeetingRules } from '../domain/model';
import type { MeetingService } from '../domain/service';
import './cards';
import { agendaModel, cancelModel, formatWhen, listModel, meetingFormModel, meetingModel, proposalModel, type CalendarLinks } from './views';

/** What the meetings' Teams part needs. */
export interface MeetingTeamsDependencies {
  readonly meetings: MeetingService;
  readonly cards: CardRenderer;
  readonly rules: MeetingRules;
  /** The calendar links (the feed's key is read when a card needs it). */
  links(): Promise<CalendarLinks>;
}

type Reply = Partial<Activity> | string;

/** The coordinators' names, to say who can do what someone may not. */
async function coordinatorNames(deps: MeetingTeamsDependencies): Promise<string> {
  return (await deps.meetings.coordinators()).map((p) => p.name).join(', ');
}

/** Only coordinators may (schedule, change, cancel, decide on the agenda, publish it). */
async function notAllowed(context: TurnContext, deps: MeetingTeamsDependencies): Promise<string> {
  return turnInfo(context).t('meetings.notAllowed', { coordinators: await coordinatorNames(deps) });
}

/** Only people in the directory may (ask about meetings, propose items). */
async function notInDirectory(context: TurnContext, deps: MeetingTeamsDependencies): Promise<string> {
  return turnInfo(context).t('meetings.notInDirectory', { coordinators: await coordinatorNames(deps) });
}

function view(context: TurnContext, deps: MeetingTeamsDependencies): ViewContext {
  return viewOf(context, deps.rules.timezone);
}

/** `Sitzung planen` / `schedule meeting`: the form. */
export async function openMeetingForm(context: TurnContext, deps: MeetingTeamsDependencies): Promise<void> {
  const result = await deps.meetings.openForm(turnInfo(context).person);
  await context.sendActivity(result.kind === 'form' ? deps.cards.message('meeting-form', meetingFormModel(result.form, deps.rules, view(context, deps))) : await notAllowed(context, deps));
}

/** `Sitzung am 18.08.2026 14:00 Kreishaus`: saved at once, or the form with what is wrong next to the fields. */
export async function scheduleFromLine(context: TurnContext, text: string, deps: MeetingTeamsDependencies): Promise<void> {
  await context.sendActivity(await savedReply(context, await deps.meetings.scheduleLine(turnInfo(context).person, text), deps));
}

/** The answer to a save: the meeting as saved (and where it is announced), or the form with its errors. */
async function savedReply(context: TurnContext, result: SaveResult, deps: MeetingTeamsDependencies): Promise<Reply> {
  const { t, log } = turnInfo(context);
  const v = view(context, deps);
  if (result.kind === 'notAllowed') return notAllowed(context, deps);
  if (result.kind === 'invalid') {
    log.info({ errors: Object.fromEntries(Object.entries(result.form.errors).map(([k, e]) => [k, e.code])) }, 'meeting refused');
    return deps.cards.message('meeting-form', meetingFormModel(result.form, deps.rules, v));
  }
  const { series, meeting } = result.view;
  log.info({ seriesId: series.id, meetingId: meeting.id, created: result.created, changes: result.changes }, result.created > 0 ? 'meeting scheduled' : 'meeting changed');
  const heading =
    result.created > 1 ? t('meetings.saved.series', { count: result.created }) : result.created === 1 ? t('meetings.saved.single') : result.changes.length > 0 ? t('meetings.saved.changed') : t('meetings.saved.unchanged');
  const posted = result.created > 0 ? t('meetings.saved.announced') : result.changes.length > 0 ? t('meetings.saved.changePosted') : '';
  const notice = result.announced ? posted : t('meetings.saved.noChannel');
  return deps.cards.message('meeting', meetingModel(result.view, { heading, notice, tone: 'good' }, await deps.links(), v));
}

/** `meeting.save`. */
export async function saveMeeting(context: TurnContext, data: CardData, deps: MeetingTeamsDependencies): Promise<Attachment | string> {
  return cardOrText(await savedReply(context, await deps.meetings.save(turnInfo(context).person, data), deps));
}

/** `meeting.edit`: the form filled in with the meeting. */
export async function editMeeting(context: TurnContext, data: CardData, deps: MeetingTeamsDependencies): Promise<Attachment | string> {
  const { t } = turnInfo(context);
  const result = await deps.meetings.openForm(turnInfo(context).person, typeof data.meetingId === 'string' ? data.meetingId : '');
  if (result.kind === 'form') return deps.cards.card('meeting-form', meetingFormModel(result.form, deps.rules, view(context, deps)));
  return result.kind === 'notAllowed' ? notAllowed(context, deps) : t('meetings.unknownMeeting');
}

/** `meeting.show`: the meeting again (back from the confirmation of a cancellation). */
export async function showMeeting(context: TurnContext, data: CardData, deps: MeetingTeamsDependencies): Promise<Attachment | string> {
  const { t, person } = turnInfo(context);
  const shown = await deps.meetings.show(person, typeof data.meetingId === 'string' ? data.meetingId : '');
  if (!shown) return t('meetings.unknownMeeting');
  return deps.cards.card('meeting', meetingModel(shown, { heading: t('meetings.card.heading'), withAgenda: true }, await deps.links(), view(context, deps)));
}

/** `meeting.cancel`: the confirmation, then the cancellation. */
export async function cancelMeeting(context: TurnContext, data: CardData, deps: MeetingTeamsDependencies): Promise<Attachment | string> {
  const { t, log } = turnInfo(context);
  const result: CancelResult = await deps.meetings.cancel(turnInfo(context).person, data);
  const v = view(context, deps);
  switch (result.kind) {
    case 'confirm':
      return deps.cards.card('meeting-cancel', cancelModel(result.view, v));
    case 'cancelled': {
      log.info({ meetingId: result.view.meeting.id, whole: result.whole, count: result.count }, 'meeting cancelled');
      const heading = result.whole && result.view.series.recurrence !== 'none' ? t('meetings.cancelled.series', { count: result.count }) : t('meetings.cancelled.single');
      const notice = result.view.series.announced ? t('meetings.cancelled.posted') : '';
      return deps.cards.card('meeting', meetingModel(result.view, { heading, notice }, await deps.links(), v));
    }
    case 'alreadyCancelled':
      return deps.cards.card('meeting', meetingModel(result.view, { heading: t('meetings.cancelled.already') }, await deps.links(), v));
    case 'notAllowed':
      return notAllowed(context, deps);
    case 'unknownMeeting':
      return t('meetings.unknownMeeting');
    case 'pastMeeting':
      return t('meetings.errors.pastMeeting');
    case 'conflict':
      return t('meetings.conflict');
  }
}

/** `Nächste Sitzung` / `next meeting`. */
export async function showNextMeeting(context: TurnContext, deps: MeetingTeamsDependencies): Promise<void> {
  const { t, person } = turnInfo(context);
  const result = await deps.meetings.next(person);
  if (result.kind === 'notInDirectory') await context.sendActivity(await notInDirectory(context, deps));
  else if (result.kind === 'none') await context.sendActivity(t('meetings.noMeeting'));
  else await context.sendActivity(deps.cards.message('meeting', meetingModel(result.view, { heading: t('meetings.card.next'), withAgenda: true }, await deps.links(), view(context, deps))));
}

/** `Sitzungen` / `meetings`: the next five. */
export async function showMeetings(context: TurnContext, deps: MeetingTeamsDependencies): Promise<void> {
  const { t, person } = turnInfo(context);
  const result = await deps.meetings.list(person);
  if (result.kind === 'notInDirectory') await context.sendActivity(await notInDirectory(context, deps));
  else if (result.meetings.length === 0) await context.sendActivity(t('meetings.noMeeting'));
  else await context.sendActivity(deps.cards.message('meeting-list', listModel(result.meetings, result.total, await deps.links(), view(context, deps))));
}

/** An agenda result as a reply: the card, or what is wrong. */
async function agendaReply(context: TurnContext, result: AgendaResult, notice: string, deps: MeetingTeamsDependencies): Promise<Reply> {
  const { t } = turnInfo(context);
  switch (result.kind) {
    case 'agenda':
      return deps.cards.message('agenda', agendaModel(result.view, notice, view(context, deps)));
    case 'notInDirectory':
      return notInDirectory(context, deps);
    case 'notAllowed':
      return notAllowed(context, deps);
    default:
      return t(`meetings.agendaProblems.${result.kind}`);
  }
}

/** `Tagesordnung` / `agenda`. */
export async function showAgenda(context: TurnContext, deps: MeetingTeamsDependencies): Promise<void> {
  await context.sendActivity(await agendaReply(context, await deps.meetings.agenda(turnInfo(context).person), '', deps));
}

/** `agenda.accept`, `agenda.reject`, `agenda.up`, `agenda.down`, `agenda.remove`, `agenda.carry`: the agenda updated in place. */
export async function decideOnItem(context: TurnContext, decision: AgendaDecision, data: CardData, deps: MeetingTeamsDependencies): Promise<Attachment | string> {
  const { person, log } = turnInfo(context);
  const result = await deps.meetings.decide(person, decision, data);
  log.info({ decision, outcome: result.kind, itemId: typeof data.itemId === 'string' ? data.itemId.slice(0, 64) : '' }, 'agenda decision');
  return cardOrText(await agendaReply(context, result, '', deps));
}

/** What a publication says. */
function publishText(context: TurnContext, result: PublishResult, deps: MeetingTeamsDependencies): string | undefined {
  const { t } = turnInfo(context);
  if (result.kind === 'published') {
    const when = formatWhen(result.meeting.startAt, result.meeting.endAt, view(context, deps));
    if (!result.posted) return t('meetings.publish.waiting', { when });
    return result.version > 1 ? t('meetings.publish.updated', { when }) : t('meetings.publish.published', { when });
  }
  return result.kind === 'notAllowed' ? undefined : t(`meetings.publish.${result.kind}`);
}

/** `Tagesordnung veröffentlichen` / `publish agenda`. */
export async function publishAgenda(context: TurnContext, deps: MeetingTeamsDependencies): Promise<void> {
  const result = await deps.meetings.publish(turnInfo(context).person);
  await context.sendActivity(publishText(context, result, deps) ?? (await notAllowed(context, deps)));
}

/** `agenda.publish`: published from the agenda card, which comes back with what happened. */
export async function publishFromCard(context: TurnContext, data: CardData, deps: MeetingTeamsDependencies): Promise<Attachment | string> {
  const { person } = turnInfo(context);
  const meetingId = typeof data.meetingId === 'string' ? data.meetingId : '';
  const result = await deps.meetings.publish(person, meetingId);
  const text = publishText(context, result, deps);
  if (text === undefined) return notAllowed(context, deps);
  return cardOrText(await agendaReply(context, await deps.meetings.agenda(person, meetingId), text, deps));
}

/** `TOP vorschlagen: …` / `propose agenda item: …` (without a title: the form). */
export async function proposeItem(context: TurnContext, title: string, deps: MeetingTeamsDependencies): Promise<void> {
  const { person } = turnInfo(context);
  if (!person) {
    await context.sendActivity(await notInDirectory(context, deps));
    return;
  }
  if (title === '') {
    const form = await deps.meetings.proposalForm();
    if (form.meetings.length === 0) await context.sendActivity(turnInfo(context).t('meetings.proposal.noMeeting'));
    else await context.sendActivity(deps.cards.message('agenda-proposal', proposalModel(form, undefined, view(context, deps))));
    return;
  }
  await context.sendActivity(await proposedReply(context, await deps.meetings.propose(person, { title }), deps, 'text'));
}

/** `agenda.propose`: the form submitted; it turns into its confirmation, or comes back with the errors. */
export async function proposeFromCard(context: TurnContext, data: CardData, deps: MeetingTeamsDependencies): Promise<Attachment | string> {
  return cardOrText(await proposedReply(context, await deps.meetings.propose(turnInfo(context).person, data), deps, 'card'));
}

async function proposedReply(context: TurnContext, result: ProposeResult, deps: MeetingTeamsDependencies, from: 'text' | 'card'): Promise<Reply> {
  const { t, log } = turnInfo(context);
  const v = view(context, deps);
  switch (result.kind) {
    case 'proposed': {
      log.info({ meetingId: result.meeting.id, itemId: result.item.id }, 'agenda item proposed');
      if (from === 'card') return deps.cards.message('agenda-proposal', proposalModel(await deps.meetings.proposalForm(), { title: result.item.title, meeting: result.meeting }, v));
      return t('meetings.proposal.thanks', { title: result.item.title, when: formatWhen(result.meeting.startAt, result.meeting.endAt, v) });
    }
    case 'invalid': {
      const [first] = Object.values(result.form.errors);
      if (from === 'card') return deps.cards.message('agenda-proposal', proposalModel(result.form, undefined, v));
      return first ? t(`meetings.proposal.errors.${first.code}`, { ...first.params }) : t('meetings.proposal.errors.required');
    }
    case 'noMeeting':
      return t('meetings.proposal.noMeeting');
    case 'notInDirectory':
      return notInDirectory(context, deps);
  }
}
