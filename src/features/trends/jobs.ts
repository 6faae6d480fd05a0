import type { JobRegistration } from '../../platform/feature';
import { TREND_ID } from './domain/model';
import { POSTED_JOB, type TrendService } from './domain/service';

/** Trend notes on the scheduler: the look at a note's channel post after it was handed to the outbox. */
export function trendJobs(trends: TrendService): JobRegistration[] {
  return [
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
