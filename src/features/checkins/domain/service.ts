import type { Person } from '../../../platform/directory/model';
import type { Jobs } from '../../../platform/scheduler/jobs';
import { clearAbsence, setAbsence } from './absences';
import { editStatus, openStatusForm, projectHistory, projectStatus, reportUnchanged, submitStatus, type CardData, type ProjectQuery } from './answers';
import { randomUUID } from 'node:crypto';
import type { CheckinContext } from './context';
import type { RoundStarter } from './model';
import type { CheckinNotifier } from './notifier';
import { advanceRound, beginRound, catchUp, planSchedule, scheduledRound, type RoundCadence } from './round-flow';
import { nudge } from './nudge';
import { roundStatus } from './rounds';

type ServiceContext = Omit<CheckinContext, 'newId'> & Partial<Pick<CheckinContext, 'newId'>> & { readonly jobs: Jobs };

/**
 * The check-in use cases bound to their context, as the feature's Teams part, the scheduler and the command line call
 * them. Each returns what happened as data; the caller renders it. Rounds schedule their work on `jobs`.
 * Ids are random UUIDs unless the context says otherwise.
 */
export function createCheckinService(context: ServiceContext) {
  const ctx: CheckinContext = { newId: randomUUID, ...context };
  const { jobs } = context;
  const notifier = (): CheckinNotifier => {
    if (!ctx.notifier) throw new Error('this process has no check-in notifier: only the bot sends check-ins');
    return ctx.notifier;
  };
  return {
    startRound: (by: RoundStarter, actor?: Person) => beginRound(ctx, jobs, by, actor),
    scheduledRound: (occurrence: Date, cadence: RoundCadence) => scheduledRound(ctx, jobs, occurrence, cadence),
    planSchedule: (cadence: RoundCadence) => planSchedule(jobs, cadence),
    advanceRound: (roundId: string) => advanceRound(ctx, notifier(), roundId),
    catchUp: () => catchUp(ctx, notifier()),
    roundStatus: (actor: Person | undefined) => roundStatus(ctx, actor),
    nudge: (actor: Person | undefined, data: CardData) => nudge(ctx, notifier(), actor, data),
    openForm: (actor: Person | undefined, query: ProjectQuery) => openStatusForm(ctx, actor, query),
    submit: (actor: Person | undefined, data: CardData, sourceActivityId?: string) => submitStatus(ctx, actor, data, sourceActivityId),
    unchanged: (actor: Person | undefined, data: CardData, sourceActivityId?: string) => reportUnchanged(ctx, actor, data, sourceActivityId),
    edit: (actor: Person | undefined, data: CardData) => editStatus(ctx, actor, data),
    history: (query: ProjectQuery) => projectHistory(ctx, query),
    status: (query: ProjectQuery) => projectStatus(ctx, query),
    setAbsence: (actor: Person | undefined, dateText: string) => setAbsence(ctx, actor, dateText),
    clearAbsence: (actor: Person | undefined) => clearAbsence(ctx, actor),
  };
}

export type CheckinService = ReturnType<typeof createCheckinService>;
