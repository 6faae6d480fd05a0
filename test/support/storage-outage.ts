import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTableServer, type LocalTableStorage } from '../../src/platform/storage/embedded-table-storage';

/**
 * A Table Storage of its own for tests that take storage down: an Azurite child process with its data in a
 * scratch file, which can be stopped (an outage) and started again on the same port with the same data.
 */
export class StorageOutage {
  private constructor(
    private running: LocalTableStorage | undefined,
    readonly port: number,
    readonly connectionString: string,
    private readonly dbPath: string,
  ) {}

  static async start(): Promise<StorageOutage> {
    const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kuemmerer-outage-')), 'tables.json');
    const storage = await startTableServer({ dbPath });
    return new StorageOutage(storage, storage.port, storage.connectionString, dbPath);
  }

  /** Stops the emulator after it has written its data to disk: from now on storage is unreachable. */
  async stop(): Promise<void> {
    await this.running?.close();
    this.running = undefined;
  }

  /** Starts the emulator again on the same port with the data it had. */
  async restart(): Promise<void> {
    if (this.running) return;
    this.running = await startTableServer({ dbPath: this.dbPath, port: this.port });
  }

  /** Stops the emulator and deletes its data. */
  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(path.dirname(this.dbPath), { recursive: true, force: true });
  }
}
