import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../..');
const ENTRY = path.join(ROOT, 'src/index.ts');
/** tsx by absolute path: the child runs in a scratch folder, where a bare `tsx` would not resolve. */
const TSX = pathToFileURL(require.resolve('tsx')).href;

/**
 * A fresh working directory, so a developer's own `.env` in the project root cannot leak into a test;
 * the bot reads `.env` from its working directory.
 */
function scratchDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kuemmerer-proc-'));
}

/**
 * Starts `node --import tsx …args` with exactly the given environment (plus PATH and HOME) in `cwd`, so no
 * developer `.env` leaks in.
 */
function spawnTs(args: readonly string[], env: Record<string, string>, cwd: string): ChildProcess {
  return spawn(process.execPath, ['--import', TSX, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Resolves with the exit code once the child has exited and its output has been read to the end: 'close', not
 * 'exit', which may come while stdout and stderr still hold data.
 */
function closed(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('close', (code: number | null) => resolve(code)));
}

/** What a process that ran to its end wrote, and how it ended. */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node --import tsx …args` (see {@link spawnTs}) to its end and collects its output. Killed after
 * `timeoutMs` so a hanging process fails the test instead of the run.
 */
export async function runToEnd(args: readonly string[], env: Record<string, string>, cwd: string, timeoutMs: number): Promise<CommandResult> {
  const child = spawnTs(args, env, cwd);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await closed(child);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** A bot started as its own process, the way `npm start` runs it. */
export interface BotProcess {
  readonly child: ChildProcess;
  /** Base URL once ready, e.g. http://127.0.0.1:40123 */
  readonly url: string;
  /** Whole lines of stdout (the JSON log) read so far. */
  readonly stdout: string[];
  readonly stderr: string[];
  /** Sends a signal and resolves with the exit code once the output has been read to the end. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /**
   * Resolves with the first JSON log line that matches, as soon as it has been read; rejects after `timeoutMs`
   * with the output so far. The child writes its log asynchronously to the parent: a line may arrive after the
   * HTTP answer to the request that caused it.
   */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Runs `src/index.ts` in a child process with exactly the given environment (plus PATH and HOME) and
 * resolves when it logs that it is ready. Rejects with its output if it exits first.
 */
export async function spawnBot(env: Record<string, string>, options: { readyTimeoutMs?: number; cwd?: string } = {}): Promise<BotProcess> {
  const child = spawnTs(['--disable-warning=DEP0111', ENTRY], { PORT: '0', LOG_LEVEL: 'info', ...env }, options.cwd ?? scratchDir());
  const stdout: string[] = [];
  const stderr: string[] = [];
  const lines = new EventEmitter();
  // A chunk may end inside a line: keep the rest until its newline arrives (or the stream ends).
  let partial = '';
  const addLine = (line: string) => {
    if (!line) return;
    stdout.push(line);
    lines.emit('line', line);
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const pieces = (partial + chunk).split('\n');
    partial = pieces.pop()!;
    pieces.forEach(addLine);
  });
  child.stdout!.on('end', () => {
    addLine(partial);
    partial = '';
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = closed(child);
  const output = () => `${stdout.join('\n')}\n${stderr.join('')}`;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot not ready in time:\n${output()}`)), options.readyTimeoutMs ?? 30_000);
    const onLine = (line: string) => {
      if (!line.includes('Kümmerer is ready')) return;
      clearTimeout(timer);
      lines.off('line', onLine);
      resolve(new URL((JSON.parse(line) as { url: string }).url).origin);
    };
    lines.on('line', onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code} before it was ready:\n${output()}`));
    });
  });
  return {
    child,
    url,
    stdout,
    stderr,
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    waitForLog(match, timeoutMs = 10_000) {
      const found = stdout.map(parseLine).find((line) => line !== undefined && match(line));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onLine = (text: string) => {
          const line = parseLine(text);
          if (line === undefined || !match(line)) return;
          clearTimeout(timer);
          lines.off('line', onLine);
          resolve(line);
        };
        const timer = setTimeout(() => {
          lines.off('line', onLine);
          reject(new Error(`no such log line within ${timeoutMs} ms:\n${output()}`));
        }, timeoutMs);
        lines.on('line', onLine);
      });
    },
  };
}

/**
 * Resolves once the bot has logged 'turn done' for this activity (the last line of a turn, see
 * src/platform/teams/middleware.ts): after it, everything the turn logged has been read.
 */
export async function turnDone(bot: BotProcess, activityId: string, timeoutMs = 10_000): Promise<void> {
  await bot.waitForLog((line) => line.msg === 'turn done' && line.activityId === activityId, timeoutMs);
}

/** Runs `src/index.ts` expecting it to fail at start; resolves with its exit code and output. */
export async function runBotExpectingFailure(env: Record<string, string>, options: { cwd?: string } = {}): Promise<CommandResult> {
  return runToEnd(['--disable-warning=DEP0111', ENTRY], env, options.cwd ?? scratchDir(), 30_000);
}
