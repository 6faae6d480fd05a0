import type { Repositories } from '../../platform/directory/repositories';
import type { TableStore } from '../../platform/storage/table-store';
import { checkinHistory } from '../checkins';
import type { FundingApplication, FundingFiguresSource } from './domain/model';
import type { ReportSources } from './domain/service';

/**
 * Where a report's data comes from: the directory's three tables, the check-ins' two (through their feature) and the
 * funding figures of every feature that offers them (none, or no application yet: the report says nothing about
 * funding).
 */
export function reportSources(repos: Pick<Repositories, 'municipalities' | 'people' | 'projects'>, store: TableStore, funding: () => readonly FundingFiguresSource[]): ReportSources {
  return {
    async directory() {
      const [municipalities, people, projects] = await Promise.all([repos.municipalities.list(), repos.people.list(), repos.projects.list()]);
      return { municipalities, people, projects };
    },
    history: (since) => checkinHistory(store, since),
    async funding() {
      const providers = funding();
      if (providers.length === 0) return undefined;
      const merged = new Map<string, FundingApplication[]>();
      for (const byProject of await Promise.all(providers.map((p) => p.applicationsByProject()))) {
        for (const [projectId, applications] of byProject) merged.set(projectId, [...(merged.get(projectId) ?? []), ...applications]);
      }
      // The funding radar is always there; a report speaks of funding once there is an application to speak of.
      return [...merged.values()].some((list) => list.length > 0) ? merged : undefined;
    },
  };
}
