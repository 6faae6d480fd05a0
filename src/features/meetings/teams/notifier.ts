import type { Locale } from '../../../platform/config';
import { deliveryId, type Outbox, type Recipient } from '../../../platform/delivery/outbox';
import type { Person } from '../../../platform/directory/model';
import { translator } from '../../../platform/i18n';
import type { ViewContext } from '../../../platform/i18n/format';
import type { Logger } from '../../../platform/logger';
import type { CardRenderer } from '../../../platform/teams/cards';
import type { AgendaEntry } from '../domain/agenda';
import type { Meeting, ReminderOffset, Series } from '../domain/model';
import type { HomeChannel, MeetingChange, MeetingNotifier } from '../domain/notifier';
import { cancelText, changeText, describeOffset, formatWhen, meetingModel, publishedModel, type CalendarLinks } from './views';

const ANNOUNCEMENT = 'announcement';

/** The outbox batch of a series: its announcement and everything in its thread (`npm run cli -- deliveries`). */
function seriesBatch(series: Series): string {
  return `meeting-${series.id}`;
}

/**
 * Meetings on the outbox. Posts in the home channel are written in the group's default language; notes to
 * coordinators in theirs. Each message is keyed so that it is sent once, whoever asks again:
 * - `announcement`: the series' new post in the home channel; every other post of the series is a reply in its
 *   thread (a `threadOf` recipient, which waits until the announcement is sent);
 * - `change:{meeting}:{sequence}`, `cancel:{meeting or series}:{sequence}`: what changed, by the series' SEQUENCE;
 * - `reminder:{meeting}:{offset}:{start}`: one reminder per meeting, offset and start time;
 * - `agenda:{meeting}:{fingerprint}`: one post per published version of an agenda;
 * - `unposted:{meeting}:{offset}:{start}:{e-mail}`: a coordinator told that a reminder could not be posted.
 */
export class OutboxMeetingNotifier implements MeetingNotifier {
  constructor(
    private readonly deps: {
      readonly outbox: Outbox;
      readonly cards: CardRenderer;
      /** The group's default language, for the home channel. */
      readonly view: ViewContext;
      readonly links: () => Promise<CalendarLinks>;
      readonly localeOf: (email: string) => Promise<Locale>;
      readonly logger: Logger;
    },
  ) {}

  private thread(series: Series): Recipient {
    return { kind: 'threadOf', deliveryId: deliveryId(seriesBatch(series), ANNOUNCEMENT) };
  }

  private async post(series: Series, key: string, payload: Record<string, unknown>): Promise<void> {
    await this.deps.outbox.enqueue({ batch: seriesBatch(series), key, recipient: this.thread(series), payload });
  }

  /** The announcement's card: the series' first meeting ahead, and its rule. */
  private async announcementPayload(series: Series, meetings: readonly Meeting[]) {
    const { view } = this.deps;
    const shown = meetings.find((m) => m.status === 'scheduled') ?? meetings[0];
    if (!shown) return undefined;
    const heading = series.status === 'cancelled' ? view.t('meetings.post.headingCancelled') : series.recurrence === 'none' ? view.t('meetings.post.heading') : view.t('meetings.post.headingSeries');
    const model = meetingModel({ meeting: shown, series, agenda: [], canManage: false }, { heading }, await this.deps.links(), view);
    return this.deps.cards.payload('meeting', model);
  }

  async announce(series: Series, meetings: readonly Meeting[], channel: HomeChannel): Promise<void> {
    const payload = await this.announcementPayload(series, meetings);
    if (!payload) return;
    await this.deps.outbox.enqueue({ batch: seriesBatch(series), key: ANNOUNCEMENT, recipient: { kind: 'channel', teamId: channel.teamId, channelId: channel.conversationId }, payload });
    this.deps.logger.info({ seriesId: series.id }, 'meeting announcement queued for the home channel');
  }

  async refreshAnnouncement(series: Series, meetings: readonly Meeting[]): Promise<void> {
    const payload = await this.announcementPayload(series, meetings);
    if (payload) await this.deps.outbox.update(deliveryId(seriesBatch(series), ANNOUNCEMENT), payload);
  }

  async changed(series: Series, before: Meeting, after: Meeting, changes: readonly MeetingChange[]): Promise<void> {
    await this.post(series, `change:${after.id}:${series.sequence}`, { type: 'message', text: changeText(before, after, changes, this.deps.view) });
  }

  async cancelled(series: Series, meetings: readonly Meeting[], whole: boolean): Promise<void> {
    const what = whole ? 'series' : (meetings[0]?.id ?? 'series');
    await this.post(series, `cancel:${what}:${series.sequence}`, { type: 'message', text: cancelText(series, meetings, whole, this.deps.view) });
  }

  async reminder(series: Series, meeting: Meeting, offset: ReminderOffset, agenda: readonly AgendaEntry[]): Promise<void> {
    const { view } = this.deps;
    const heading = view.t('meetings.post.reminder', { when: describeOffset(offset, view) });
    const model = meetingModel({ meeting, series, agenda, canManage: false }, { heading, withAgenda: true }, await this.deps.links(), view);
    await this.post(series, `reminder:${meeting.id}:${offset.label}:${meeting.startAt.getTime()}`, this.deps.cards.payload('meeting', model));
  }

  async agenda(series: Series, meeting: Meeting, agenda: readonly AgendaEntry[], version: number): Promise<void> {
    await this.post(series, `agenda:${meeting.id}:${meeting.agendaFingerprint}`, this.deps.cards.payload('agenda-published', publishedModel(series, meeting, agenda, version, this.deps.view)));
  }

  async reminderNotPosted(series: Series, meeting: Meeting, offset: ReminderOffset, coordinators: readonly Person[]): Promise<void> {
    this.deps.logger.warn({ seriesId: series.id, meetingId: meeting.id, offset: offset.label }, 'meeting reminder not posted: the group has no home channel');
    for (const coordinator of coordinators) {
      const locale = await this.deps.localeOf(coordinator.email);
      const view = locale === this.deps.view.locale ? this.deps.view : { ...this.deps.view, locale, t: translator(locale) };
      const text = view.t('meetings.post.notPosted', { title: meeting.title, when: formatWhen(meeting.startAt, meeting.endAt, view) });
      await this.deps.outbox.enqueue({
        batch: seriesBatch(series),
        key: `unposted:${meeting.id}:${offset.label}:${meeting.startAt.getTime()}:${coordinator.email}`,
        recipient: { kind: 'person', email: coordinator.email },
        payload: { type: 'message', text },
      });
    }
  }
}
