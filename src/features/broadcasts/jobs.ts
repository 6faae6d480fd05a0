import type { JobRegistration } from '../../platform/feature';
import { isBroadcastId } from './domain/model';
import { BROADCAST_JOBS, type BroadcastService } from './domain/service';

/** The broadcast id of a job's payload; a job whose payload is not ours fails instead of touching storage keys. */
function broadcastIdOf(payload: Readonly<Record<string, unknown>>): string {
  const id = payload.broadcastId;
  if (!isBroadcastId(id)) throw new Error(`job payload broadcastId is not a broadcast id: ${JSON.stringify(id)}`);
  return id;
}

/**
 * Broadcasts on the scheduler, one-off jobs per broadcast: its sending (`broadcast.send:{id}`, at once or at
 * the time chosen), the updates of the author's card (`broadcast.progress:{id}`, every 3 s at most while
 * sending, and after each read confirmation), the reminder and each correction.
 */
export function broadcastJobs(broadcasts: BroadcastService): JobRegistration[] {
  return [
    {
      handler: BROADCAST_JOBS.send,
      run: async ({ payload, log }) => {
        const broadcastId = broadcastIdOf(payload);
        const sent = await broadcasts.runSend(broadcastId);
        log.info({ broadcastId, recipients: sent?.recipients ?? 0, sending: sent !== undefined }, sent ? 'broadcast handed to the outbox' : 'broadcast not sent: cancelled, discarded or done');
      },
    },
    {
      handler: BROADCAST_JOBS.progress,
      run: async ({ payload, log }) => {
        const broadcastId = broadcastIdOf(payload);
        const progress = await broadcasts.runProgress(broadcastId);
        if (progress?.done) log.info({ broadcastId, updated: progress.updated }, 'broadcast report shown');
        else log.debug({ broadcastId, updated: progress?.updated ?? false }, 'broadcast progress shown');
      },
    },
    {
      handler: BROADCAST_JOBS.remind,
      run: async ({ payload, log }) => {
        const broadcastId = broadcastIdOf(payload);
        log.info({ broadcastId, reminded: await broadcasts.runRemind(broadcastId) }, 'broadcast reminder handed to the outbox');
      },
    },
    {
      handler: BROADCAST_JOBS.correct,
      run: async ({ payload, log }) => {
        const broadcastId = broadcastIdOf(payload);
        log.info({ broadcastId, copies: await broadcasts.runCorrect(broadcastId) }, 'broadcast correction handed to the outbox');
      },
    },
  ];
}
