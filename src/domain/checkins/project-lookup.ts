import type { Project } from '../directory';
import type { ProjectRepository } from '../repositories';

/**
 * Finds a project from what a person typed after a command (`Status melden E-Akte`). A port: the Ask
 * feature's resolver (typos, partial names) will implement it later; until then {@link DirectoryProjectLookup}.
 */
export interface ProjectLookup {
  find(query: string): Promise<Project | undefined>;
}

/** Lower case, umlauts and ß as ae/oe/ue/ss, and nothing but letters and digits: "Bürger-App" → "buergerapp". */
export function foldName(text: string): string {
  return text
    .toLocaleLowerCase('de-DE')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

/** Exact id, title or alias, ignoring case, umlaut spelling, spaces and punctuation. */
export class DirectoryProjectLookup implements ProjectLookup {
  constructor(private readonly projects: ProjectRepository) {}

  async find(query: string): Promise<Project | undefined> {
    const wanted = foldName(query);
    if (!wanted) return undefined;
    const projects = await this.projects.list();
    return projects.find((p) => [p.id, p.title, ...p.aliases].some((name) => foldName(name) === wanted));
  }
}
