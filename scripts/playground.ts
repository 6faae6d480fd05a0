import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readEnvironment } from '../src/platform/config';
import { playgroundCommand } from './playground-command';

const ROOT = path.resolve(__dirname, '..');
const HEALTH_TIMEOUT_MS = 60_000;

function port(value: string | undefined, fallback: number, name: string): number {
  const n = Number(value?.trim() || fallback);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number from 1 to 65535, got "${value}"`);
  return n;
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`the bot did not answer 200 on ${url} within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

/**
 * Runs the built bot (`dist/index.js`) and, once its `/healthz` answers 200, the Microsoft 365 Agents
 * Playground against it, with the Teams context from `.m365agentsplayground.yml`. Ctrl-C stops both (the bot
 * saves its embedded storage on SIGINT); when either stops on its own, the other is stopped and its exit
 * code becomes ours. Ports: `PORT` (bot, default 3978) and `PLAYGROUND_PORT` (default 56150), from the
 * environment or `.env`.
 */
async function main(): Promise<void> {
  // The bot reads `.env` under the environment, so the port must be read the same way.
  const env = readEnvironment(path.join(ROOT, '.env'));
  const botPort = port(env.PORT, 3978, 'PORT');
  const playgroundPort = port(env.PLAYGROUND_PORT, 56150, 'PLAYGROUND_PORT');

  const children: ChildProcess[] = [];
  let stopping = false;
  let exitCode: number | undefined;
  const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (running(child)) child.kill('SIGINT');
  };
  const start = (name: string, args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'inherit', 'inherit'] });
    children.push(child);
    child.on('error', (error) => {
      console.error(`Could not start the ${name}: ${error.message}`);
      exitCode ??= 1;
      stop();
    });
    child.on('exit', (code) => {
      if (!stopping) exitCode ??= code ?? 1;
      stop();
      if (!children.some(running)) process.exit(exitCode ?? children[0]?.exitCode ?? 0);
    });
    return child;
  };
  // npm and the terminal may both deliver a Ctrl-C; stop() forwards it once.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);

  // The Playground sends `en-US` on every activity; the group works in German, so the bot answers in German here
  // unless FORCE_LOCALE says otherwise (FORCE_LOCALE=en, or empty to follow the Playground).
  const forceLocale = process.env.FORCE_LOCALE ?? env.FORCE_LOCALE ?? 'de';
  start('bot', [path.join(ROOT, 'dist', 'index.js')], { ...process.env, FORCE_LOCALE: forceLocale });
  try {
    await waitForHealth(`http://127.0.0.1:${botPort}/healthz`);
  } catch (error) {
    console.error(`Playground not started: ${(error as Error).message}`);
    exitCode = 1;
    stop();
    return;
  }
  if (stopping) return;

  const playground = playgroundCommand(`http://127.0.0.1:${botPort}/api/messages`, playgroundPort, { configPath: process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH });
  start('Playground', playground.args, { ...process.env, ...playground.env });
  console.log(`Agents Playground: open http://localhost:${playgroundPort} (Ctrl-C stops bot and Playground)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
