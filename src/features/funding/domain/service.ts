import { randomUUID } from 'node:crypto';
import type { TabularData } from '../../../platform/directory/import';
import type { Person } from '../../../platform/directory/model';
import { answerOffer, applicationOf, changeApplication, changeByLine, readApplicationInputs, cardTarget, type ApplicationErrorCode, type ApplicationInput, type ChangeResult, type StatusLine } from './applications';
import { exportCalls, importCalls, openCallForm, saveCallFromCard, withdrawCall } from './calls';
import type { FundingContext } from './context';
import { storeEuTopics, type EuTopic } from './eu-calls';
import { answerQuestion, callDetails, callsDueWithin, projectFunding, type FundingQuestion, type ListedApplication, type QuestionAnswer } from './questions';
import type { FundingNotifier } from './notifier';
import { processCall, runReminder, type ReminderJob } from './radar';

type ServiceContext = Omit<FundingContext, 'newId'> & Partial<Pick<FundingContext, 'newId'>>;
type CardData = Readonly<Record<string, unknown>>;

/** The application card's answer: stored, or refused (by the rules or with errors next to its inputs). */
export type StatusCardResult =
  | ChangeResult
  | { readonly kind: 'invalidData' }
  | { readonly kind: 'invalidInputs'; readonly values: Readonly<Record<ApplicationInput, string>>; readonly errors: Partial<Record<ApplicationInput, ApplicationErrorCode>> };

/**
 * The funding use cases bound to their context, as the feature's Teams part, its jobs and the command line call
 * them. Each returns what happened as data; the caller renders it. Ids are random UUIDs unless the context says otherwise.
 */
export function createFundingService(context: ServiceContext) {
  const ctx: FundingContext = { newId: randomUUID, ...context };
  const notifier = (): FundingNotifier => {
    if (!ctx.notifier) throw new Error('this process has no funding notifier: only the bot sends');
    return ctx.notifier;
  };
  return {
    importCalls: (data: TabularData, options: { readonly dryRun: boolean }) => importCalls(ctx, data, options),
    exportCalls: () => exportCalls(ctx),
    openForm: (actor: Person | undefined, query?: string) => openCallForm(ctx, actor, query),
    saveCall: (actor: Person | undefined, data: CardData) => saveCallFromCard(ctx, actor, data),
    withdraw: (actor: Person | undefined | 'cli', id: string) => withdrawCall(ctx, actor, id),
    storeEuTopics: (topics: readonly EuTopic[], options: { readonly dryRun: boolean }) => storeEuTopics(ctx, topics, options),
    processCall: (callId: string) => processCall(ctx, notifier(), callId),
    remind: (job: ReminderJob) => runReminder(ctx, notifier(), job),
    answerOffer: (actor: Person | undefined, data: CardData, answer: 'interest' | 'dismissed') => answerOffer(ctx, actor, data, answer),
    application: (data: CardData) => applicationOf(ctx, data),
    async changeByCard(actor: Person | undefined, data: CardData): Promise<StatusCardResult> {
      const target = cardTarget(data);
      if (!target) return { kind: 'invalidData' };
      const inputs = readApplicationInputs(target, data);
      if (inputs.kind === 'invalid') return { kind: 'invalidInputs', values: inputs.values, errors: inputs.errors };
      return changeApplication(ctx, actor, inputs.request, true);
    },
    changeByLine: (actor: Person | undefined, line: StatusLine) => changeByLine(ctx, actor, line),
    ask: (question: FundingQuestion) => answerQuestion(ctx, question),
    /** Open calls due within the next `days` days, soonest first. */
    dueWithin: (days: number) => callsDueWithin(ctx, days),
    /** The funding of a project picked by id (a choice card's button); undefined when there is no such project. */
    async projectFunding(projectId: string): Promise<Extract<QuestionAnswer, { kind: 'project' }> | undefined> {
      const project = (await ctx.directory.current()).project(projectId);
      return project && projectFunding(ctx, project);
    },
    details: (query: string) => callDetails(ctx, query),
    /** A project's applications with their calls (Ask's project details). */
    async applicationsOf(projectId: string): Promise<ListedApplication[]> {
      const project = (await ctx.directory.current()).project(projectId);
      if (!project) return [];
      const applications = await ctx.repos.applications.forProject(project.id);
      const calls = await Promise.all(applications.map((a) => ctx.repos.fundingCalls.get(a.callId)));
      return applications.flatMap((application, i) => (calls[i] ? [{ application, project, call: calls[i] }] : []));
    },
  };
}

export type FundingService = ReturnType<typeof createFundingService>;
