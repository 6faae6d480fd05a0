import type { Person, Phase } from '../../../platform/directory/model';
import type { DirectoryData, StrategyReport } from './model';

/**
 * The public project list: what the district may put on its website and open-data portal. Only projects marked
 * `public`, only what describes the project (title, summary, field, municipalities, phase, start and end, goals):
 * never owners, deputies, e-mail addresses, blockers, status texts or money. The free texts are cleaned of e-mail
 * addresses and of the names of the directory's people, in case someone wrote one into a summary.
 */
export interface PublicProject {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly field: string;
  readonly lead: string;
  readonly participants: readonly string[];
  readonly phase: Phase;
  /** `yyyy-MM` or `yyyy-MM-dd`, '' when not given. */
  readonly start: string;
  readonly end: string;
  readonly goals: string;
}

/** Who publishes the list: the district of the directory (its name and website), if it has one. */
export interface Publisher {
  readonly name: string;
  readonly website: string;
}

const EMAIL = /[^\s@<>()[\]{},;:"']+@[^\s@<>()[\]{},;:"']+\.[a-z0-9-]{2,}/gi;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** What stands where a name or an address was. */
const REMOVED = '…';

/**
 * A cleaner of free text: e-mail addresses and the people's full names (any case), and their surnames of three
 * letters or more written as names (capitalised, whole words), become `…`. A surname that is also the name of a
 * municipality stays: it names the place.
 */
export function personalDataCleaner(people: readonly Person[], places: readonly string[]): (text: string) => string {
  const placeNames = new Set(places.map((p) => p.toLocaleLowerCase('de-DE')));
  const fullNames = [...new Set(people.map((p) => p.name.trim()).filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  const surnames = [...new Set(fullNames.map((n) => n.split(/\s+/).at(-1)!).filter((s) => s.length >= 3 && !placeNames.has(s.toLocaleLowerCase('de-DE'))))];
  const word = (alternatives: string[], flags: string) => (alternatives.length === 0 ? undefined : new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, flags));
  const full = word(fullNames, 'giu');
  const last = word(surnames, 'gu');
  return (text) => {
    let cleaned = text.replace(EMAIL, REMOVED);
    if (full) cleaned = cleaned.replace(full, REMOVED);
    if (last) cleaned = cleaned.replace(last, REMOVED);
    return cleaned;
  };
}

/** The public projects of a report (its phase, its order: by field, then title), cleaned. */
export function publicProjects(report: StrategyReport, directory: DirectoryData): PublicProject[] {
  const clean = personalDataCleaner(directory.people, directory.municipalities.map((m) => m.name));
  return report.fields.flatMap((f) =>
    f.projects
      .filter((e) => e.project.public === true)
      .map(({ project, phase }) => ({
        id: project.id,
        title: clean(project.title),
        summary: clean(project.summary),
        field: clean(project.field),
        lead: project.lead,
        participants: project.participants,
        phase,
        start: project.start ?? '',
        end: project.end ?? '',
        goals: clean(project.goals ?? ''),
      })),
  );
}

/** The district of the directory, which publishes the list; the first municipality when there is none. */
export function publisherOf(directory: DirectoryData): Publisher | undefined {
  const district = directory.municipalities.find((m) => m.kind === 'district') ?? directory.municipalities[0];
  return district && { name: district.name, website: district.website };
}
