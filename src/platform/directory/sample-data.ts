import path from 'node:path';
import { DIRECTORY_KINDS, importDirectory, type ImportProblem } from './import';
import type { Repositories } from './repositories';
import { readTable } from '../files/tabular';
import { SAMPLE_DATA_DIR } from '../paths';

/** The sample data did not pass the importer's checks: a defect of the repository, not of the user. */
export class SampleDataError extends Error {
  readonly code = 'SAMPLE_DATA_INVALID';
  constructor(
    readonly file: string,
    readonly problems: readonly ImportProblem[],
  ) {
    super(`${file}: ${problems.map((p) => `row ${p.row} ${p.column} ${p.code} ${JSON.stringify(p.params)}`).join('; ')}`);
    this.name = 'SampleDataError';
  }
}

/**
 * Loads the illustrative Kreis Coesfeld data (`sample-data/*.csv`) through the same importer as the CLI,
 * but only when municipalities, people and projects are all empty: never over data someone imported.
 * Returns whether it loaded anything.
 */
export async function loadSampleDataIfEmpty(repos: Repositories, directory = SAMPLE_DATA_DIR): Promise<boolean> {
  const [municipalities, people, projects] = await Promise.all([repos.municipalities.list(), repos.people.list(), repos.projects.list()]);
  if (municipalities.length + people.length + projects.length > 0) return false;
  for (const kind of DIRECTORY_KINDS) {
    const file = path.join(directory, `${kind}.csv`);
    const result = await importDirectory(repos, kind, await readTable(file), { dryRun: false });
    if (!result.ok) throw new SampleDataError(file, result.problems);
  }
  return true;
}
