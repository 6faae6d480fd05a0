import type { JobRegistration } from '../../platform/feature';
import type { Jobs } from '../../platform/scheduler/jobs';
import type { Radar } from './domain/radar';
import { TREND_ID } from './domain/model';
import { POSTED_JOB, type TrendService } from './domain/service';

/** The recurring check of the feeds (job id and handler name). */
export const FEED_CHECK_JOB = 'feeds.check';

/**
 * Trend notes on the scheduler: the look at a note's channel post after it was handed to the outbox, and the
 * recurring check of the feeds.
 */
export function trendJobs(trends: TrendService, radar: Radar): JobRegistration[] {
  return [
    {
      handler: FEED_CHECK_JOB,
      run: async ({ occurrence, log }) => {
        // A feed that fails is recorded with its error (`feeds list`) and tried again at the next check.
        const summary = await radar.check(occurrence, (feed, message) => log.warn({ feedId: feed.id, url: feed.url, error: message }, 'feed could not be read'));
        log.info({ ...summary }, 'feeds checked');
      },
    },
    {
      handler: POSTED_JOB,
      run: async ({ payload, log }) => {
        const { trendId, attempt } = payload;
        if (typeof trendId !== 'string' || !TREND_ID.test(trendId) || typeof attempt !== 'number') throw new Error(`job payload is not a trend's: ${JSON.stringify(payload)}`);
        const outcome = await trends.checkPosted(trendId, attempt);
        log.info({ trendId, attempt, outcome }, 'trend post looked after');
      },
    },
  ];
}

/** At every start: the feed check (re)planned from `FEEDS_CHECK_MINUTES`. */
export async function planFeedCheck(jobs: Jobs, cron: string): Promise<void> {
  await jobs.scheduleRecurring({ id: FEED_CHECK_JOB, handler: FEED_CHECK_JOB, cron });
}
