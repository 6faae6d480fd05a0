import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(ROOT, 'src/index.ts');
/** tsx by absolute path: the child runs in a scratch folder, where a bare `tsx` would not resolve. */
const TSX = require.resolve('tsx');

/**
 * A fresh working directory, so a developer's own `.env` in the project root cannot leak into a test;
 * the bot reads `.env` from its working directory.
 */
function scratchDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kuemmerer-proc-'));
}

/** A bot started as its own process, the way `npm start` runs it. */
export interface BotProcess {
  readonly child: ChildProcess;
  /** Base URL once ready, e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs `src/index.ts` in a child process with exactly the given environment (plus PATH and HOME) and
 * resolves when it logs that it is ready. Rejects with its output if it exits first.
 */
export async function spawnBot(env: Record<string, string>, options: { readyTimeoutMs?: number; cwd?: string } = {}): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', pathToFileURL(TSX).href, '--disable-warning=DEP0111', ENTRY], {
    cwd: options.cwd ?? scratchDir(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot not ready in time:\n${stdout.join('\n')}\n${stderr.join('')}`)), options.readyTimeoutMs ?? 30_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        stdout.push(line);
        if (line.includes('Kümmerer is ready')) {
          clearTimeout(timer);
          resolve(new URL((JSON.parse(line) as { url: string }).url).origin);
        }
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code} before it was ready:\n${stdout.join('\n')}\n${stderr.join('')}`));
    });
  });
  return {
    child,
    url,
    stdout,
    stderr,
    async stop(signal = 'SIGINT') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** Runs `src/index.ts` expecting it to fail at start; resolves with its exit code and output. */
export async function runBotExpectingFailure(env: Record<string, string>, options: { cwd?: string } = {}): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ['--import', pathToFileURL(TSX).href, '--disable-warning=DEP0111', ENTRY], {
    cwd: options.cwd ?? scratchDir(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stderr, stdout };
}
