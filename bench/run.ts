import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench [-- NAME…]`: runs every `bench/*.bench.ts` (or those whose file name contains one of the
 * given names), one after the other in this process. Each module exports `title` and `run()`, and prints its
 * own measurements as ratios against a baseline measured side by side in the same run.
 */
export interface BenchModule {
  readonly title: string;
  run(): Promise<void>;
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
    .sort();
  if (files.length === 0) {
    console.error(`No benchmark matches ${filters.join(', ')}`);
    process.exit(2);
  }
  for (const file of files) {
    const bench = (await import(path.join(__dirname, file))) as BenchModule;
    console.log(`\n== ${bench.title} (${file})`);
    await bench.run();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
