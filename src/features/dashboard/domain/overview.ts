import type { Directory } from '../../../platform/directory/directory-cache';
import { currentPhase, PHASES, type Municipality, type Person, type Project } from '../../../platform/directory/model';
import type { LatestStatus } from '../../ask';
import type { ApiLight, ApiMunicipality, ApiPhase, ApiProject } from '../api';

/** What a light or phase is called in the reader's language. */
export interface Labels {
  light(light: ApiLight | 'none'): string;
  phase(phase: ApiPhase): string;
}

/** The lights in the order the filters offer them, the absent status last. */
export const LIGHT_KEYS = ['green', 'yellow', 'red', 'none'] as const;

/** How a person appears on the tab: the name, else the e-mail of someone the directory does not know. */
function personName(directory: Directory, email: string): string | undefined {
  if (!email) return undefined;
  return directory.person(email)?.name ?? email;
}

/**
 * The folded search texts of a directory snapshot's projects: folding is most of an overview's work, and a
 * snapshot never changes, so each project's text is folded once per snapshot, not once per request.
 */
const searchTexts = new WeakMap<Project, string>();

function searchTextOf(project: Project, owner: string | undefined, deputy: string | undefined, fold: (text: string) => string): string {
  let text = searchTexts.get(project);
  if (text === undefined) {
    text = fold([project.title, ...project.aliases, project.summary, project.lead, ...project.participants, project.field, owner ?? '', deputy ?? ''].join(' '))
      .replace(/\s+/g, ' ')
      .trim();
    searchTexts.set(project, text);
  }
  return text;
}

/**
 * A project as a row of the table and a cell of the matrix, with its latest status. `fold` is Ask's folding, so
 * the page's search finds what Ask finds.
 */
export function projectRow(project: Project, directory: Directory, status: LatestStatus | undefined, labels: Labels, fold: (text: string) => string): ApiProject {
  const owner = personName(directory, project.owner);
  const deputy = personName(directory, project.deputy);
  const searchText = searchTextOf(project, owner, deputy, fold);
  const phase = currentPhase(project, status?.phase);
  return {
    id: project.id,
    title: project.title,
    lead: project.lead,
    participants: project.participants,
    field: project.field,
    phase,
    phaseLabel: labels.phase(phase),
    ...(owner === undefined ? {} : { owner }),
    ...(deputy === undefined ? {} : { deputy }),
    ...(status ? { light: status.light, statusAt: status.reportedAt.toISOString(), ...(status.progress === undefined ? {} : { progress: status.progress }) } : {}),
    lightLabel: labels.light(status?.light ?? 'none'),
    searchText,
  };
}

const byTitle = (a: Project, b: Project) => a.title.localeCompare(b.title, 'de');

/**
 * The rows of the traffic-light matrix: every municipality in the directory's order with the district first,
 * each with the projects it leads and then those it takes part in, each group by title. The projects of a
 * municipality the directory does not list (a lead spelt differently) are still in the table, not in the matrix.
 */
export function matrixRows(municipalities: readonly Municipality[], projects: readonly Project[]): ApiMunicipality[] {
  const key = (name: string) => name.trim().toLocaleLowerCase('de-DE');
  const lead = new Map<string, ApiMunicipality['projects'][number][]>();
  const taking = new Map<string, ApiMunicipality['projects'][number][]>();
  const add = (map: typeof lead, name: string, entry: ApiMunicipality['projects'][number]) => {
    const list = map.get(name);
    if (list) list.push(entry);
    else map.set(name, [entry]);
  };
  for (const p of [...projects].sort(byTitle)) {
    const leader = key(p.lead);
    add(lead, leader, { id: p.id, role: 'lead' });
    for (const name of new Set(p.participants.map(key))) if (name !== leader) add(taking, name, { id: p.id, role: 'participant' });
  }
  const districtsFirst = [...municipalities].sort((a, b) => Number(a.kind !== 'district') - Number(b.kind !== 'district'));
  return districtsFirst.map((m) => ({ name: m.name, kind: m.kind, projects: [...(lead.get(key(m.name)) ?? []), ...(taking.get(key(m.name)) ?? [])] }));
}

/** The overview's data: matrix rows, table rows by title, and what the filters offer. */
export interface OverviewData {
  readonly municipalities: readonly ApiMunicipality[];
  readonly projects: readonly ApiProject[];
  readonly fields: readonly string[];
  readonly phases: readonly { readonly key: ApiPhase; readonly label: string }[];
  readonly lights: readonly { readonly key: ApiLight | 'none'; readonly label: string }[];
}

/** Builds the overview from the directory in memory and one read of every project's latest status. */
export function buildOverview(directory: Directory, statuses: ReadonlyMap<string, LatestStatus>, labels: Labels, fold: (text: string) => string): OverviewData {
  const projects = [...directory.projects].sort(byTitle);
  const fields = [...new Set(projects.map((p) => p.field).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'de'));
  return {
    municipalities: matrixRows(directory.municipalities, projects),
    projects: projects.map((p) => projectRow(p, directory, statuses.get(p.id), labels, fold)),
    fields,
    phases: PHASES.map((key) => ({ key, label: labels.phase(key) })),
    lights: LIGHT_KEYS.map((key) => ({ key, label: labels.light(key) })),
  };
}

/** The viewer as the API names them. */
export function viewerOf(person: Person, coordinator: boolean): { name: string; email: string; coordinator: boolean } {
  return { name: person.name, email: person.email, coordinator };
}
