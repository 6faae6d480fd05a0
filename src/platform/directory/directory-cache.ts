import { municipalityKey, personKey, projectKey, type Municipality, type Person, type Project } from './model';
import type { DirectoryRepositories } from './repositories';
import { VersionedSnapshot } from '../storage/versioned-snapshot';

/**
 * The whole directory as one instance holds it in memory: lists and the lookups every feature needs. Immutable:
 * a change in storage gives a new snapshot, so a feature may derive its own structures from one (Ask's search
 * index) and keep them as long as the snapshot is current.
 */
export class Directory {
  private readonly peopleByEmail: ReadonlyMap<string, Person>;
  private readonly peopleByAadObjectId: ReadonlyMap<string, Person>;
  private readonly projectsById: ReadonlyMap<string, Project>;
  private readonly municipalitiesByKey: ReadonlyMap<string, Municipality>;

  constructor(
    readonly municipalities: readonly Municipality[],
    readonly people: readonly Person[],
    readonly projects: readonly Project[],
  ) {
    this.peopleByEmail = new Map(people.map((p) => [p.email, p]));
    this.peopleByAadObjectId = new Map(people.filter((p) => p.aadObjectId).map((p) => [p.aadObjectId, p]));
    this.projectsById = new Map(projects.map((p) => [p.id, p]));
    this.municipalitiesByKey = new Map(municipalities.map((m) => [municipalityKey(m.name), m]));
  }

  person(email: string): Person | undefined {
    return this.peopleByEmail.get(personKey(email));
  }

  personByAadObjectId(aadObjectId: string): Person | undefined {
    return this.peopleByAadObjectId.get(aadObjectId.toLowerCase());
  }

  project(id: string): Project | undefined {
    return this.projectsById.get(projectKey(id));
  }

  municipality(name: string): Municipality | undefined {
    return this.municipalitiesByKey.get(municipalityKey(name));
  }
}

/** Where a feature gets the current directory from. */
export interface DirectorySource {
  /**
   * The directory. `latest`: checked against storage now (one point read, and a reload only when it changed),
   * for work that must see an import made a moment ago, such as starting a round; otherwise a copy checked
   * within the last few seconds.
   */
  current(options?: { readonly latest?: boolean }): Promise<Directory>;
}

/**
 * The directory of this instance, kept fresh (see {@link VersionedSnapshot}): every directory write bumps a
 * version marker in storage (see {@link DirectoryVersionRepository}); at most once per `checkIntervalMs` a reader
 * reads that one marker, and only when it changed is the directory listed again. So an import or edit on any
 * instance is seen everywhere within the interval, and a question or a turn never reads whole tables.
 */
export class DirectoryCache implements DirectorySource {
  private readonly snapshot: VersionedSnapshot<Directory>;

  constructor(repos: DirectoryRepositories, options: { readonly now: () => Date; readonly checkIntervalMs: number }) {
    this.snapshot = new VersionedSnapshot(
      {
        version: () => repos.directoryVersion.current(),
        load: async () => {
          const [municipalities, people, projects] = await Promise.all([repos.municipalities.list(), repos.people.list(), repos.projects.list()]);
          return new Directory(municipalities, people, projects);
        },
      },
      options,
    );
  }

  /** The current directory: from memory, or read again when the stored version moved on since the last check. */
  current(options: { readonly latest?: boolean } = {}): Promise<Directory> {
    return this.snapshot.current(options);
  }
}
