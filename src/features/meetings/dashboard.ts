import type { Locale } from '../../platform/config';
import { formatNumber } from '../../platform/i18n/format';
import { translator, type Translate } from '../../platform/i18n';
import type { ApiDueItem, ApiDuePanel, DuePanelSource, DueRequest } from '../dashboard';
import { agendaEntries } from './domain/agenda';
import type { MeetingService } from './domain/service';

/**
 * The dashboard's panel of the next meeting: the meeting (when, where, its calendar file as a path on this
 * server, the online link) and its accepted agenda items in order, as `Nächste Sitzung` shows them.
 */
export class MeetingDuePanels implements DuePanelSource {
  constructor(private readonly meetings: MeetingService) {}

  async duePanels({ locale }: DueRequest): Promise<readonly ApiDuePanel[]> {
    const t = translator(locale);
    const [next] = await this.meetings.upcoming();
    const panel = { key: 'meetings.next', title: t('meetings.dashboard.title'), empty: t('meetings.dashboard.none'), coordinatorOnly: false };
    if (!next) return [{ ...panel, items: [] }];
    const { meeting, series } = next;
    const agenda = await agendaEntries(this.meetings.context, meeting);
    const items: ApiDueItem[] = [
      {
        title: meeting.title,
        ...(meeting.place ? { detail: meeting.place } : {}),
        at: meeting.startAt.toISOString(),
        url: `/meetings/${series.id}.ics?key=${series.calendarKey}`,
      },
      ...(meeting.link ? [{ title: t('meetings.dashboard.join'), url: meeting.link }] : []),
      ...agenda.map((entry, i) => ({
        title: t('meetings.dashboard.item', { number: i + 1, title: entry.item.title }),
        detail: itemDetail(entry.item.minutes, entry.project?.title, t, locale),
        ...(entry.startsAt ? { at: entry.startsAt.toISOString() } : {}),
      })),
    ];
    return [{ ...panel, items }];
  }
}

function itemDetail(minutes: number, project: string | undefined, t: Translate, locale: Locale): string {
  const length = t('meetings.dashboard.minutes', { minutes: formatNumber(minutes, { locale }) });
  return project ? `${length} · ${project}` : length;
}
