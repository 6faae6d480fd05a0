import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { JobRepository, JobRun } from '../domain/jobs';
import { describeRecipient, type Delivery, type DeliveryRepository } from '../domain/outbox';
import type { MessageKey, Translate } from '../i18n';
import { nextOccurrence } from '../scheduler/schedule';
import type { CliOutput } from './main';

/** At most this many deliveries are listed; the rest are counted. */
const LIST_LIMIT = 200;
const RECENT_RUNS = 5;

/** Dates in the configured time zone, the German way. */
function formatTime(iso: string, timezone: string): string {
  return format(new TZDate(iso, timezone), 'dd.MM.yyyy HH:mm:ss');
}

/** A reason in the reader's language: a known Teams code or unreachable reason, else the code as Teams sent it. */
function reasonOf(delivery: Delivery, t: Translate): string {
  const known = t(`proactive.reasons.${delivery.errorCode}` as MessageKey);
  return known === `proactive.reasons.${delivery.errorCode}` || !delivery.errorCode ? t('proactive.reasons.other', { code: delivery.errorCode || delivery.lastError }) : known;
}

/**
 * `npm run cli -- deliveries`: pending and sending deliveries with their next attempt and last error, failed
 * and unreachable ones with their reason, oldest first.
 */
export async function listDeliveries(deliveries: DeliveryRepository, timezone: string, t: Translate, output: CliOutput): Promise<number> {
  const listed = await deliveries.listForReport(LIST_LIMIT + 1);
  if (listed.length === 0) {
    output.out(t('proactive.cli.deliveriesNone'));
    return 0;
  }
  const shown = listed.slice(0, LIST_LIMIT);
  output.out(t('proactive.cli.deliveriesTitle', { count: shown.length }));
  for (const delivery of shown) {
    let detail = '';
    if (delivery.status === 'pending' || delivery.status === 'sending') {
      if (delivery.status === 'pending') detail += t('proactive.cli.nextAttempt', { time: formatTime(delivery.nextAttemptAt, timezone) });
      if (delivery.lastError) detail += t('proactive.cli.lastError', { error: delivery.lastError });
    } else {
      detail += t('proactive.cli.reason', { reason: reasonOf(delivery, t) });
      if (delivery.status === 'failed' && delivery.lastError) detail += t('proactive.cli.lastError', { error: delivery.lastError });
    }
    output.out(
      t('proactive.cli.delivery', {
        status: t(`proactive.status.${delivery.status}` as MessageKey),
        id: delivery.id,
        recipient: describeRecipient(delivery.recipient),
        attempts: delivery.attempts,
        detail,
      }),
    );
  }
  if (listed.length > LIST_LIMIT) output.out(t('proactive.cli.more', { count: listed.length - LIST_LIMIT }));
  return 0;
}

/** `npm run cli -- jobs`: each job with its schedule and next occurrence, and its latest runs. */
export async function listJobs(jobs: JobRepository, timezone: string, t: Translate, output: CliOutput): Promise<number> {
  const all = await jobs.listJobs();
  if (all.length === 0) {
    output.out(t('proactive.cli.jobsNone'));
    return 0;
  }
  for (const { value: job } of all) {
    const schedule =
      job.schedule.kind === 'cron'
        ? t('proactive.cli.cron', { cron: job.schedule.cron, timezone: job.schedule.timezone ?? timezone })
        : t('proactive.cli.once', { time: formatTime(job.schedule.at, timezone) });
    const next = job.completedAt ? undefined : nextOccurrence(job.schedule, new Date(job.cursor), timezone);
    output.out(t('proactive.cli.job', { id: job.id, handler: job.handler, schedule, next: next ? formatTime(next.toISOString(), timezone) : t('proactive.cli.noNext') }));
    const runs = await jobs.listRuns(job.id, RECENT_RUNS);
    if (runs.length === 0) output.out(t('proactive.cli.neverRun'));
    for (const run of runs) output.out(describeRun(run, timezone, t));
  }
  return 0;
}

function describeRun(run: JobRun, timezone: string, t: Translate): string {
  return t('proactive.cli.run', {
    occurrence: formatTime(run.occurrence, timezone),
    status: t(`proactive.runStatus.${run.status}` as MessageKey),
    instance: run.instance,
    detail: run.error ? t('proactive.cli.runError', { error: run.error }) : '',
  });
}
