import type { Person } from '../directory';
import { clearAbsence, setAbsence } from './absences';
import { editStatus, openStatusForm, projectHistory, projectStatus, reportUnchanged, submitStatus, type CardData } from './answers';
import type { CheckinContext } from './context';
import { setHomeChannel, type ConversationPlace } from './home-channel';
import type { RoundStarter } from './model';
import { closeRound, roundStatus, startRound } from './rounds';

/**
 * The check-in use cases bound to their context, as the bot layer and the command line call them. Each
 * returns what happened as data; the caller renders it.
 */
export function createCheckinService(ctx: CheckinContext) {
  return {
    startRound: (by: RoundStarter, actor?: Person) => startRound(ctx, by, actor),
    roundStatus: (actor: Person | undefined) => roundStatus(ctx, actor),
    closeRound: (roundId: string) => closeRound(ctx, roundId),
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
