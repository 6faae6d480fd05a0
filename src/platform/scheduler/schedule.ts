import { Cron } from 'croner';
import type { JobDefinition, JobSchedule } from './jobs';

/**
 * Occurrences of a schedule. Cron expressions are evaluated by croner, in the schedule's time zone: it knows the
 * IANA zones through `Intl` and handles the days clocks change (OCPS 1.4: a time inside the spring-forward gap
 * runs at the first valid time after it; a time inside the repeated fall-back hour runs once, at its first
 * occurrence). Hand-written cron arithmetic gets exactly these days wrong.
 */

/** The first occurrence strictly after `after`, or undefined when there is none. */
export function nextOccurrence(schedule: JobSchedule, after: Date, defaultTimezone: string): Date | undefined {
  if (schedule.kind === 'once') {
    const at = new Date(schedule.at);
    return at.getTime() > after.getTime() ? at : undefined;
  }
  return cronOf(schedule.cron, schedule.timezone ?? defaultTimezone).nextRun(after) ?? undefined;
}

/** A job's next occurrence still to be run or skipped (after its cursor), or undefined when it has none left. */
export function nextDue(job: JobDefinition, defaultTimezone: string): Date | undefined {
  if (job.completedAt) return undefined;
  return nextOccurrence(job.schedule, new Date(job.cursor), defaultTimezone);
}

/** Why a time zone cannot be used (`Intl` does not know it as an IANA zone), or undefined when it can. */
export function timeZoneProblem(timezone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('de-DE', { timeZone: timezone });
    return undefined;
  } catch {
    return `unknown time zone "${timezone}"`;
  }
}

/** Why a cron expression or time zone cannot be used, or undefined when it can. */
export function cronProblem(cron: string, timezone: string): string | undefined {
  const zoneProblem = timeZoneProblem(timezone);
  if (zoneProblem) return zoneProblem;
  try {
    cronOf(cron, timezone);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const parsed = new Map<string, Cron>();

function cronOf(cron: string, timezone: string): Cron {
  const key = `${timezone} ${cron}`;
  let result = parsed.get(key);
  if (!result) {
    // paused: used only to compute times, never to run anything on croner's own timers.
    result = new Cron(cron, { timezone, paused: true });
    parsed.set(key, result);
  }
  return result;
}
