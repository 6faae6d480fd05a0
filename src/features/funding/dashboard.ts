import { translator } from '../../platform/i18n';
import { withinDays, type ApiDuePanel, type DuePanelSource, type DueRequest } from '../dashboard';
import { deadlineInstant } from './domain/deadline';
import type { FundingCallRepository } from './domain/repositories';

/**
 * The dashboard's panel of funding deadlines: the open calls whose deadline is within the next
 * `DASHBOARD_DEADLINE_DAYS`, soonest first, each with its programme and its link. Rolling calls have no deadline
 * to show.
 */
export class FundingDuePanels implements DuePanelSource {
  constructor(
    private readonly calls: Pick<FundingCallRepository, 'list'>,
    private readonly timezone: string,
  ) {}

  async duePanels({ locale, now, horizonDays }: DueRequest): Promise<readonly ApiDuePanel[]> {
    const t = translator(locale);
    const due = (await this.calls.list())
      .filter((call) => call.status === 'open')
      .map((call) => ({ call, at: deadlineInstant(call.deadline, this.timezone) }))
      .filter((c): c is { call: typeof c.call; at: Date } => c.at !== undefined && withinDays(c.at, now, horizonDays))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    return [
      {
        key: 'funding.deadlines',
        title: t('funding.dashboard.title', { days: horizonDays }),
        empty: t('funding.dashboard.none', { days: horizonDays }),
        coordinatorOnly: false,
        items: due.map(({ call, at }) => ({
          title: call.title,
          ...(call.programme || call.funder ? { detail: [call.programme, call.funder].filter(Boolean).join(' · ') } : {}),
          at: at.toISOString(),
          ...(/^https:\/\//i.test(call.link) ? { url: call.link } : {}),
        })),
      },
    ];
  }
}
