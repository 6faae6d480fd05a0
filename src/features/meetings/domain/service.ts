import { isCoordinator, type Person } from '../../../platform/directory/model';
import type { HomeChannel } from '../../../platform/storage/group-settings-repository';
import { decide, projectAgenda, proposalForm, propose, publish, showAgenda, type AgendaDecision } from './agenda';
import { feedCalendar, feedKey, rotateFeedKey, rotateSeriesKey, seriesCalendar } from './calendar-access';
import { newCalendarKey, newSeriesId, type MeetingContext } from './context';
import type { CardData } from './form';
import { announceWaiting, cancelMeeting, listMeetings, nextMeeting, openMeetingForm, saveMeeting, scheduleLine, showMeeting } from './meetings';
import { upcomingMeetings } from './queries';
import { planUpcomingReminders, runReminder } from './reminders';

type ServiceContext = Omit<MeetingContext, 'newId' | 'newKey'> & Partial<Pick<MeetingContext, 'newId' | 'newKey'>>;

/**
 * The meeting use cases bound to their context, as the feature's Teams part, its HTTP routes, the scheduler and
 * the command line call them. Each returns what happened as data; the caller renders it.
 */
export function createMeetingService(context: ServiceContext) {
  const ctx: MeetingContext = { newId: newSeriesId, newKey: newCalendarKey, ...context };
  return {
    context: ctx,
    openForm: (actor: Person | undefined, meetingId?: string) => openMeetingForm(ctx, actor, meetingId),
    save: (actor: Person | undefined, data: CardData) => saveMeeting(ctx, actor, data),
    scheduleLine: (actor: Person | undefined, text: string) => scheduleLine(ctx, actor, text),
    cancel: (actor: Person | undefined, data: CardData) => cancelMeeting(ctx, actor, data),
    show: (actor: Person | undefined, meetingId: string) => showMeeting(ctx, actor, meetingId),
    next: (actor: Person | undefined) => nextMeeting(ctx, actor),
    list: (actor: Person | undefined) => listMeetings(ctx, actor),
    upcoming: () => upcomingMeetings(ctx),
    agenda: (actor: Person | undefined, meetingId?: string) => showAgenda(ctx, actor, meetingId),
    decide: (actor: Person | undefined, decision: AgendaDecision, data: CardData) => decide(ctx, actor, decision, data),
    proposalForm: () => proposalForm(ctx),
    projectAgenda: (projectId: string) => projectAgenda(ctx, projectId),
    propose: (actor: Person | undefined, data: CardData) => propose(ctx, actor, data),
    publish: (actor: Person | undefined, meetingId?: string) => publish(ctx, actor, meetingId),
    homeChannelSet: (channel: HomeChannel) => announceWaiting(ctx, channel),
    /** What waits for the home channel, announced if it is set (at the start and daily: a save that failed after storing). */
    announceWaiting: async () => {
      const channel = await ctx.repos.groupSettings.homeChannel();
      return channel ? announceWaiting(ctx, channel) : 0;
    },
    runReminder: (payload: Readonly<Record<string, unknown>>) => runReminder(ctx, payload),
    planReminders: () => planUpcomingReminders(ctx),
    feedKey: () => feedKey(ctx),
    seriesCalendar: (seriesId: string, key: string) => seriesCalendar(ctx, seriesId, key),
    feedCalendar: (key: string) => feedCalendar(ctx, key),
    rotateFeedKey: () => rotateFeedKey(ctx),
    rotateSeriesKey: (seriesId: string) => rotateSeriesKey(ctx, seriesId),
    coordinators: async () => (await ctx.repos.people.list()).filter(isCoordinator),
  };
}

export type MeetingService = ReturnType<typeof createMeetingService>;
