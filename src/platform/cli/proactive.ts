import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { ROLES, type Person, type Role } from '../directory/model';
import type { JobRepository, JobRun } from '../scheduler/jobs';
import { describeRecipient, isBatchName, newDelivery, validateOutboxItem, type Delivery, type DeliveryRepository } from '../delivery/outbox';
import type { PersonRepository } from '../directory/repositories';
import type { MessageKey, Translate } from '../i18n';
import { nextDue } from '../scheduler/schedule';
import type { CliOutput } from '../feature';

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
 * and unreachable ones with their reason, oldest first; then the deliveries sent again after a crash, which are
 * uncertain (they may have arrived twice).
 */
export async function listDeliveries(deliveries: DeliveryRepository, timezone: string, t: Translate, output: CliOutput): Promise<number> {
  const listed = await deliveries.listForReport(LIST_LIMIT + 1);
  const open = listed.filter((d) => d.status !== 'sent');
  const uncertain = listed.filter((d) => d.status === 'sent');
  if (listed.length === 0) {
    output.out(t('proactive.cli.deliveriesNone'));
    return 0;
  }
  const line = (delivery: Delivery, status: string, detail: string) =>
    t('proactive.cli.delivery', { status, id: delivery.id, recipient: describeRecipient(delivery.recipient), attempts: delivery.attempts, detail });
  const shownOpen = open.slice(0, LIST_LIMIT);
  if (shownOpen.length > 0) output.out(t('proactive.cli.deliveriesTitle', { count: shownOpen.length }));
  for (const delivery of shownOpen) {
    let detail = '';
    if (delivery.status === 'pending' || delivery.status === 'sending') {
      if (delivery.status === 'pending') detail += t('proactive.cli.nextAttempt', { time: formatTime(delivery.nextAttemptAt, timezone) });
      if (delivery.lastError) detail += t('proactive.cli.lastError', { error: delivery.lastError });
    } else {
      detail += t('proactive.cli.reason', { reason: reasonOf(delivery, t) });
      if (delivery.status === 'failed' && delivery.lastError) detail += t('proactive.cli.lastError', { error: delivery.lastError });
    }
    if (delivery.uncertain) detail += t('proactive.cli.uncertainNote');
    output.out(line(delivery, t(`proactive.status.${delivery.status}` as MessageKey), detail));
  }
  const shownUncertain = uncertain.slice(0, LIST_LIMIT - shownOpen.length);
  if (shownUncertain.length > 0) output.out(t('proactive.cli.uncertainTitle', { count: shownUncertain.length }));
  for (const delivery of shownUncertain) output.out(line(delivery, t('proactive.status.uncertain'), t('proactive.cli.sentAt', { time: formatTime(delivery.sentAt, timezone) })));
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
    const next = nextDue(job, timezone);
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

/** The longest text `send` accepts (Teams shows long texts, but a notice is short). */
const MAX_TEXT = 4_000;

/** The value after a `--name` option, if given. */
function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

/**
 * `npm run cli -- send --to all|ROLE|EMAIL[,EMAIL…] --text TEXT [--batch NAME]`: queues a plain text message to
 * people of the directory in their 1:1 chat. The CLI only writes the outbox; the running bot's delivery
 * pipeline finds the deliveries at its next sweep and sends them within Teams' limits. Repeating the command
 * with the same batch sends nothing twice. Everything is checked first: an unknown address queues nothing.
 */
export async function queueMessage(
  deps: { people: PersonRepository; deliveries: DeliveryRepository; now: Date; sweepSeconds: number },
  argv: readonly string[],
  t: Translate,
  output: CliOutput,
): Promise<number> {
  const text = (option(argv, 'text') ?? '').trim();
  if (text === '' || text.length > MAX_TEXT) {
    output.err(t('proactive.cli.sendNoText', { max: MAX_TEXT }));
    return 2;
  }
  const batch = option(argv, 'batch') ?? `cli-${deps.now.toISOString().replace(/[^0-9]/g, '').slice(0, 14)}`;
  if (!isBatchName(batch)) {
    output.err(t('proactive.cli.sendBadBatch', { batch }));
    return 2;
  }
  const to = (option(argv, 'to') ?? '').trim().toLowerCase();
  const people = await deps.people.list();
  let chosen: Person[];
  if (to === 'all') chosen = people;
  else if ((ROLES as readonly string[]).includes(to)) chosen = people.filter((p) => p.roles.includes(to as Role));
  else {
    const emails = [...new Set(to.split(/[,;\s]+/).filter(Boolean))];
    const unknown = emails.filter((e) => !people.some((p) => p.email === e));
    if (unknown.length > 0) {
      output.err(t('proactive.cli.sendUnknownPeople', { emails: unknown.join(', ') }));
      return 1;
    }
    chosen = people.filter((p) => emails.includes(p.email));
  }
  if (chosen.length === 0) {
    output.err(t('proactive.cli.sendNoRecipients'));
    return 2;
  }
  const at = deps.now.toISOString();
  const fresh = chosen.map((p) => newDelivery({ batch, key: p.email, recipient: { kind: 'person', email: p.email }, payload: { type: 'message', text } }, at));
  fresh.forEach(validateOutboxItem);
  const stored = (await deps.deliveries.createMany(fresh, deps.now)).map((d) => d.value);
  const already = stored.filter((d) => d.createdAt !== at || d.payload.text !== text).length;
  output.out(t('proactive.cli.sendQueued', { count: stored.length - already, batch, seconds: deps.sweepSeconds }));
  if (already > 0) output.out(t('proactive.cli.sendAlready', { count: already }));
  return 0;
}
