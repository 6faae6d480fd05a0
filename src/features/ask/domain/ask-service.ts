import { currentPhase, PHASES, ROLES, type Person, type Phase, type Project } from '../../../platform/directory/model';
import {
  ASK_INTENTS,
  INTENT_KIND,
  LIST_LIMIT,
  type AskAnswer,
  type AskIntent,
  type ExampleQuestion,
  type LatestStatus,
  type LatestStatusSource,
  type PersonCard,
  type ProjectHeader,
  type ProjectLine,
  type ProjectList,
  type ProjectQuery,
  type Question,
  type Unanswered,
} from './answers';
import { followUp, isFresh, type AskContext, type Focus } from './follow-up';
import { readQuestion } from './intents';
import { ENTITY_KINDS, type DirectoryIndex, type EntityKind } from './search-index';

/** Where the use case gets the current search index from (see {@link SearchIndexCache}). */
export interface IndexSource {
  current(): Promise<DirectoryIndex>;
}

/** A choice from an ambiguity card, as the card sends it back. Validated by {@link parseChoice}. */
interface AskChoice {
  readonly intent: AskIntent;
  readonly kind: EntityKind;
  readonly id: string;
}

/** The conversation's memory of the last question (the platform's conversation memory, for this turn). */
export interface ContextStore {
  read(): Promise<AskContext | undefined>;
  write(context: AskContext): Promise<void>;
}

/** What a turn brings to a question: the time, and the conversation's memory when follow-ups are possible. */
export interface AskTurn {
  readonly now: Date;
  readonly memory?: ContextStore;
}

/** An answer, and the language the question was written in when its words make that clear. */
export interface AskReply {
  readonly answer: AskAnswer;
  readonly language?: 'de' | 'en';
}

/** How long a conversation's last question answers follow-ups by default (`ASK_CONTEXT_MINUTES`). */
export const DEFAULT_CONTEXT_MS = 10 * 60_000;

/**
 * Ask: answers questions about projects and responsibilities from free text, German or English, out of the
 * in-memory index. Returns what to say as data ({@link AskAnswer}); never a person for something it did not
 * find. A short follow-up („und Ahaus?“, „Welche davon …?“, „Wie erreiche ich sie?“) is read against the last
 * question of the conversation, which is read only for such questions (one read) and stored after every
 * answer (one write).
 */
export class AskService {
  constructor(
    private readonly index: IndexSource,
    /** The latest status of projects, from the feature that keeps it (check-ins), if any. */
    private readonly statusSource: () => LatestStatusSource | undefined = () => undefined,
    /** How long a conversation's last question answers follow-ups. */
    private readonly contextMs = DEFAULT_CONTEXT_MS,
  ) {}

  private get status(): LatestStatusSource | undefined {
    return this.statusSource();
  }

  /** Every project's latest status; none without a feature that keeps them. */
  private async latestStatuses(): Promise<ReadonlyMap<string, LatestStatus>> {
    return (await this.status?.latestStatuses()) ?? new Map<string, LatestStatus>();
  }

  /** Answers a question (mention already stripped). */
  async ask(text: string, turn: AskTurn = { now: new Date() }): Promise<AskReply> {
    const index = await this.index.current();
    const reading = readQuestion(text, index);
    let interpretation = reading.alone;
    // What a follow-up does not change of what the conversation is about stays („Wie erreiche ich ihn?“ after a
    // project's owner, then „und seine Vertretung?“ is still about the project).
    let kept: Focus = {};
    if (reading.mayFollowUp && turn.memory) {
      const last = await turn.memory.read();
      const followed = last && isFresh(last, turn.now, this.contextMs) ? followUp(reading, last) : undefined;
      if (followed) {
        interpretation = followed;
        if (!last!.unknown) kept = last!.focus;
      }
    }
    const language = reading.facts.language;
    const reply = (answer: AskAnswer): AskReply => ({ answer, ...(language ? { language } : {}) });
    switch (interpretation.kind) {
      case 'none':
        return reply({ kind: 'notUnderstood', examples: examples(index) });
      case 'ambiguous':
        return reply({ kind: 'ambiguous', intent: interpretation.intent, candidates: interpretation.candidates });
      case 'unknown':
        // What was asked of the unknown name is kept, so that „und …?“ with a known one asks the same of it.
        if (interpretation.intent && interpretation.term) await turn.memory?.write({ at: turn.now.getTime(), question: questionFor(interpretation.intent, interpretation.term), focus: {}, unknown: true });
        return reply({ kind: 'unknown', entityKind: interpretation.entityKind, term: interpretation.term, suggestions: interpretation.suggestions, examples: examples(index) });
      case 'unknownRole':
        return reply(unknownRole(index, interpretation.term, interpretation.municipality));
      case 'answer':
        return reply(await this.answerAndRemember(index, interpretation.question, turn, kept));
    }
  }

  /** Answers the question of an ambiguity card for the entity the user chose. */
  async choose(choice: AskChoice, turn: AskTurn = { now: new Date() }): Promise<AskAnswer> {
    const index = await this.index.current();
    const target = index.entity(choice.kind, choice.id);
    if (!target || INTENT_KIND[choice.intent] !== choice.kind) return { kind: 'unknown', entityKind: choice.kind, term: '', suggestions: [], examples: examples(index) };
    return this.answerAndRemember(index, questionFor(choice.intent, choice.id), turn);
  }

  private async answerAndRemember(index: DirectoryIndex, question: Question, turn: AskTurn, kept: Focus = {}): Promise<AskAnswer> {
    const { answer, focus } = await this.answer(index, question);
    await turn.memory?.write({ at: turn.now.getTime(), question, focus: { ...kept, ...focus } });
    return answer;
  }

  private async answer(index: DirectoryIndex, question: Question): Promise<{ answer: AskAnswer; focus: Focus }> {
    const personCard = (email: string) => {
      const person = email ? index.person(email) : undefined;
      return person && toPersonCard(person);
    };
    const people = (...emails: string[]) => emails.filter((e) => e && index.person(e));
    switch (question.intent) {
      case 'owner':
      case 'deputy': {
        const projects = question.projects.map((id) => index.project(id)!);
        const items = projects.map((project) => ({ project: header(project), owner: personCard(project.owner), deputy: personCard(project.deputy) }));
        const focusPeople = projects.flatMap((p) => (question.intent === 'deputy' ? people(p.deputy, p.owner) : people(p.owner, p.deputy)));
        const focus = { ...(projects.length === 1 ? { project: projects[0]!.id, municipality: projects[0]!.lead } : {}), people: focusPeople };
        if (items.length === 1) return { answer: { kind: question.intent, ...items[0]! }, focus };
        return { answer: { kind: 'owners', intent: question.intent, items }, focus };
      }
      case 'projectDetails': {
        if (question.projects.length > 1) return this.answer(index, { intent: 'projects', query: { ids: question.projects } });
        const project = index.project(question.projects[0]!)!;
        const latestStatus = this.status ? await this.status.latestStatus(project.id) : undefined;
        const answer: AskAnswer = {
          kind: 'projectDetails',
          project: {
            id: project.id,
            title: project.title,
            summary: project.summary,
            phase: currentPhase(project, latestStatus?.phase),
            field: project.field,
            lead: project.lead,
            participants: project.participants,
            aliases: project.aliases,
            owner: personCard(project.owner),
            deputy: personCard(project.deputy),
            ...(latestStatus ? { latestStatus } : {}),
          },
        };
        return { answer, focus: { project: project.id, municipality: project.lead, people: people(project.owner, project.deputy) } };
      }
      case 'municipalityContact': {
        const municipalities = question.municipalities.map((name) => index.municipality(name)!);
        const contacts = municipalities.flatMap((municipality) => {
          const inIt = index.municipalityPeople(municipality.name);
          const cdos = inIt.filter((p) => p.roles.includes('cdo'));
          return cdos.length > 0 ? cdos : inIt.filter((p) => p.roles.includes('coordinator'));
        });
        const answer: AskAnswer = { kind: 'municipalityContact', municipalities: municipalities.map((m) => ({ name: m.name, kind: m.kind })), contacts: contacts.map(toPersonCard) };
        return { answer, focus: { ...(municipalities.length === 1 ? { municipality: municipalities[0]!.name } : {}), people: contacts.map((p) => p.email) } };
      }
      case 'role': {
        const all = index.peopleWithRole(question.role).filter((p) => !question.municipality || p.municipality === question.municipality);
        const answer: AskAnswer = {
          kind: 'role',
          role: question.role,
          ...(question.municipality ? { municipality: question.municipality } : {}),
          people: all.slice(0, LIST_LIMIT).map(toPersonCard),
          total: all.length,
          count: question.count ?? false,
        };
        return { answer, focus: { ...(question.municipality ? { municipality: question.municipality } : {}), people: all.slice(0, LIST_LIMIT).map((p) => p.email) } };
      }
      case 'personProjects': {
        const person = index.person(question.person)!;
        const answer: AskAnswer = {
          kind: 'personProjects',
          person: toPersonCard(person),
          owned: toList(index, index.ownedProjects(person.email), directoryPhase),
          deputised: toList(index, index.deputisedProjects(person.email), directoryPhase),
        };
        return { answer, focus: { people: [person.email] } };
      }
      case 'projects':
        return this.projects(index, question.query, question.count ?? false);
    }
  }

  /** The projects that meet every filter of the query, those a municipality leads first when the query names one. */
  private async projects(index: DirectoryIndex, query: ProjectQuery, count: boolean): Promise<{ answer: AskAnswer; focus: Focus }> {
    let round: Omit<Unanswered, 'projectIds'> | undefined;
    let statuses: ReadonlyMap<string, LatestStatus> | undefined;
    let keep: ((p: Project) => boolean) | undefined;
    if (query.status === 'overdue') {
      const unanswered = await this.status?.unanswered();
      const ids = new Set(unanswered?.projectIds ?? []);
      if (unanswered) {
        const { projectIds: _ids, ...rest } = unanswered;
        round = rest;
      }
      keep = (p) => ids.has(p.id);
    } else if (query.status) {
      statuses = await this.latestStatuses();
      const light = query.status;
      keep = (p) => statuses!.get(p.id)?.light === light;
    }
    // A phase is the one last reported (unless the directory says done), as in the report and the dashboard.
    if (query.phases && !statuses) statuses = await this.latestStatuses();
    const reported = statuses;
    const phaseOf = reported ? (p: Project): Phase => currentPhase(p, reported.get(p.id)?.phase) : directoryPhase;
    const projects = selectProjects(index, query, phaseOf, keep);
    const [single] = query.municipalities?.length === 1 ? query.municipalities : [];
    // A municipality's projects: those it leads first, marked (a list by traffic light stays by title).
    const marked = query.status ? undefined : single;
    if (marked) projects.sort((a, b) => Number(b.lead === marked) - Number(a.lead === marked));
    const peopleNames = (query.people ?? []).map((email) => index.person(email)?.name ?? email);
    const answer: AskAnswer = { kind: 'projects', query, peopleNames, count, ...(round ? { round } : {}), projects: toList(index, projects, phaseOf, marked, statuses) };
    const focus: Focus = {
      ...(projects.length === 1 ? { project: projects[0]!.id } : {}),
      ...(single ? { municipality: single } : {}),
      ...(query.people?.length ? { people: query.people } : {}),
    };
    return { answer, focus };
  }
}

/** The question a card choice asks about the entity chosen. */
function questionFor(intent: AskIntent, id: string): Question {
  switch (intent) {
    case 'owner':
    case 'deputy':
    case 'projectDetails':
      return { intent, projects: [id] };
    case 'municipalityContact':
      return { intent, municipalities: [id] };
    case 'personProjects':
      return { intent, person: id };
    case 'municipalityProjects':
    case 'statusProjects':
      return { intent: 'projects', query: { municipalities: [id] } };
    case 'fieldProjects':
      return { intent: 'projects', query: { fields: [id] } };
    case 'coordinators':
      return { intent: 'role', role: 'coordinator' };
    case 'cdos':
      return { intent: 'role', role: 'cdo' };
    case 'phaseProjects':
      return { intent: 'projects', query: {} };
  }
}

/**
 * The projects meeting every filter of a query (and `keep`, the traffic light), by title. Starts from the smallest list a filter gives (a
 * municipality's, a person's, a field's projects) rather than from every project.
 */
function selectProjects(index: DirectoryIndex, query: ProjectQuery, phaseOf: (p: Project) => Phase, keep?: (p: Project) => boolean): Project[] {
  const candidates: (readonly Project[])[] = [];
  if (query.ids) candidates.push(index.inTitleOrder(query.ids.map((id) => index.project(id)).filter((p): p is Project => p !== undefined)));
  for (const m of query.municipalities ?? []) candidates.push(index.municipalityProjects(m));
  for (const email of query.people ?? []) candidates.push(involving(index, email, query.personRole));
  if (query.fields) candidates.push(query.fields.length === 1 ? (index.fieldProjects(query.fields[0]!) ?? []) : index.inTitleOrder(query.fields.flatMap((f) => index.fieldProjects(f) ?? [])));
  const start = candidates.sort((a, b) => a.length - b.length)[0] ?? index.allProjects();
  const municipalities = query.municipalities ?? NONE;
  const people = query.people ?? NONE;
  const { lead, phases, fields, gap, personRole } = query;
  const ids = query.ids && new Set(query.ids);
  const owner = personRole !== 'deputy';
  const deputy = personRole !== 'owner';
  // A plain loop: a phase alone is asked of every project, and this runs on every such question.
  const selected: Project[] = [];
  next: for (let i = 0; i < start.length; i++) {
    const p = start[i]!;
    if (lead && p.lead !== municipalities[0]) continue;
    if (phases && !phases.includes(phaseOf(p))) continue;
    if (fields && !fields.includes(p.field)) continue;
    if (ids && !ids.has(p.id)) continue;
    if (gap && (gap === 'owner' ? p.owner : p.deputy)) continue;
    for (const m of municipalities) if (p.lead !== m && !p.participants.includes(m)) continue next;
    for (const email of people) if (!(owner && p.owner === email) && !(deputy && p.deputy === email)) continue next;
    if (keep && !keep(p)) continue;
    selected.push(p);
  }
  return selected;
}

const NONE: readonly string[] = [];

/** The projects a person owns or deputises (or only one of the two), by title. */
function involving(index: DirectoryIndex, email: string, role: 'owner' | 'deputy' | undefined): readonly Project[] {
  if (role === 'owner') return index.ownedProjects(email);
  if (role === 'deputy') return index.deputisedProjects(email);
  return index.inTitleOrder(new Set([...index.ownedProjects(email), ...index.deputisedProjects(email)]));
}

function header(project: Project): ProjectHeader {
  return { id: project.id, title: project.title, lead: project.lead, phase: project.phase };
}

/** A role the directory does not keep: the roles it keeps (in the municipality, when one was named). */
function unknownRole(index: DirectoryIndex, term: string, municipality: string | undefined): AskAnswer {
  const roles = ROLES.filter((role) => role !== 'member' && index.peopleWithRole(role).some((p) => !municipality || p.municipality === municipality));
  return { kind: 'unknownRole', term, ...(municipality ? { municipality } : {}), roles };
}

/**
 * Checks what an ambiguity card sent back: a known intent and kind and an id of sensible length. Card data
 * comes from outside and may have been tampered with.
 */
export function parseChoice(data: unknown): AskChoice | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const { intent, kind, id } = data as Record<string, unknown>;
  if (typeof intent !== 'string' || !(ASK_INTENTS as readonly string[]).includes(intent)) return undefined;
  if (typeof kind !== 'string' || !(ENTITY_KINDS as readonly string[]).includes(kind)) return undefined;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) return undefined;
  return { intent: intent as AskIntent, kind: kind as EntityKind, id };
}

function toPersonCard(person: Person): PersonCard {
  return { name: person.name, email: person.email, municipality: person.municipality, roles: person.roles };
}

function toList(index: DirectoryIndex, projects: readonly Project[], phaseOf: (p: Project) => Phase, municipality?: string, statuses?: ReadonlyMap<string, LatestStatus>): ProjectList {
  const items = projects.slice(0, LIST_LIMIT).map((p): ProjectLine => {
    const reportedAt = statuses?.get(p.id)?.reportedAt;
    return {
      id: p.id,
      title: p.title,
      phase: phaseOf(p),
      lead: p.lead,
      ownerName: (p.owner && index.person(p.owner)?.name) || '',
      ...(municipality ? { isLead: p.lead === municipality } : {}),
      ...(reportedAt ? { reportedAt } : {}),
    };
  });
  return { items, total: projects.length };
}

/** A project's phase as the directory has it: for lists that read no statuses. */
function directoryPhase(project: Project): Phase {
  return project.phase;
}

function byTitle(a: Project, b: Project): number {
  return GERMAN.compare(a.title, b.title);
}

/** German sort order, one collator for all (creating one per comparison is slow). */
const GERMAN = new Intl.Collator('de');

const exampleCache = new WeakMap<DirectoryIndex, ExampleQuestion[]>();

/**
 * Example questions from the real directory: a project, a municipality, a field and a phase. Never a person:
 * these are shown when something was not found, where no person may be named.
 */
function examples(index: DirectoryIndex): ExampleQuestion[] {
  const cached = exampleCache.get(index);
  if (cached) return cached;
  const result: ExampleQuestion[] = [];
  // The shortest title reads best in an example.
  const projects = [...index.allProjects()].sort((a, b) => a.title.length - b.title.length || byTitle(a, b));
  const project = projects.find((p) => p.owner) ?? projects[0];
  if (project) result.push({ intent: 'owner', project: project.title });
  const municipality = [...index.allMunicipalities()].find((m) => m.kind === 'municipality') ?? [...index.allMunicipalities()][0];
  if (municipality) result.push({ intent: 'municipalityContact', municipality: municipality.name }, { intent: 'municipalityProjects', municipality: municipality.name });
  const field = index.fieldNames().sort(GERMAN.compare)[0];
  if (field) result.push({ intent: 'fieldProjects', field });
  const phase = PHASES.find((ph) => projects.some((p) => p.phase === ph));
  if (phase) result.push({ intent: 'phaseProjects', phase });
  exampleCache.set(index, result);
  return result;
}
