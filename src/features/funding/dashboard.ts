import { translator } from '../../platform/i18n';
import type { ApiDuePanel, DuePanelSource, DueRequest } from '../dashboard';
import type { ListedCall } from './domain/questions';

/**
 * The dashboard's panel of funding deadlines: the open calls whose deadline is within the next
 * `DASHBOARD_DEADLINE_DAYS`, soonest first — the same calls „Förderfristen“ lists for its 60 days — each with its
 * programme and its link. Rolling calls have no deadline to show.
 */
export class FundingDuePanels implements DuePanelSource {
  constructor(private readonly funding: { dueWithin(days: number): Promise<readonly ListedCall[]> }) {}

  async duePanels({ locale, horizonDays }: DueRequest): Promise<readonly ApiDuePanel[]> {
    const t = translator(locale);
    const due = await this.funding.dueWithin(horizonDays);
    return [
      {
        key: 'funding.deadlines',
        title: t('funding.dashboard.title', { days: horizonDays }),
        empty: t('funding.dashboard.none', { days: horizonDays }),
        coordinatorOnly: false,
        items: due.map(({ call, deadline }) => ({
          title: call.title,
          ...(call.programme || call.funder ? { detail: [call.programme, call.funder].filter(Boolean).join(' · ') } : {}),
          ...(deadline ? { at: deadline.toISOString() } : {}),
          ...(/^https:\/\//i.test(call.link) ? { url: call.link } : {}),
        })),
      },
    ];
  }
}
