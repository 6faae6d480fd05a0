import type { JobRegistration } from '../../platform/feature';
import type { Logger } from '../../platform/logger';
import { MAX_ID_LENGTH } from './domain/answers';
import { ROUND_JOB_HANDLER, SCHEDULE_JOB, type RoundCadence } from './domain/round-flow';
import type { CheckinService } from './domain/service';

const ROUND_ID = new RegExp(`^[A-Za-z0-9-]{1,${MAX_ID_LENGTH}}$`);

/** A round id from a job's payload; a job whose payload is not ours fails instead of touching storage keys. */
function roundIdOf(payload: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = payload[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !ROUND_ID.test(value)) throw new Error(`job payload ${key} is not a round id: ${JSON.stringify(value)}`);
  return value;
}

/**
 * Check-ins on the scheduler: the handlers of the recurring start (`checkin.schedule`) and of each round's
 * one-off jobs (`checkin.round`).
 */
export function checkinJobs(checkins: CheckinService, cadence: RoundCadence): JobRegistration[] {
  return [
    {
      handler: SCHEDULE_JOB,
      run: async ({ occurrence, log }) => {
        const result = await checkins.scheduledRound(occurrence, cadence);
        if (result.kind === 'started') log.info({ roundId: result.summary.round.id, projects: result.summary.projects, people: result.summary.people }, 'scheduled check-in round started');
        else log.info({ outcome: result.kind }, 'check-in round not started by the schedule');
      },
    },
    {
      handler: ROUND_JOB_HANDLER,
      run: async ({ payload, log }) => {
        const roundId = roundIdOf(payload, 'roundId');
        if (!roundId) throw new Error('job payload has no roundId');
        // A round replaced by this one may still owe its digest (its close was missed while the bot was down).
        const previousRoundId = roundIdOf(payload, 'previousRoundId');
        if (previousRoundId) {
          const previous = await checkins.advanceRound(previousRoundId);
          if (previous.closed) log.info({ roundId: previousRoundId }, 'previous check-in round closed late');
        }
        const progress = await checkins.advanceRound(roundId);
        log.info({ roundId, sent: progress.sent, reminded: progress.reminded, closed: progress.closed !== undefined }, 'check-in round advanced');
      },
    },
  ];
}

/**
 * At every start of the bot: the recurring job (re)planned from the configuration, then whatever fell due while
 * no instance ran caught up.
 */
export async function startCheckins(checkins: CheckinService, cadence: RoundCadence, logger: Logger): Promise<void> {
  await checkins.planSchedule(cadence);
  try {
    const caughtUp = await checkins.catchUp();
    if (caughtUp.sent + caughtUp.reminded > 0 || caughtUp.closed) {
      logger.info({ sent: caughtUp.sent, reminded: caughtUp.reminded, closed: caughtUp.closed !== undefined }, 'check-in round caught up after the start');
    }
  } catch (error) {
    // The round's own jobs and the next start try again; the bot serves meanwhile.
    logger.error({ err: error }, 'catching up the check-in round failed');
  }
}
