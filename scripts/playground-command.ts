import path from 'node:path';

/** The project's Teams context for the Playground: users, chats and team matching the sample data. */
export const PLAYGROUND_CONFIG = path.resolve(__dirname, '..', '.m365agentsplayground.yml');

/**
 * The command line (for `node`) and environment that start the Microsoft 365 Agents Playground against a bot,
 * for `npm run playground` and the browser tests alike.
 */
export function playgroundCommand(
  botMessagesUrl: string,
  port: number,
  options: { configPath?: string; openBrowser?: boolean } = {},
): { args: string[]; env: Record<string, string> } {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const env: Record<string, string> = {
    // The CLI has no option for its config file; it reads this variable, else the file in its working directory.
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath ?? PLAYGROUND_CONFIG,
  };
  // Without this it tries to open the system's browser on the page.
  if (options.openBrowser === false) env.TEAMSAPPTESTER_BROWSER = 'none';
  return { args: [cli, 'start', '-e', botMessagesUrl, '-c', 'msteams', '--disable-telemetry', '-p', String(port)], env };
}
