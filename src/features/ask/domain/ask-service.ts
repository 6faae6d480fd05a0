import { PHASES, type Person, type Phase, type Project } from '../../../platform/directory/model';
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
  type ProjectLine,
  type ProjectList,
} from './answers';
import { interpret, type Interpretation } from './intents';
import { ENTITY_KINDS, type DirectoryIndex, type EntityKind } from './search-index';
import type { StatusFilter } from './vocabulary';

/** Where the use case gets the current search index from (see {@link SearchIndexCache}). */
export interface IndexSource {
  current(): Promise<DirectoryIndex>;
}

/** What to answer: an understood question, or the question of a card choice for the entity chosen. */
type Question = Omit<Extract<Interpretation, { kind: 'answer' }>, 'kind'>;

/** A choice from an ambiguity card, as the card sends it back. Validated by {@link parseChoice}. */
interface AskChoice {
  readonly intent: AskIntent;
  readonly kind: EntityKind;
  readonly id: string;
}

/**
 * Ask: answers questions about projects and responsibilities from free text, German or English, out of the
 * in-memory index. Returns what to say as data ({@link AskAnswer}); never a person for something it did not
 * find.
 */
export class AskService {
  constructor(
    private readonly index: IndexSource,
    /** The latest status of projects, from the feature that keeps it (check-ins), if any. */
    private readonly statusSource: () => LatestStatusSource | undefined = () => undefined,
  ) {}

  private get status(): LatestStatusSource | undefined {
    return this.statusSource();
  }

  /** Answers a question (mention already stripped). */
  async ask(question: string): Promise<AskAnswer> {
    const index = await this.index.current();
    const interpretation = interpret(question.slice(0, 500), index);
    switch (interpretation.kind) {
      case 'none':
        return { kind: 'notUnderstood' };
      case 'ambiguous':
        return { kind: 'ambiguous', intent: interpretation.intent, candidates: interpretation.candidates };
      case 'unknown':
        return { kind: 'unknown', entityKind: interpretation.entityKind, term: interpretation.term, suggestions: interpretation.suggestions, examples: examples(index) };
      case 'answer':
        return this.answer(index, interpretation);
    }
  }

  /** Answers the question of an ambiguity card for the entity the user chose. */
  async choose(choice: AskChoice): Promise<AskAnswer> {
    const index = await this.index.current();
    const target = index.entity(choice.kind, choice.id);
    if (!target || INTENT_KIND[choice.intent] !== choice.kind) return { kind: 'unknown', entityKind: choice.kind, term: '', suggestions: [], examples: examples(index) };
    return this.answer(index, { intent: choice.intent, target });
  }

  /**
   * Projects by the traffic light of their latest status, or those that have not answered in the latest round
   * ("overdue"); of one municipality (lead or participant) when given. Without check-ins, none.
   */
  private async statusProjects(index: DirectoryIndex, status: StatusFilter, municipality: string | undefined): Promise<AskAnswer> {
    const ofMunicipality = (p: Project) => !municipality || p.lead === municipality || p.participants.includes(municipality);
    const scope = { status, ...(municipality ? { municipality } : {}) };
    if (status === 'overdue') {
      const unanswered = await this.status?.unanswered();
      if (!unanswered) return { kind: 'statusProjects', ...scope, projects: { items: [], total: 0 } };
      const { projectIds, ...round } = unanswered;
      const ids = new Set(projectIds);
      return { kind: 'statusProjects', ...scope, round, projects: toList(index, index.allProjects().filter((p) => ids.has(p.id) && ofMunicipality(p))) };
    }
    const statuses = (await this.status?.latestStatuses()) ?? new Map<string, LatestStatus>();
    const projects = index.allProjects().filter((p) => statuses.get(p.id)?.light === status && ofMunicipality(p));
    return { kind: 'statusProjects', ...scope, projects: toList(index, projects, undefined, statuses) };
  }

  private async answer(index: DirectoryIndex, { intent, target, phase, field, status }: Question): Promise<AskAnswer> {
    const personCard = (email: string) => {
      const person = email ? index.person(email) : undefined;
      return person && toPersonCard(person);
    };
    const id = target?.id ?? '';
    switch (intent) {
      case 'owner':
      case 'deputy': {
        const project = index.project(id)!;
        const header = { id: project.id, title: project.title, lead: project.lead, phase: project.phase };
        return { kind: intent, project: header, owner: personCard(project.owner), deputy: personCard(project.deputy) };
      }
      case 'projectDetails': {
        const project = index.project(id)!;
        const latestStatus = this.status ? await this.status.latestStatus(project.id) : undefined;
        return {
          kind: 'projectDetails',
          project: {
            id: project.id,
            title: project.title,
            summary: project.summary,
            phase: project.phase,
            field: project.field,
            lead: project.lead,
            participants: project.participants,
            aliases: project.aliases,
            owner: personCard(project.owner),
            deputy: personCard(project.deputy),
            ...(latestStatus ? { latestStatus } : {}),
          },
        };
      }
      case 'municipalityContact': {
        const municipality = index.municipality(id)!;
        const people = index.municipalityPeople(municipality.name);
        let contacts = people.filter((p) => p.roles.includes('cdo'));
        if (contacts.length === 0) contacts = people.filter((p) => p.roles.includes('coordinator'));
        return { kind: 'municipalityContact', municipality: { name: municipality.name, kind: municipality.kind }, contacts: contacts.map(toPersonCard) };
      }
      case 'coordinators':
      case 'cdos': {
        const role = intent === 'cdos' ? 'cdo' : 'coordinator';
        const people = index.peopleWithRole(role);
        return { kind: intent, people: people.slice(0, LIST_LIMIT).map(toPersonCard), total: people.length };
      }
      case 'municipalityProjects': {
        const name = index.municipality(id)!.name;
        const projects = filterProjects(index.municipalityProjects(name), phase, field);
        // Projects it leads first (the sort is stable: by title within each group).
        projects.sort((a, b) => Number(b.lead === name) - Number(a.lead === name));
        return { kind: 'municipalityProjects', municipality: name, ...(phase ? { phase } : {}), ...(field ? { field } : {}), projects: toList(index, projects, name) };
      }
      case 'personProjects': {
        const person = index.person(id)!;
        return {
          kind: 'personProjects',
          person: toPersonCard(person),
          owned: toList(index, index.ownedProjects(person.email)),
          deputised: toList(index, index.deputisedProjects(person.email)),
        };
      }
      case 'phaseProjects':
        return { kind: 'phaseProjects', phase: phase!, projects: toList(index, filterProjects(index.allProjects(), phase, undefined)) };
      case 'fieldProjects': {
        const projects = filterProjects(index.fieldProjects(id) ?? [], phase, undefined);
        return { kind: 'fieldProjects', field: id, ...(phase ? { phase } : {}), projects: toList(index, projects) };
      }
      case 'statusProjects':
        // Only a question asks for one (a card choice never does), and its rule requires the status.
        return this.statusProjects(index, status!, target?.id);
    }
  }
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

function filterProjects(projects: readonly Project[], phase: Phase | undefined, field: string | undefined): Project[] {
  return projects.filter((p) => (!phase || p.phase === phase) && (!field || p.field === field));
}

function toPersonCard(person: Person): PersonCard {
  return { name: person.name, email: person.email, municipality: person.municipality, roles: person.roles };
}

function toList(index: DirectoryIndex, projects: readonly Project[], municipality?: string, statuses?: ReadonlyMap<string, LatestStatus>): ProjectList {
  const items = projects.slice(0, LIST_LIMIT).map((p): ProjectLine => {
    const reportedAt = statuses?.get(p.id)?.reportedAt;
    return {
      id: p.id,
      title: p.title,
      phase: p.phase,
      lead: p.lead,
      ownerName: (p.owner && index.person(p.owner)?.name) || '',
      ...(municipality ? { isLead: p.lead === municipality } : {}),
      ...(reportedAt ? { reportedAt } : {}),
    };
  });
  return { items, total: projects.length };
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
