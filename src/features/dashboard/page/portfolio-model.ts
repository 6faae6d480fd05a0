import { fold } from '../../ask/domain/normalize';
import type { ApiLight, ApiPhase, ApiProject } from '../api';

/** The portfolio table's filters; an empty string means "all". */
export interface Filters {
  readonly municipality: string;
  readonly field: string;
  readonly phase: ApiPhase | '';
  readonly light: ApiLight | 'none' | '';
  readonly owner: string;
  readonly search: string;
}

export const NO_FILTERS: Filters = { municipality: '', field: '', phase: '', light: '', owner: '', search: '' };

export type SortKey = 'title' | 'light' | 'phase' | 'lead' | 'field' | 'owner' | 'statusAt';
export interface Sort {
  readonly key: SortKey;
  readonly descending: boolean;
}

/**
 * Ask's folding (umlauts written out: Dülmen → duelmen), then the written-out umlauts reduced to their vowel on
 * both sides, so that a search typed without umlauts or dots ("Dulmen") finds what Ask's folding alone would
 * only find with them ("Duelmen"). Searching looser than Ask costs little in a filter that shows its matches.
 */
function loose(text: string): string {
  return fold(text).replace(/([aou])e/g, '$1');
}

/** The words of a search, loosely folded. */
function searchWords(search: string): string[] {
  return loose(search)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The projects that pass every filter; a search keeps those whose search text contains every word of it. */
export function filterProjects(projects: readonly ApiProject[], filters: Filters): ApiProject[] {
  const words = searchWords(filters.search);
  return projects.filter((p) => {
    if (filters.municipality && p.lead !== filters.municipality && !p.participants.includes(filters.municipality)) return false;
    if (filters.field && p.field !== filters.field) return false;
    if (filters.phase && p.phase !== filters.phase) return false;
    if (filters.light && (p.light ?? 'none') !== filters.light) return false;
    if (filters.owner && p.owner !== filters.owner) return false;
    if (words.length === 0) return true;
    const text = loose(p.searchText);
    return words.every((word) => text.includes(word));
  });
}

/** Red first: sorting by the light brings what needs attention to the top. */
const LIGHT_ORDER: Readonly<Record<ApiLight | 'none', number>> = { red: 0, yellow: 1, green: 2, none: 3 };
/** A project's way through its phases, paused last. */
const PHASE_ORDER: Readonly<Record<ApiPhase, number>> = { idea: 0, planning: 1, implementation: 2, done: 3, paused: 4 };

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

function compare(a: ApiProject, b: ApiProject, key: SortKey): number {
  switch (key) {
    case 'light':
      return LIGHT_ORDER[a.light ?? 'none'] - LIGHT_ORDER[b.light ?? 'none'];
    case 'phase':
      return PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase];
    case 'statusAt':
      return (a.statusAt ?? '').localeCompare(b.statusAt ?? '');
    default:
      return collator.compare(a[key] ?? '', b[key] ?? '');
  }
}

/** Sorted by the column, ties by title; projects without a value stay at the end either way. */
export function sortProjects(projects: readonly ApiProject[], sort: Sort): ApiProject[] {
  const missing = (p: ApiProject) => (sort.key === 'owner' && !p.owner) || (sort.key === 'statusAt' && !p.statusAt);
  return [...projects].sort((a, b) => {
    const gap = Number(missing(a)) - Number(missing(b));
    if (gap !== 0) return gap;
    const order = compare(a, b, sort.key);
    return (sort.descending ? -order : order) || collator.compare(a.title, b.title);
  });
}

/** The owners named in the projects, sorted, for the owner filter. */
export function ownersOf(projects: readonly ApiProject[]): string[] {
  return [...new Set(projects.flatMap((p) => (p.owner ? [p.owner] : [])))].sort(collator.compare);
}
