import type { Person } from '../directory';
import { clearAbsence, setAbsence } from './absences';
import { editStatus, openStatusForm, projectHistory, projectStatus, reportUnchanged, submitStatus, type CardData } from './answers';
import { randomUUID } from 'node:crypto';
import type { CheckinContext } from './context';
import { setHomeChannel, type ConversationPlace } from './home-channel';
import { DirectoryProjectLookup } from './project-lookup';
import type { CheckinPrompt, PromptDelivery, RoundStarter } from './model';
import { closeRound, promptsToSend, recordDelivery, remindersDue, roundStatus, startRound } from './rounds';

/**
 * The check-in use cases bound to their context, as the bot layer and the command line call them. Each
 * returns what happened as data; the caller renders it. Projects are found by the directory lookup and ids
 * are random UUIDs unless the context says otherwise.
 */
export function createCheckinService(context: Omit<CheckinContext, 'lookup' | 'newId'> & Partial<Pick<CheckinContext, 'lookup' | 'newId'>>) {
  const ctx: CheckinContext = { lookup: new DirectoryProjectLookup(context.repos.projects), newId: randomUUID, ...context };
  return {
    startRound: (by: RoundStarter, actor?: Person) => startRound(ctx, by, actor),
    roundStatus: (actor: Person | undefined) => roundStatus(ctx, actor),
    closeRound: (roundId: string) => closeRound(ctx, roundId),
    promptsToSend: (roundId: string) => promptsToSend(ctx, roundId),
    remindersDue: () => remindersDue(ctx),
    recordDelivery: (prompt: CheckinPrompt, delivery: PromptDelivery) => recordDelivery(ctx, prompt, delivery),
    openForm: (actor: Person | undefined, query: string) => openStatusForm(ctx, actor, query),
    submit: (actor: Person | undefined, data: CardData) => submitStatus(ctx, actor, data),
    unchanged: (actor: Person | undefined, data: CardData) => reportUnchanged(ctx, actor, data),
    edit: (actor: Person | undefined, data: CardData) => editStatus(ctx, actor, data),
    history: (query: string) => projectHistory(ctx, query),
    status: (query: string) => projectStatus(ctx, query),
    setAbsence: (actor: Person | undefined, dateText: string) => setAbsence(ctx, actor, dateText),
    clearAbsence: (actor: Person | undefined) => clearAbsence(ctx, actor),
    setHomeChannel: (actor: Person | undefined, place: ConversationPlace) => setHomeChannel(ctx, actor, place),
  };
}

export type CheckinService = ReturnType<typeof createCheckinService>;
