import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { playgroundCommand } from '../../scripts/playground-command';

/** A Microsoft 365 Agents Playground running as a child process against a bot. */
export interface RunningPlayground {
  /** The web client's address, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** What it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Stops it and resolves once it has exited. */
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago on loopback (the Playground takes a port number, not 0). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts the Agents Playground (the project's `.m365agentsplayground.yml`, no browser of its own, no telemetry)
 * against a bot's `/api/messages` on a free port, in `cwd` (it writes `devTools/` there), and resolves once it
 * listens. Rejects with its output when it exits first, as it does on a bad config file.
 */
export async function startPlayground(botMessagesUrl: string, cwd: string, timeoutMs = 30_000): Promise<RunningPlayground> {
  const port = await freePort();
  const command = playgroundCommand(botMessagesUrl, port, { openBrowser: false });
  const child: ChildProcess = spawn(process.execPath, command.args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...command.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Playground did not listen within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(`Listening on ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the Playground exited before it listened:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  // It prints "Listening" before it reads its config file; a bad file makes it exit right after.
  const config = await fetch(`${url}/_internal/v1/config`).catch((error: unknown) => error as Error);
  if (config instanceof Error || config.status !== 200) {
    child.kill('SIGTERM');
    throw new Error(`the Playground does not serve its configuration:\n${output}`);
  }
  await config.body?.cancel();
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
