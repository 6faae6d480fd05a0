import { PHASES, ROLES, type Phase, type Role } from '../../../platform/directory/model';
import type { ProjectQuery, Question } from './answers';
import { filtersOf, namedIds, withoutEmpty, type Interpretation, type QuestionFacts, type Reading } from './intents';
import { ENTITY_KINDS, type EntityKind } from './search-index';
import type { Cue, StatusFilter } from './vocabulary';

/**
 * What Ask remembers of a conversation (stored per conversation, see the platform's conversation memory): the
 * last question it answered and what the answer was about, so that „und Ahaus?“, „Welche davon …?“ or „Wie
 * erreiche ich sie?“ can be read against it.
 */
export interface AskContext {
  /** When the question was answered (milliseconds since 1970). */
  readonly at: number;
  readonly question: Question;
  readonly focus: Focus;
  /**
   * The question named something Kümmerer does not know (its id in `question` is the name as written): only a new
   * subject is read against it („Welche Projekte hat Lütjenburg?“ – „und Moorhusen?“), nothing refers back to it.
   */
  readonly unknown?: true;
}

/** What an answer was about, for the pronouns of a follow-up. */
export interface Focus {
  /** The project asked about, or the only project of a list. */
  readonly project?: string;
  /** The municipality asked about, or the lead of the project asked about. */
  readonly municipality?: string;
  /** The person asked about, else the people the answer named (the owner before the deputy). */
  readonly people?: readonly string[];
}

/** True while a context answers follow-ups: younger than `maxAgeMs` (`ASK_CONTEXT_MINUTES`), and not from the future. */
export function isFresh(context: AskContext, now: Date, maxAgeMs: number): boolean {
  const age = now.getTime() - context.at;
  return age >= 0 && age < maxAgeMs;
}

/** Cue groups that ask something of their own; "welche" or "hat" alone do not. */
const ASKING: readonly Cue[] = ['who', 'owner', 'deputy', 'coordinator', 'contact', 'reach', 'details', 'detailsWeak', 'participation', 'list', 'person', 'municipality'];

/**
 * Reads a question that may continue the last one (see {@link Reading.mayFollowUp}) against it; undefined when
 * the last question does not help (the question then means what it means on its own):
 * - „Welche davon …?“, "how many of those …?": the last list, filtered further;
 * - a new subject without a question („und Ahaus?“, „und in Planung?“): the last question about it;
 * - a question without a subject („und die Vertretung?“, „Wie erreiche ich sie?“, „Wer ist da zuständig?“):
 *   about what the last answer was about — its person for „sie“/„er“, its place for „dort“.
 */
export function followUp({ facts, alone }: Reading, last: AskContext): Interpretation | undefined {
  // „Und wer ist dort der Landrat?“: an office the directory does not keep stays unknown, of the place referred to.
  if (facts.otherRole && !namedIds(facts, 'project') && !namedIds(facts, 'person')) {
    const municipality = namedIds(facts, 'municipality')?.[0] ?? (facts.backReferences.includes('place') ? last.focus.municipality : undefined);
    return { kind: 'unknownRole', term: facts.otherRole, ...(municipality ? { municipality } : {}) };
  }
  const filters = filtersOf(facts);
  const named = ENTITY_KINDS.filter((kind) => namedIds(facts, kind));
  const asks = ASKING.some((c) => facts.cues.has(c)) || facts.role !== undefined || facts.otherRole !== '';
  if (last.unknown) {
    // Only a known name of the same kind takes the unknown one's place.
    const sameKind = named.length === 1 && named[0] === subjectKind(last.question);
    return sameKind && !asks && facts.backReferences.length === 0 ? aboutSomethingElse(facts, filters, last) : undefined;
  }
  const lastList = listOf(last.question);
  if (facts.backReferences.includes('list')) {
    if (!lastList) return undefined;
    // „Bei welchen davon ist er Vertreter?“ after one person's projects: those where that person is the deputy.
    const role = lastList.people?.length === 1 && !filters.people ? (facts.cues.has('deputy') ? 'deputy' : facts.asOwner ? 'owner' : undefined) : undefined;
    return projects('followUp:davon', narrow(lastList, role ? { ...filters, personRole: role } : filters), facts.count);
  }
  // „und Neustadt?“ after a question about a town: a town it does not know (and nobody named for it).
  if (!asks && named.length === 0 && facts.unknownTerm) {
    return { kind: 'unknown', entityKind: facts.termLooksLikePlace ? 'municipality' : subjectKind(last.question), term: facts.unknownTerm, suggestions: [] };
  }
  // "und wer kümmert sich um Wasserstoff?": something it does not know is asked about, not the last subject.
  if (facts.unknownTerm) return undefined;
  // „Welche Projekte gibt es dort im Handlungsfeld X?“: the list the question asks for, of the place talked about.
  const place = last.focus.municipality;
  if (place && facts.backReferences.includes('place') && !namedIds(facts, 'municipality') && alone.kind === 'answer' && alone.question.intent === 'projects' && !alone.question.query.municipalities) {
    return projects('followUp:there', withoutEmpty({ ...alone.question.query, municipalities: [place] }), alone.question.count);
  }
  // „Woran arbeiten sie und Ingrid Hallmann zusammen?“: what the person last named shares with another.
  const person = last.focus.people?.[0];
  const others = namedIds(facts, 'person');
  if (facts.shared && facts.backReferences.includes('person') && person && others?.length === 1 && others[0] !== person) {
    return projects('followUp:shared', withoutEmpty({ ...filters, people: [person, others[0]!], personRole: undefined }), facts.count);
  }
  if (!asks) return aboutSomethingElse(facts, filters, last);
  if (named.length === 0 && (alone.kind !== 'answer' || !facts.backReferences.every((r) => r === 'list'))) return askedOfTheLast(facts, filters, last, lastList);
  return undefined;
}

/** What kind of thing the last question was about. */
function subjectKind(question: Question): EntityKind {
  switch (question.intent) {
    case 'owner':
    case 'deputy':
    case 'projectDetails':
      return 'project';
    case 'municipalityContact':
    case 'role':
      return 'municipality';
    case 'personProjects':
      return 'person';
    case 'projects':
      return question.query.municipalities ? 'municipality' : question.query.people ? 'person' : question.query.fields ? 'field' : 'project';
  }
}

/** The last question as a list of projects, if it was one. */
function listOf(question: Question): ProjectQuery | undefined {
  if (question.intent === 'projects') return question.query;
  if (question.intent === 'personProjects') return { people: [question.person] };
  return undefined;
}

const answer = (rule: string, question: Question): Interpretation => ({ kind: 'answer', rule, question });

function projects(rule: string, query: ProjectQuery, count: boolean | undefined): Interpretation {
  return answer(rule, { intent: 'projects', query, ...(count ? { count: true } : {}) });
}

/** The subject of a list: whose or which projects. A new one replaces the old; the filters stay. */
const SUBJECT_KEYS = ['municipalities', 'lead', 'people', 'personRole', 'ids', 'topic'] as const;

/**
 * „und Ahaus?“, „und in Planung?“: the last list with a new subject or filter in place of the old one. How the
 * old subject was asked about stays with a new one of its kind: what a town leads („Welche Projekte leitet
 * Ahaus?“ – „und Gescher?“), where a person is the deputy.
 */
function replaced(query: ProjectQuery, filters: ProjectQuery): ProjectQuery {
  const newSubject = filters.municipalities !== undefined || filters.people !== undefined;
  const kept = Object.fromEntries(Object.entries(query).filter(([key]) => !newSubject || !(SUBJECT_KEYS as readonly string[]).includes(key)));
  const keptLead = query.lead && query.municipalities && filters.municipalities?.length === 1 && !filters.people ? { lead: true } : {};
  const keptRole = query.personRole && query.people && filters.people?.length === 1 && !filters.municipalities ? { personRole: query.personRole } : {};
  return withoutEmpty({ ...kept, ...filters, ...keptLead, ...keptRole });
}

/** „Welche davon …?“: the last list, narrowed by everything the follow-up names. */
function narrow(query: ProjectQuery, filters: ProjectQuery): ProjectQuery {
  const both = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined) => (a && b ? a.filter((x) => b.includes(x)) : (a ?? b));
  const union = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined) => (a || b ? [...new Set([...(a ?? []), ...(b ?? [])])] : undefined);
  const narrowed = {
    ...query,
    ...filters,
    municipalities: union(query.municipalities, filters.municipalities),
    people: union(query.people, filters.people),
    phases: both(query.phases, filters.phases),
    fields: both(query.fields, filters.fields),
    lead: (query.lead || filters.lead) && union(query.municipalities, filters.municipalities)?.length === 1,
  };
  // Narrowed to nothing ("in planning" of a list in implementation): the filter shows it with an empty list.
  if (query.phases && filters.phases && narrowed.phases?.length === 0) narrowed.phases = filters.phases;
  return withoutEmpty(narrowed);
}

/** A new subject (or filter) and no question of its own: the last question about it. */
function aboutSomethingElse(facts: QuestionFacts, filters: ProjectQuery, last: AskContext): Interpretation | undefined {
  const question = last.question;
  const projectIds = namedIds(facts, 'project');
  const municipalities = namedIds(facts, 'municipality');
  const people = namedIds(facts, 'person');
  const rule = 'followUp:subject';
  switch (question.intent) {
    case 'projects':
    case 'personProjects': {
      if (projectIds) return answer(rule, { intent: 'projectDetails', projects: projectIds });
      if (people?.length === 1 && Object.keys(filters).length === 1 && question.intent === 'personProjects') return answer(rule, { intent: 'personProjects', person: people[0]! });
      if (Object.keys(filters).length === 0 && !facts.count) return undefined;
      return projects(rule, replaced(listOf(question)!, filters), facts.count || (question.intent === 'projects' && question.count));
    }
    case 'owner':
    case 'deputy':
    case 'projectDetails':
    case 'municipalityContact':
      if (projectIds) return answer(rule, { intent: question.intent === 'municipalityContact' ? 'owner' : question.intent, projects: projectIds });
      if (municipalities) return answer(rule, { intent: 'municipalityContact', municipalities });
      if (people?.length === 1) return answer(rule, { intent: 'personProjects', person: people[0]! });
      return undefined;
    case 'role':
      if (municipalities?.length === 1) {
        if (question.role === 'cdo') return answer(rule, { intent: 'municipalityContact', municipalities });
        return answer(rule, { intent: 'role', role: question.role, municipality: municipalities[0]!, ...(question.count ? { count: true } : {}) });
      }
      return undefined;
  }
}

/** Something asked and nothing named: asked of what the last answer was about. */
function askedOfTheLast(facts: QuestionFacts, filters: ProjectQuery, last: AskContext, lastList: ProjectQuery | undefined): Interpretation | undefined {
  const { project, municipality, people = [] } = last.focus;
  const person = people[0];
  const references = facts.backReferences;
  const cue = (...cues: Cue[]) => cues.some((c) => facts.cues.has(c));
  const rule = 'followUp:about';
  if (cue('deputy')) return project ? answer(rule, { intent: 'deputy', projects: [project] }) : undefined;
  if (cue('reach')) {
    const question = last.question;
    // Several people listed (the CDOs of a town, the coordinators): the list again, with how to reach each.
    if ((question.intent === 'municipalityContact' || question.intent === 'role') && people.length > 1) return answer(rule, question);
    return person ? answer(rule, { intent: 'personProjects', person }) : undefined;
  }
  if (facts.role) return answer(rule, { intent: 'role', role: facts.role, ...(municipality ? { municipality } : {}), ...(facts.count ? { count: true } : {}) });
  if (cue('coordinator')) return answer(rule, { intent: 'role', role: 'coordinator' });
  if (cue('contact') && !cue('list')) return municipality ? answer(rule, { intent: 'municipalityContact', municipalities: [municipality] }) : undefined;
  // „Erzähl mir mehr darüber“, „Welche Kommunen sind beteiligt?“: the project's details name them.
  if (cue('details', 'detailsWeak', 'participation') || (cue('municipality') && project)) return project ? answer(rule, { intent: 'projectDetails', projects: [project] }) : undefined;
  // „Wer macht das?“: "who" asks for a person, though "macht" may also ask for a list.
  const listAsked = cue('list') || (cue('listWeak') && !cue('who')) || facts.phases.length > 0 || facts.status !== undefined || facts.gap !== undefined || facts.count;
  // „sie“ with nobody to refer to: the question stands on its own.
  if (references.includes('person') && !person && !references.includes('place') && !references.includes('thing')) return undefined;
  if (listAsked) {
    if (references.includes('person') && person && !references.includes('place')) {
      return Object.keys(filters).length === 0 && !facts.count ? answer(rule, { intent: 'personProjects', person }) : projects(rule, withoutEmpty({ ...filters, people: [person] }), facts.count);
    }
    if ((references.includes('place') || (!lastList && references.length > 0)) && municipality) return projects(rule, withoutEmpty({ ...filters, municipalities: [municipality] }), facts.count);
    if (lastList) return projects(rule, narrow(lastList, filters), facts.count);
    return undefined;
  }
  if (cue('who', 'owner', 'person')) {
    if (project && !(references.includes('place') && municipality && !project)) return answer(rule, { intent: 'owner', projects: [project] });
    if (municipality) return answer(rule, { intent: 'municipalityContact', municipalities: [municipality] });
    if (person) return answer(rule, { intent: 'personProjects', person });
  }
  return undefined;
}

/** Longest id or name a stored context may hold; anything longer is not ours. */
const MAX_ID = 300;
const MAX_IDS = 500;
const STATUS_FILTERS: readonly StatusFilter[] = ['red', 'yellow', 'green', 'overdue'];

/**
 * Checks a context read back from storage (it may come from an older version of Kümmerer, or be damaged):
 * returns it when every part has the expected shape, else undefined (the conversation then starts afresh).
 */
export function parseAskContext(stored: unknown): AskContext | undefined {
  if (!isObject(stored) || typeof stored.at !== 'number' || !Number.isFinite(stored.at)) return undefined;
  const question = parseQuestion(stored.question);
  const focus = parseFocus(stored.focus);
  if (stored.unknown !== undefined && stored.unknown !== true) return undefined;
  return question && focus ? { at: stored.at, question, focus, ...(stored.unknown ? { unknown: true as const } : {}) } : undefined;
}

function parseQuestion(value: unknown): Question | undefined {
  if (!isObject(value)) return undefined;
  const count = value.count === true ? { count: true } : {};
  switch (value.intent) {
    case 'owner':
    case 'deputy':
    case 'projectDetails':
      return ids(value.projects, 1) ? { intent: value.intent, projects: value.projects } : undefined;
    case 'municipalityContact':
      return ids(value.municipalities, 1) ? { intent: 'municipalityContact', municipalities: value.municipalities } : undefined;
    case 'personProjects':
      return id(value.person) ? { intent: 'personProjects', person: value.person } : undefined;
    case 'role':
      if (!(ROLES as readonly unknown[]).includes(value.role) || (value.municipality !== undefined && !id(value.municipality))) return undefined;
      return { intent: 'role', role: value.role as Role, ...(value.municipality !== undefined ? { municipality: value.municipality as string } : {}), ...count };
    case 'projects': {
      const query = parseQuery(value.query);
      return query && { intent: 'projects', query, ...count };
    }
    default:
      return undefined;
  }
}

function parseQuery(value: unknown): ProjectQuery | undefined {
  if (!isObject(value)) return undefined;
  const { municipalities, lead, phases, fields, people, personRole, status, gap, ids: only, topic } = value;
  const optional = (v: unknown, ok: boolean) => v === undefined || ok;
  const valid =
    optional(municipalities, ids(municipalities, 1)) &&
    optional(lead, lead === true) &&
    optional(phases, Array.isArray(phases) && phases.length > 0 && phases.every((p) => (PHASES as readonly unknown[]).includes(p))) &&
    optional(fields, ids(fields, 1)) &&
    optional(people, ids(people, 1)) &&
    optional(personRole, personRole === 'owner' || personRole === 'deputy') &&
    optional(status, (STATUS_FILTERS as readonly unknown[]).includes(status)) &&
    optional(gap, gap === 'owner' || gap === 'deputy') &&
    optional(only, ids(only, 0)) &&
    optional(topic, id(topic));
  if (!valid) return undefined;
  return withoutEmpty({
    municipalities: municipalities as string[] | undefined,
    lead: lead as boolean | undefined,
    phases: phases as Phase[] | undefined,
    fields: fields as string[] | undefined,
    people: people as string[] | undefined,
    personRole: personRole as ProjectQuery['personRole'],
    status: status as StatusFilter | undefined,
    gap: gap as ProjectQuery['gap'],
    ids: only as string[] | undefined,
    topic: topic as string | undefined,
  });
}

function parseFocus(value: unknown): Focus | undefined {
  if (!isObject(value)) return undefined;
  const { project, municipality, people } = value;
  if ((project !== undefined && !id(project)) || (municipality !== undefined && !id(municipality)) || (people !== undefined && !ids(people, 0))) return undefined;
  return {
    ...(project !== undefined ? { project: project as string } : {}),
    ...(municipality !== undefined ? { municipality: municipality as string } : {}),
    ...(people !== undefined ? { people: people as string[] } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function id(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
}

function ids(value: unknown, min: number): value is string[] {
  return Array.isArray(value) && value.length >= min && value.length <= MAX_IDS && value.every(id);
}
