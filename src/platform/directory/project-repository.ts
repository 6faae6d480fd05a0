import { factSheetTexts, projectKey, withFactSheet, type Phase, type Priority, type Project } from './model';
import type { ProjectRepository } from './repositories';
import { TableDirectoryVersionRepository } from './directory-version-repository';
import { encodeKey, getEntity, listPartition, TABLES, upsertPartition, type TableStore } from '../storage/table-store';

/**
 * Table `projects`. One partition `project`, RowKey = project id: details are point reads by id, and the
 * search index loads the whole list with one partition query; imports write 100 per transaction.
 * Lists (aliases, participants) are stored as JSON arrays so a value may contain any character. The fact sheet's
 * fields are stored as text ('' when not given; the budget in euros as a decimal number written as text, so that
 * neither a missing value nor a large integer needs a type of its own), and read back leaving the empty ones out.
 */
const PARTITION = 'project';

interface ProjectEntity {
  id: string;
  title: string;
  aliases: string;
  field: string;
  lead: string;
  participants: string;
  owner: string;
  deputy: string;
  phase: string;
  summary: string;
  goals?: string;
  priority?: string;
  start?: string;
  end?: string;
  indicators?: string;
  budget?: string;
  public?: boolean;
}

/** Every upsert moves the directory version on (see {@link TableDirectoryVersionRepository}). */
export class TableProjectRepository implements ProjectRepository {
  constructor(
    private readonly store: TableStore,
    private readonly version = new TableDirectoryVersionRepository(store),
  ) {}

  private get table() {
    return this.store.table(TABLES.projects);
  }

  async list(): Promise<Project[]> {
    const entities = await listPartition<ProjectEntity>(this.table, PARTITION);
    return entities.map(toProject).sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<Project | undefined> {
    const entity = await getEntity<ProjectEntity>(this.table, PARTITION, encodeKey(projectKey(id)));
    return entity && toProject(entity);
  }

  async upsert(items: readonly Project[]): Promise<void> {
    await upsertPartition(
      this.table,
      items.map((p) => ({
        partitionKey: PARTITION,
        rowKey: encodeKey(projectKey(p.id)),
        id: p.id,
        title: p.title,
        aliases: JSON.stringify(p.aliases),
        field: p.field,
        lead: p.lead,
        participants: JSON.stringify(p.participants),
        owner: p.owner,
        deputy: p.deputy,
        phase: p.phase,
        summary: p.summary,
        ...factSheetTexts(p),
        public: p.public === true,
      })),
    );
    if (items.length > 0) await this.version.bump();
  }
}

function toProject(entity: ProjectEntity): Project {
  const project: Project = {
    id: entity.id,
    title: entity.title,
    aliases: parseList(entity.aliases),
    field: entity.field ?? '',
    lead: entity.lead ?? '',
    participants: parseList(entity.participants),
    owner: entity.owner ?? '',
    deputy: entity.deputy ?? '',
    phase: entity.phase as Phase,
    summary: entity.summary ?? '',
  };
  return withFactSheet(project, {
    goals: entity.goals ?? '',
    priority: (entity.priority ?? '') as Priority | '',
    start: entity.start ?? '',
    end: entity.end ?? '',
    indicators: entity.indicators ?? '',
    budget: entity.budget ? Number(entity.budget) : undefined,
    public: entity.public === true,
  });
}

function parseList(json: string | undefined): string[] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.map(String) : [];
}
