import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fork } from 'node:child_process';

/**
 * The public, well-known key of the storage emulator's development account. Not a secret: it is the same in
 * every Azurite installation and only opens an emulator on loopback.
 */
const DEVELOPMENT_ACCOUNT = 'devstoreaccount1';
const DEVELOPMENT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const LOCK_FILE = 'table-storage.lock.json';
const DB_FILE = 'tables.json';
/** How long to wait for another process to start its emulator: a fork that loads Azurite, on a busy machine. */
const START_WAIT_MS = 30_000;
/** How long a command waits for another command on the same folder (an import of thousands of rows). */
const COMMAND_WAIT_MS = 5 * 60_000;

/** A running Table Storage the process can talk to. */
export interface LocalTableStorage {
  readonly connectionString: string;
  readonly port: number;
  /** True when this process runs the emulator, false when it borrows another process's. */
  readonly owned: boolean;
  /** Stops the emulator if this process owns it, after writing its data to disk. */
  close(): Promise<void>;
}

/** The connection string of an emulator listening on a loopback port. */
export function emulatorConnectionString(port: number, host = '127.0.0.1', scheme: 'http' | 'https' = 'http'): string {
  return `DefaultEndpointsProtocol=${scheme};AccountName=${DEVELOPMENT_ACCOUNT};AccountKey=${DEVELOPMENT_KEY};TableEndpoint=${scheme}://${host}:${port}/${DEVELOPMENT_ACCOUNT};`;
}

/** Options of {@link startTableServer}. */
export interface TableServerOptions {
  /** The data file; without, the data is kept in memory only (tests). */
  readonly dbPath?: string;
  /** 0 or unset: a free port. */
  readonly port?: number;
  /** PEM files of a certificate and its key: serve https instead of http. */
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  /** With `tls`: accept Entra bearer tokens (Azurite's `basic` OAuth: issuer, audience and lifetime are checked). */
  readonly oauth?: boolean;
}

/**
 * Starts Azurite's Table service in a child process (see `azurite-process.ts` for why not in this one).
 * With `dbPath` its data lives in that file (autosaved every 5 s, written on close); without, in memory only
 * (tests). The child stops when {@link LocalTableStorage.close} is called or when this process dies.
 */
export async function startTableServer(options: TableServerOptions = {}): Promise<LocalTableStorage & { readonly endpoint: string }> {
  // Same extension as this file: .ts under tsx (the loader is inherited through execArgv), .js when built.
  const entry = path.join(__dirname, `azurite-process${path.extname(__filename)}`);
  const args = [options.dbPath ?? '', String(options.port ?? 0), options.tls?.certFile ?? '', options.tls?.keyFile ?? '', options.oauth ? 'basic' : ''];
  const child = fork(entry, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { ready?: boolean; port?: number; error?: string }) => {
      if (message.ready && message.port) resolve(message.port);
      else reject(new Error(`Table Storage emulator failed to start: ${message.error ?? 'unknown error'}`));
    });
    void exited.then(() => reject(new Error('Table Storage emulator exited during start')));
  });
  let closed = false;
  const scheme = options.tls ? 'https' : 'http';
  return {
    connectionString: emulatorConnectionString(port, '127.0.0.1', scheme),
    endpoint: `${scheme}://127.0.0.1:${port}/${DEVELOPMENT_ACCOUNT}`,
    port,
    owned: true,
    async close() {
      if (closed) return;
      closed = true;
      if (child.connected) child.send('shutdown');
      else child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Lock {
  readonly pid: number;
  readonly port: number;
  readonly owner: 'bot' | 'cli';
}

/** Thrown when the data directory's Table Storage is in use by another process that we must not share with. */
export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
  constructor(
    readonly dataDir: string,
    readonly lock: Lock,
  ) {
    super(`DATA_DIR ${dataDir} is in use by another Kümmerer ${lock.owner === 'bot' ? 'bot' : 'command'} (pid ${lock.pid})`);
    this.name = 'DataDirInUseError';
  }
}

/**
 * `DATA_DIR` cannot hold the embedded Table Storage: it is not a folder this user may write to, its data file
 * cannot be read, or a lock file names a live process whose storage never answers. The message is one line
 * for the operator, naming the variable.
 */
export class DataDirUnusableError extends Error {
  readonly code = 'DATA_DIR_UNUSABLE';
  constructor(
    readonly dataDir: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`DATA_DIR ${dataDir} cannot be used: ${reason}`, options);
    this.name = 'DataDirUnusableError';
  }
}

/**
 * Opens the embedded Table Storage kept in `dataDir`. The bot owns it: it starts the emulator and records
 * its port in a lock file. A CLI command run while the bot is up borrows the bot's emulator through that
 * file instead of opening the same database a second time (two writers on one file would lose data).
 * A command never borrows from another command, which stops its emulator when it is done: it waits for that
 * command to finish and then opens the store itself.
 */
export async function openLocalTableStorage(dataDir: string, role: 'bot' | 'cli'): Promise<LocalTableStorage> {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new DataDirUnusableError(dataDir, `it is not a folder this user can create and write (${(error as NodeJS.ErrnoException).code})`, { cause: error });
  }
  const lockPath = path.join(dataDir, LOCK_FILE);
  let lock: Lock | undefined;
  let listening = false;
  const deadline = Date.now() + (role === 'cli' ? COMMAND_WAIT_MS : START_WAIT_MS);
  while (Date.now() < deadline) {
    lock = readLock(lockPath);
    if (lock && isAlive(lock.pid) && lock.pid !== process.pid) {
      listening = lock.port > 0 && (await isListening(lock.port));
      if (listening && role === 'bot') throw new DataDirInUseError(dataDir, lock);
      if (listening && lock.owner === 'bot') {
        return { connectionString: emulatorConnectionString(lock.port), port: lock.port, owned: false, close: async () => undefined };
      }
      // The other process is still starting its emulator, or is a command that will be done soon: wait.
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    if (lock) fs.rmSync(lockPath, { force: true });
    if (!tryWriteLock(dataDir, lockPath, { pid: process.pid, port: 0, owner: role })) continue;
    let storage: LocalTableStorage;
    try {
      storage = await startTableServer({ dbPath: path.join(dataDir, DB_FILE) });
    } catch (error) {
      fs.rmSync(lockPath, { force: true });
      throw new DataDirUnusableError(dataDir, `the Table Storage emulator cannot open ${DB_FILE} (${(error as Error).message})`, { cause: error });
    }
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, port: storage.port, owner: role } satisfies Lock));
      return {
        ...storage,
        async close() {
          await storage.close();
          if (readLock(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      await storage.close();
      fs.rmSync(lockPath, { force: true });
      throw error;
    }
  }
  if (lock && listening) throw new DataDirInUseError(dataDir, lock);
  throw new DataDirUnusableError(
    dataDir,
    `process ${lock?.pid ?? '?'} holds ${LOCK_FILE} but its Table Storage does not answer; if no Kümmerer runs on this folder, delete that file`,
  );
}

function readLock(lockPath: string): Lock | undefined {
  try {
    const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<Lock>;
    if (typeof lock.pid === 'number' && typeof lock.port === 'number') return { pid: lock.pid, port: lock.port, owner: lock.owner === 'cli' ? 'cli' : 'bot' };
  } catch {
    // missing or half-written: treated as no lock
  }
  return undefined;
}

function tryWriteLock(dataDir: string, lockPath: string, lock: Lock): boolean {
  try {
    fs.writeFileSync(lockPath, JSON.stringify(lock), { flag: 'wx' });
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    throw new DataDirUnusableError(dataDir, `it is not a folder this user can write (${code})`, { cause: error });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
