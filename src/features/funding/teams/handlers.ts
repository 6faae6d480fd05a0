import type { Attachment, TurnContext } from 'botbuilder';
import type { DirectorySource } from '../../../platform/directory/directory-cache';
import type { ViewContext } from '../../../platform/i18n/format';
import type { CardRenderer } from '../../../platform/teams/cards';
import { turnInfo, viewOf } from '../../../platform/teams/turn';
import { choiceModel } from '../../ask';
import { parseStatusLine, type ChangeResult, type LineResult } from '../domain/applications';
import { LIMITS } from '../domain/model';
import { classifyQuestion, type FundingQuestion, type QuestionAnswer } from '../domain/questions';
import type { FundingService } from '../domain/service';
import './cards';
import { answerModel, applicationModel, applicationSummary, callFormModel, callModel, offerModel, savedCallModel, statusLabel } from './views';

/** What the funding radar's Teams part needs. */
export interface FundingTeamsDependencies {
  readonly funding: FundingService;
  readonly cards: CardRenderer;
  readonly timezone: string;
  /** The directory in memory: names of people in histories. */
  readonly directory: DirectorySource;
}

/** A person's name for a history line (the e-mail when the directory does not know it). */
async function namer(deps: FundingTeamsDependencies): Promise<(email: string) => string> {
  const directory = await deps.directory.current();
  return (email) => directory.person(email)?.name ?? email;
}

/** `Förderaufruf erfassen` / `add funding call`: the form, for coordinators. */
export async function openNewCallForm(context: TurnContext, deps: FundingTeamsDependencies): Promise<void> {
  const { person, t } = turnInfo(context);
  const result = await deps.funding.openForm(person);
  if (result.kind !== 'form') await context.sendActivity(t('funding.form.notAllowed'));
  else await context.sendActivity(deps.cards.message('funding-form', callFormModel(result.form, viewOf(context, deps.timezone))));
}

/** `Förderaufruf ändern X` / `edit funding call X`: the form filled in with the call. */
export async function openCallEditForm(context: TurnContext, query: string, deps: FundingTeamsDependencies): Promise<void> {
  const { person, t } = turnInfo(context);
  const result = await deps.funding.openForm(person, query);
  if (result.kind === 'form') await context.sendActivity(deps.cards.message('funding-form', callFormModel(result.form, viewOf(context, deps.timezone))));
  else if (result.kind === 'unknownCall') await context.sendActivity(t('funding.form.unknownCall', { value: query }));
  else await context.sendActivity(t('funding.form.notAllowed'));
}

/** `funding.save`: the call stored (its card in place of the form), or the form again with the problems next to the inputs. */
export async function saveCall(context: TurnContext, data: Readonly<Record<string, unknown>>, deps: FundingTeamsDependencies): Promise<Attachment | string> {
  const { person, t, log } = turnInfo(context);
  const result = await deps.funding.saveCall(person, data);
  const view = viewOf(context, deps.timezone);
  if (result.kind === 'notAllowed') return t('funding.form.notAllowed');
  if (result.kind === 'invalid') {
    log.info({ errors: Object.fromEntries(Object.entries(result.form.errors).map(([k, e]) => [k, e.code])) }, 'funding call refused');
    return deps.cards.card('funding-form', callFormModel(result.form, view));
  }
  log.info({ callId: result.call.id, created: result.created, matching: result.matching }, 'funding call saved');
  return deps.cards.card('funding-call', savedCallModel(result, view));
}

/** `funding.withdraw`: „Zurückziehen“ on the form of a stored call. */
export async function withdrawCall(context: TurnContext, data: Readonly<Record<string, unknown>>, deps: FundingTeamsDependencies): Promise<Attachment | string> {
  const { person, t } = turnInfo(context);
  const id = typeof data.callId === 'string' ? data.callId : '';
  const result = await deps.funding.withdraw(person, id);
  if (result.kind === 'notAllowed') return t('funding.form.notAllowed');
  if (result.kind === 'unknownCall') return t('funding.form.unknownCall', { value: id });
  const view = viewOf(context, deps.timezone);
  return deps.cards.card('funding-call', callModel(result.call, view, { notice: t(`funding.form.${result.kind}`) }));
}

/** `funding.interest` / `funding.dismiss`: the owner's answer on a call's card; the card again, showing it. */
export async function answerOffer(context: TurnContext, data: Readonly<Record<string, unknown>>, answer: 'interest' | 'dismissed', deps: FundingTeamsDependencies): Promise<Attachment | string> {
  const { person, t, log } = turnInfo(context);
  const result = await deps.funding.answerOffer(person, data, answer);
  log.info({ outcome: result.kind, answer }, 'funding offer answered');
  if (result.kind === 'offer') {
    const notice = t(answer === 'interest' ? 'funding.offer.interestNoted' : 'funding.offer.dismissNoted', { project: result.project.title });
    return deps.cards.card('funding-offer', offerModel(result.call, result.projects, viewOf(context, deps.timezone), notice));
  }
  if (result.kind === 'notAllowed' || result.kind === 'notMatching') return t(`funding.errors.${result.kind}`, { project: result.project.title });
  return t(`funding.errors.${result.kind}`);
}

/** `funding.open`: „Antrag bearbeiten“: the application card. */
export async function openApplication(context: TurnContext, data: Readonly<Record<string, unknown>>, deps: FundingTeamsDependencies): Promise<Attachment | string> {
  const { t } = turnInfo(context);
  const view = await deps.funding.application(data);
  if (!view) return t('funding.errors.invalid');
  return deps.cards.card('funding-application', applicationModel(view, viewOf(context, deps.timezone), await namer(deps)));
}

/** Why a change was refused, in the reader's language. */
function refusal(result: Exclude<ChangeResult, { kind: 'saved' }>, view: ViewContext): string {
  const { t } = view;
  switch (result.kind) {
    case 'unknownProject':
    case 'unknownCall':
      return t(`funding.errors.${result.kind}`);
    case 'invalidAmount':
    case 'noteTooLong':
      return t(`funding.errors.${result.kind}`, { max: LIMITS.note });
    case 'notAllowed':
    case 'conflict':
      return t(`funding.errors.${result.kind}`, { project: result.project.title });
    case 'noApplication':
      return t('funding.errors.noApplication', { project: result.project.title, call: result.call.title });
    case 'coordinatorsOnly':
    case 'noteRequired':
      return t(`funding.errors.${result.kind}`, { from: result.from ? statusLabel(result.from, t) : t('funding.statuses.none'), to: statusLabel(result.to, t) });
  }
}

/** `funding.status`: the application card submitted; the card again, with what was stored or the errors. */
export async function changeStatus(context: TurnContext, data: Readonly<Record<string, unknown>>, deps: FundingTeamsDependencies): Promise<Attachment | string> {
  const { person, t, log } = turnInfo(context);
  const result = await deps.funding.changeByCard(person, data);
  log.info({ outcome: result.kind }, 'funding application change by card');
  const view = viewOf(context, deps.timezone);
  if (result.kind === 'invalidData') return t('funding.errors.invalid');
  const current = await deps.funding.application(data);
  if (!current) return result.kind === 'saved' ? t('funding.errors.invalid') : refusal(result as Exclude<ChangeResult, { kind: 'saved' }>, view);
  const names = await namer(deps);
  if (result.kind === 'invalidInputs') return deps.cards.card('funding-application', applicationModel(current, view, names, { values: result.values, errors: result.errors }));
  if (result.kind === 'saved') {
    const notice = t(result.unchanged ? 'funding.application.unchanged' : 'funding.application.saved', { status: applicationSummary(result.application, view) });
    return deps.cards.card('funding-application', applicationModel(current, view, names, { notice }));
  }
  const values = { status: String(data.status ?? ''), appliedAmount: String(data.appliedAmount ?? ''), approvedAmount: String(data.approvedAmount ?? ''), note: String(data.note ?? '') };
  return deps.cards.card('funding-application', applicationModel(current, view, names, { values, formError: refusal(result, view) }));
}

/** `Förderung E-Akte: eingereicht 120000`: one line that changes an application; the answer says what was stored. */
export async function changeStatusByLine(context: TurnContext, target: string, rest: string, deps: FundingTeamsDependencies): Promise<void> {
  const { person, t, log } = turnInfo(context);
  const result: LineResult = await deps.funding.changeByLine(person, parseStatusLine(target, rest));
  log.info({ outcome: result.kind }, 'funding application change by line');
  const view = viewOf(context, deps.timezone);
  switch (result.kind) {
    case 'saved':
      await context.sendActivity(
        t(result.unchanged ? 'funding.line.unchanged' : 'funding.line.saved', { project: result.project.title, call: result.call.title, status: applicationSummary(result.application, view) }),
      );
      return;
    case 'unknownStatus':
      await context.sendActivity(t('funding.line.unknownStatus', { text: result.text }));
      return;
    case 'projectNotFound':
      await context.sendActivity(t('funding.line.unknownProject', { query: result.query }));
      return;
    case 'noApplicationYet': {
      const examples = result.calls.map((c) => t('funding.line.example', { project: result.project.title, id: c.id })).join(', ');
      await context.sendActivity(examples ? t('funding.line.noApplicationWhich', { project: result.project.title, examples }) : t('funding.line.noApplication', { project: result.project.title }));
      return;
    }
    case 'whichCall':
      await context.sendActivity(t('funding.line.whichCall', { project: result.project.title, examples: result.calls.map((c) => t('funding.line.example', { project: result.project.title, id: c.id })).join(', ') }));
      return;
    default:
      await context.sendActivity(refusal(result, view));
  }
}

/** A question about funding (deadlines, programmes of a field, a project's funding, applications, the sum approved). */
export async function answerQuestion(context: TurnContext, question: FundingQuestion, deps: FundingTeamsDependencies): Promise<void> {
  const answer = await deps.funding.ask(question);
  turnInfo(context).log.info({ question: question.kind, answer: answer.kind }, 'funding question answered');
  await sendAnswer(context, answer, deps);
}

async function sendAnswer(context: TurnContext, answer: QuestionAnswer, deps: FundingTeamsDependencies): Promise<void> {
  const { t } = turnInfo(context);
  if (answer.kind === 'ambiguousProject') {
    const buttons = answer.candidates.map((p) => ({ label: p.title, verb: 'funding.choose', intent: 'projectFunding', kind: 'project', id: p.id }));
    await context.sendActivity(deps.cards.message('ask-choice', choiceModel(t('ask.ambiguousTitle'), t('ask.ambiguousText'), buttons)));
    return;
  }
  await context.sendActivity(deps.cards.message('funding-list', answerModel(answer, viewOf(context, deps.timezone))));
}

/** `funding.choose`: a project picked after a question that named several: its funding. */
export async function chooseProject(context: TurnContext, data: Readonly<Record<string, unknown>>, deps: FundingTeamsDependencies): Promise<Attachment | string> {
  const { t } = turnInfo(context);
  const id = typeof data.id === 'string' ? data.id : '';
  const answer = id && data.kind === 'project' ? await deps.funding.projectFunding(id) : undefined;
  if (!answer) return t('ask.invalidChoice');
  return deps.cards.card('funding-list', answerModel(answer, viewOf(context, deps.timezone)));
}

/**
 * `Förderaufruf X` / `funding call X`: the call with the projects that fit it and their applications. What names no
 * call may still be a question (`Förderaufruf für Bildung`).
 */
export async function showCall(context: TurnContext, query: string, text: string, deps: FundingTeamsDependencies): Promise<void> {
  const { t, person } = turnInfo(context);
  const details = await deps.funding.details(query);
  const question = details ? undefined : classifyQuestion(text);
  const answer = question && (await deps.funding.ask(question));
  if (answer && answer.kind !== 'unknownTopic') return sendAnswer(context, answer, deps);
  if (!details) {
    await context.sendActivity(t('funding.call.unknown', { query }));
    return;
  }
  const view = viewOf(context, deps.timezone);
  const sections = [
    { title: t('funding.call.applications'), lines: details.applications.map((a) => t('funding.reminder.projectLine', { project: a.project.title, status: applicationSummary(a.application, view) })) },
    { title: t('funding.call.matching'), lines: details.matches.map((m) => m.project.title) },
  ].filter((s) => s.lines.length > 0);
  const notice = details.call.status === 'withdrawn' ? t('funding.call.withdrawn') : '';
  const command = person?.roles.includes('coordinator') ? { title: t('funding.call.edit'), text: t('funding.call.editCommand', { id: details.call.id }) } : undefined;
  await context.sendActivity(deps.cards.message('funding-call', callModel(details.call, view, { notice, sections, ...(command ? { command } : {}) })));
}
