import type { Project } from '../../../platform/directory/model';
import { fold, words, type ProjectCandidate } from '../../ask';
import { statusOfWord } from './applications';
import { findCall } from './calls';
import type { FundingContext } from './context';
import { daysAfter, deadlineInstant } from './deadline';
import { fieldNamed, fieldsOf, matchProject, matchProjects, type ProjectMatch } from './matching';
import { SOON_DAYS, type Application, type ApplicationStatus, type FundingCall } from './model';

/** What a question about funding asks. */
export type FundingQuestion =
  /** „Welche Förderfristen laufen bald ab?“ */
  | { readonly kind: 'deadlines' }
  /** „Wie viel Fördermittel wurden bewilligt?“ */
  | { readonly kind: 'approvedSum' }
  /** „Welche Anträge sind eingereicht?“; every application when no status is named. */
  | { readonly kind: 'applications'; readonly status: ApplicationStatus | undefined }
  /** „Förderprogramme für Bildung“, „Fördermittel für die E-Akte“, „Welche Förderprogramme gibt es?“: what follows names a field, a project or nothing. */
  | { readonly kind: 'about'; readonly topic: string };

const FUNDING_WORDS = new Set(['funding', 'fundings', 'grant', 'grants', 'zuschuss', 'zuschuesse', 'zuschuessen', 'subsidy', 'subsidies', 'foerdergeld', 'foerdergelder']);
const APPLICATION_WORDS = new Set(['antrag', 'antraege', 'antraegen', 'application', 'applications']);
const SOON_WORDS = new Set(['ablauf', 'ablaufen', 'ab', 'bald', 'demnaechst', 'naechsten', 'upcoming', 'expire', 'expiring', 'expires', 'soon', 'due', 'closing', 'close', 'endet', 'enden', 'auslaufen', 'next']);
const AMOUNT_WORDS = new Set(['wieviel', 'summe', 'insgesamt', 'betrag', 'gesamt', 'gesamtsumme', 'much', 'total', 'sum', 'amount']);
/** Words of a question that name neither a field nor a project. */
const FILLERS = new Set(
  (
    'für fuer die der das den dem des ein eine einen im in ins zu zum zur gibt es welche welcher welches was wo wer sind ist hat haben ' +
    'wird werden wurden kann können koennen ich wir uns mir mich zeig zeige zeigen bitte alle aktuelle aktuellen aktuell offene offenen ' +
    'zuständig zustaendig verantwortlich kümmert kuemmert sich möglich moeglich ' +
    'passende passenden passt passen mit bei von vom über ueber um aus auf so noch denn eigentlich ' +
    'the for a an any which what who are is there of to on about with in all current open available show me list please can i we get ' +
    'programm programme programmen programs program programmes aufruf aufrufe aufrufen call calls mittel gelder möglichkeiten moeglichkeiten ' +
    'options opportunities topf töpfe toepfe projekt project'
  ).split(' '),
);

/**
 * The German words about funding (folded, also misspelt „Forder…“): „Förderung“, „Fördermittel“, „Förderprogramme“,
 * „Förderfristen“ … with their endings. A longer compound of „Fördermittel“ („Fördermittelmanagement“,
 * „Fördermitteldatenbank“) is the name of something, as a project may be called: a question about it is Ask's.
 */
const GERMAN_FUNDING_WORD = /^f(oe|o)rder(ung(en)?|mittel(n)?|programm|aufruf|frist|antr|geld|quote|moeglichkeit|toepf|topf|richtlinie|bescheid|summe|fonds|zusage|projekt|kulisse|gebiet|faehig|wuerdig|zeitraum|satz|saetze|volumen|budget|datenbank)/
const NAMED_COMPOUND = /^f(oe|o)rdermittel(?!n?$)/;

/** True for a word (folded) about funding: Förder… (see above), funding, grant, Zuschuss. */
function isFundingWord(word: string): boolean {
  return (GERMAN_FUNDING_WORD.test(word) && !NAMED_COMPOUND.test(word)) || word === 'foerder' || word.startsWith('funding') || FUNDING_WORDS.has(word);
}

function isDeadlineWord(word: string): boolean {
  return word.includes('frist') || word.startsWith('deadline') || SOON_WORDS.has(word);
}

/**
 * What a message asks about funding, or undefined when it is not about funding (then Ask and the others may take it).
 * Deterministic, on folded words (umlauts written out or not, any case): a word about funding or applications must
 * be there; then the amount asked, a status, deadlines, or the topic that the other words name.
 */
export function classifyQuestion(text: string): FundingQuestion | undefined {
  const folded = words(text);
  const funding = folded.some(isFundingWord);
  const application = folded.some((w) => APPLICATION_WORDS.has(w) || w.startsWith('foerderantr'));
  if (!funding && !application) return undefined;
  const status = folded.map(statusOfWord).find((s) => s !== undefined);
  const amount = folded.some((w, i) => AMOUNT_WORDS.has(w) || (w === 'viel' && folded[i - 1] === 'wie'));
  if (amount && (funding || status === 'approved')) return { kind: 'approvedSum' };
  if (status) return { kind: 'applications', status };
  if (folded.some(isDeadlineWord)) return { kind: 'deadlines' };
  const topic = topicOf(text);
  // „Welche Anträge gibt es?“ lists them all. Without a word about funding, „Anträge“ next to other words is no
  // question for the radar („Wer kümmert sich um die Online-Anträge?“ asks Ask about a project).
  if (!funding) return topic ? undefined : { kind: 'applications', status: undefined };
  return { kind: 'about', topic };
}

/**
 * The words of a question that are left when the words about funding and the fillers are taken out, as written; a
 * compound keeps its other parts („Online-Anträge“ leaves „Online“, „E-Akte“ stays whole).
 */
function topicOf(text: string): string {
  const kept: string[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)) {
    const pieces = match[0].split(/[-'’]/);
    const meaningful = pieces.filter((piece) => {
      const parts = words(piece);
      return parts.length > 0 && !parts.some((p) => isFundingWord(p) || APPLICATION_WORDS.has(p)) && !parts.every((p) => FILLERS.has(p));
    });
    if (meaningful.length === pieces.length) kept.push(match[0]);
    else if (meaningful.length > 0) kept.push(meaningful.join('-'));
  }
  return kept.join(' ');
}

/** A call as a question's answer lists it: with its deadline's instant (undefined: rolling) and how many projects fit it. */
export interface ListedCall {
  readonly call: FundingCall;
  readonly deadline: Date | undefined;
  readonly matching: number;
}

/** An application with its project and call, as answers list it. */
export interface ListedApplication {
  readonly application: Application;
  readonly project: Project;
  readonly call: FundingCall;
}

export type QuestionAnswer =
  | { readonly kind: 'deadlines'; readonly days: number; readonly calls: readonly ListedCall[] }
  | { readonly kind: 'openCalls'; readonly calls: readonly ListedCall[] }
  | { readonly kind: 'field'; readonly field: string; readonly calls: readonly ListedCall[] }
  | { readonly kind: 'project'; readonly project: Project; readonly applications: readonly ListedApplication[]; readonly calls: readonly ListedCall[] }
  | { readonly kind: 'applications'; readonly status: ApplicationStatus | undefined; readonly applications: readonly ListedApplication[] }
  | { readonly kind: 'approvedSum'; readonly total: number; readonly count: number; readonly byMunicipality: readonly { readonly municipality: string; readonly amount: number; readonly count: number }[] }
  | { readonly kind: 'ambiguousProject'; readonly candidates: readonly ProjectCandidate[] }
  | { readonly kind: 'unknownTopic'; readonly topic: string; readonly fields: readonly string[] };

/** Calls still open for applications now: not withdrawn, and rolling or due after now; soonest first, rolling ones last. */
async function openCalls(ctx: FundingContext, projects: readonly Project[]): Promise<ListedCall[]> {
  const now = ctx.now().getTime();
  const listed = (await ctx.repos.fundingCalls.list())
    .filter((c) => c.status === 'open')
    .map((call) => ({ call, deadline: deadlineInstant(call.deadline, ctx.timing.timezone), matching: matchProjects(call, projects).length }))
    .filter((c) => !c.deadline || c.deadline.getTime() > now);
  const at = (c: ListedCall) => c.deadline?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return listed.sort((a, b) => at(a) - at(b) || a.call.title.localeCompare(b.call.title, 'de'));
}

async function listedApplications(ctx: FundingContext, applications: readonly Application[]): Promise<ListedApplication[]> {
  const directory = await ctx.directory.current();
  const calls = new Map((await ctx.repos.fundingCalls.list()).map((c) => [c.id, c]));
  return applications
    .flatMap((application) => {
      const project = directory.project(application.projectId);
      const call = calls.get(application.callId);
      return project && call ? [{ application, project, call }] : [];
    })
    .sort((a, b) => a.project.title.localeCompare(b.project.title, 'de') || a.call.title.localeCompare(b.call.title, 'de'));
}

/**
 * Open calls whose deadline falls within the next `days` calendar days (in the group's time zone), soonest first:
 * what „Welche Förderfristen laufen bald ab?“ lists, and the dashboard's panel of deadlines.
 */
export async function callsDueWithin(ctx: FundingContext, days: number): Promise<ListedCall[]> {
  const directory = await ctx.directory.current();
  const until = daysAfter(ctx.now(), days, ctx.timing.timezone).getTime();
  return (await openCalls(ctx, directory.projects)).filter((c) => c.deadline && c.deadline.getTime() <= until);
}

/** Answers a question about funding (see {@link classifyQuestion}). */
export async function answerQuestion(ctx: FundingContext, question: FundingQuestion): Promise<QuestionAnswer> {
  const directory = await ctx.directory.current();
  switch (question.kind) {
    case 'deadlines':
      return { kind: 'deadlines', days: SOON_DAYS, calls: await callsDueWithin(ctx, SOON_DAYS) };
    case 'approvedSum': {
      const approved = await listedApplications(ctx, (await ctx.repos.applications.list()).filter((a) => a.status === 'approved'));
      const byMunicipality = new Map<string, { amount: number; count: number }>();
      for (const { application, project } of approved) {
        const entry = byMunicipality.get(project.lead) ?? { amount: 0, count: 0 };
        byMunicipality.set(project.lead, { amount: entry.amount + (application.approvedAmount ?? 0), count: entry.count + 1 });
      }
      const rows = [...byMunicipality].map(([municipality, v]) => ({ municipality, ...v })).sort((a, b) => b.amount - a.amount || a.municipality.localeCompare(b.municipality, 'de'));
      return { kind: 'approvedSum', total: rows.reduce((sum, r) => sum + r.amount, 0), count: approved.length, byMunicipality: rows };
    }
    case 'applications': {
      const all = await ctx.repos.applications.list();
      return { kind: 'applications', status: question.status, applications: await listedApplications(ctx, question.status ? all.filter((a) => a.status === question.status) : all) };
    }
    case 'about':
      return answerAbout(ctx, question.topic, directory.projects);
  }
}

/** The calls for a field of action, the funding of a project, or every open call when nothing is named. */
async function answerAbout(ctx: FundingContext, topic: string, projects: readonly Project[]): Promise<QuestionAnswer> {
  const open = await openCalls(ctx, projects);
  if (!topic) return { kind: 'openCalls', calls: open };
  const fields = [...new Set([...fieldsOf(projects), ...open.flatMap((c) => c.call.fields)])];
  const field = fieldNamed(topic, fields);
  if (field) return { kind: 'field', field, calls: open.filter((c) => c.call.fields.some((f) => fold(f) === fold(field))) };
  const found = await ctx.lookup.find(topic);
  if (found.kind === 'ambiguous') return { kind: 'ambiguousProject', candidates: found.candidates };
  if (found.kind === 'unknown') return { kind: 'unknownTopic', topic, fields };
  return projectFunding(ctx, found.project, open);
}

/** A project's applications and the open calls that fit it (best first). */
export async function projectFunding(ctx: FundingContext, project: Project, open?: readonly ListedCall[]): Promise<Extract<QuestionAnswer, { kind: 'project' }>> {
  const calls = open ?? (await openCalls(ctx, (await ctx.directory.current()).projects));
  const fitting = calls
    .map((c) => ({ c, match: matchProject(c.call, project) }))
    .filter((x) => x.match !== undefined)
    .sort((a, b) => b.match!.score - a.match!.score)
    .map((x) => x.c);
  return { kind: 'project', project, applications: await listedApplications(ctx, await ctx.repos.applications.forProject(project.id)), calls: fitting };
}

/** A call named by id or title, with the projects that fit it (those dismissed left out) and its applications. */
export async function callDetails(ctx: FundingContext, query: string): Promise<{ call: FundingCall; matches: ProjectMatch[]; applications: ListedApplication[] } | undefined> {
  const call = await findCall(ctx, query);
  if (!call) return undefined;
  const [directory, dismissed, all] = await Promise.all([ctx.directory.current(), ctx.repos.fundingCalls.dismissed(call.id), ctx.repos.applications.list()]);
  return { call, matches: matchProjects(call, directory.projects, dismissed), applications: await listedApplications(ctx, all.filter((a) => a.callId === call.id)) };
}
