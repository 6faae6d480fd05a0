import { startTableServer, type LocalTableStorage } from '../../src/platform/storage/embedded-table-storage';

/**
 * Root hooks: one Azurite Table service for the whole run (a child process, see azurite-process.ts), in memory,
 * on a free port.
 * Tests isolate themselves by table prefix (see {@link uniquePrefix}).
 */
let azurite: LocalTableStorage | undefined;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(30_000);
    azurite = await startTableServer();
  },
  async afterAll() {
    await azurite?.close();
  },
};

/** The connection string of the test run's Azurite. */
export function testConnectionString(): string {
  if (!azurite) throw new Error('Azurite is not running: test/support/hooks.ts must be loaded as a root hook');
  return azurite.connectionString;
}

let counter = 0;
/** A table prefix no other test uses, so each test works on its own empty tables. */
export function uniquePrefix(): string {
  counter += 1;
  return `t${process.pid}x${counter}x${Math.random().toString(36).slice(2, 8)}`;
}
