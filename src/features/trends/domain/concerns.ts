import type { Directory, DirectorySource } from '../../../platform/directory/directory-cache';
import type { Project } from '../../../platform/directory/model';
import { isFiller, stem, words } from '../../ask';
import { PhraseMatcher } from './phrases';

const GERMAN = new Intl.Collator('de');

/** Title words shorter than this say too little to tie a note to a project by themselves. */
const SIGNIFICANT_LENGTH = 5;

/** The names a project goes by: title, the parts of a title ("E-Akte" of "E-Akte (digitale Verwaltungsakte)"), aliases, id. */
export function projectNames(project: Project): string[] {
  const names = [project.title, project.id, ...project.aliases];
  const parenthesis = /\(([^)]*)\)/.exec(project.title);
  if (parenthesis) names.push(project.title.replace(parenthesis[0], ' ').trim(), parenthesis[1]!.trim());
  for (const separator of [':', ' / ', ' – ', ' - ']) if (project.title.includes(separator)) names.push(...project.title.split(separator).map((s) => s.trim()));
  return names.filter(Boolean);
}

/**
 * Which projects of the directory a text (a trend note, a feed entry) concerns: those one of whose names appears
 * in it, and, for a note filed under a field of action, the projects of that field one of whose significant title
 * words appears in it (a word of five letters or more that no other project's title uses: "Assistenten" ties a
 * note on "KI-Assistenten in Bürgerbüros" in the field Bürgerservice to the project "KI-Assistent für
 * Bürgeranfragen"). Built once per directory snapshot.
 */
export class ProjectConcerns {
  private readonly names: PhraseMatcher<Project>;
  private readonly fields: PhraseMatcher<string>;
  /** Per field of action: significant title word (stemmed) → the project using it. */
  private readonly significant = new Map<string, Map<string, Project>>();

  constructor(private readonly projects: readonly Project[]) {
    this.names = new PhraseMatcher(projects.flatMap((p) => projectNames(p).map((name) => [name, p] as const)));
    this.fields = new PhraseMatcher([...new Set(projects.map((p) => p.field).filter(Boolean))].map((f) => [f, f] as const));
    const usage = new Map<string, Project[]>();
    for (const project of projects) {
      for (const word of new Set(words(project.title).filter((w) => w.length >= SIGNIFICANT_LENGTH && !isFiller(w)).map(stem))) {
        usage.set(word, [...(usage.get(word) ?? []), project]);
      }
    }
    for (const [word, users] of usage) {
      if (users.length !== 1 || !users[0]!.field) continue;
      const project = users[0]!;
      const byWord = this.significant.get(project.field) ?? new Map<string, Project>();
      byWord.set(word, project);
      this.significant.set(project.field, byWord);
    }
  }

  /** The projects the text concerns, in the directory's order. */
  concerned(text: string, field = ''): Project[] {
    const found = new Set(this.names.find(text).map((hit) => hit.value));
    const byWord = field ? this.significant.get(field) : undefined;
    if (byWord) for (const word of words(text)) {
      const project = byWord.get(stem(word));
      if (project) found.add(project);
    }
    return this.projects.filter((p) => found.has(p));
  }

  /** The fields of action named in the text. */
  fieldsIn(text: string): string[] {
    return this.fields.find(text).map((hit) => hit.value);
  }

  /** Every field of action of the directory, sorted the German way. */
  fieldNames(): string[] {
    return [...new Set(this.projects.map((p) => p.field).filter(Boolean))].sort(GERMAN.compare);
  }
}

/** {@link ProjectConcerns} of the current directory: built once per directory snapshot, shared by notes and feeds. */
export class ProjectConcernsSource {
  private built: { readonly directory: Directory; readonly concerns: ProjectConcerns } | undefined;

  constructor(private readonly directory: DirectorySource) {}

  /** The current directory and its matcher. */
  async current(): Promise<{ readonly directory: Directory; readonly concerns: ProjectConcerns }> {
    const directory = await this.directory.current();
    if (this.built?.directory !== directory) this.built = { directory, concerns: new ProjectConcerns(directory.projects) };
    return this.built;
  }
}
