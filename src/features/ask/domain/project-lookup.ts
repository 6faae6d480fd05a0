import type { IndexSource } from './ask-service';
import { resolveName } from './intents';
import { compact } from './normalize';
import type { Project } from '../../../platform/directory/model';

/** A project offered when a name fits several, or suggested when it fits none well. */
export interface ProjectCandidate {
  readonly id: string;
  readonly title: string;
}

/** What a name typed after a command names. */
export type ProjectMatch =
  | { readonly kind: 'found'; readonly project: Project }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly ProjectCandidate[] }
  | { readonly kind: 'unknown'; readonly suggestions: readonly ProjectCandidate[] };

/** Finds a project from what a person typed after a command (`Status melden E-Akte`). */
export interface ProjectLookup {
  find(query: string): Promise<ProjectMatch>;
}

/**
 * Projects found the way Ask finds them in questions — typos, aliases, partial names, umlauts written out —
 * from the instance's search index (kept fresh by the `DirectoryCache`, so a command reads no table). A name
 * written exactly as a project's id, title or alias is that project, whatever else it resembles.
 */
export class AskProjectLookup implements ProjectLookup {
  constructor(private readonly index: IndexSource) {}

  async find(query: string): Promise<ProjectMatch> {
    const index = await this.index.current();
    if (!compact(query)) return { kind: 'unknown', suggestions: [] };
    const exact = index.projectNamed(query);
    if (exact) return { kind: 'found', project: exact };
    const resolution = resolveName(query, index, 'project');
    const candidate = (c: { id: string; label: string }): ProjectCandidate => ({ id: c.id, title: c.label });
    switch (resolution.kind) {
      case 'found':
        return { kind: 'found', project: index.project(resolution.entity.id)! };
      case 'ambiguous':
        return { kind: 'ambiguous', candidates: resolution.candidates.map(candidate) };
      case 'unknown':
        return { kind: 'unknown', suggestions: resolution.suggestions.map(candidate) };
    }
  }
}
