import type { MeetingContext } from './context';
import { isUpcoming, type Meeting, type Series } from './model';

/** A meeting with its series. */
export interface ScheduledMeeting {
  readonly meeting: Meeting;
  readonly series: Series;
}

/** The meetings that are ahead or running, not cancelled, by start; each with its series. */
export async function upcomingMeetings(ctx: MeetingContext): Promise<ScheduledMeeting[]> {
  const now = ctx.now();
  const meetings = (await ctx.repos.meetings.endingAfter(now)).filter((m) => isUpcoming(m, now));
  const series = await seriesById(ctx, meetings);
  return meetings.flatMap((meeting) => {
    const s = series.get(meeting.seriesId);
    return s && s.status === 'scheduled' ? [{ meeting, series: s }] : [];
  });
}

/** The series of these meetings, each read once. */
export async function seriesById(ctx: MeetingContext, meetings: readonly Meeting[]): Promise<Map<string, Series>> {
  const ids = [...new Set(meetings.map((m) => m.seriesId))];
  const read = await Promise.all(ids.map((id) => ctx.repos.meetings.series(id)));
  return new Map(read.flatMap((s) => (s ? [[s.value.id, s.value] as const] : [])));
}

/** A meeting with its series by the meeting's id (from card data: checked to be one of ours first). */
export async function meetingById(ctx: MeetingContext, meetingId: string): Promise<ScheduledMeeting | undefined> {
  const meeting = await ctx.repos.meetings.meeting(meetingId);
  const series = meeting && (await ctx.repos.meetings.series(meeting.value.seriesId));
  return meeting && series ? { meeting: meeting.value, series: series.value } : undefined;
}
