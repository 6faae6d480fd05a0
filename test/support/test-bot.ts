import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { startApp, type RunningApp } from '../../src/app';
import type { Clock } from '../../src/platform/clock';
import { parseConfig, type Config } from '../../src/app';
import { createLogger } from '../../src/platform/logger';
import { TeamsActivities, TEST_TENANT, type ActivityOptions, type TeamsActivity } from './activities';
import { testConnectionString, uniquePrefix } from './hooks';
import { TeamsConnector, type TeamsMember } from './teams-connector';

/** Log lines the bot wrote, parsed. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];

  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    callback();
  }

  /** Lines whose message contains the text. */
  find(text: string): Record<string, unknown>[] {
    return this.lines.filter((l) => String(l.msg ?? '').includes(text));
  }
}

/** A user from the sample data: the coordinator at the district, linked by Entra object id. */
export const SAMPLE_COORDINATOR: TeamsMember = {
  id: '29:martina-becker',
  name: 'Martina Becker',
  email: 'm.becker@kreis-coesfeld.example',
  aadObjectId: '3f2a9c4e-1b7d-4e8a-9c01-5a6b7c8d9e01',
  tenantId: TEST_TENANT,
};

/** A Teams user the directory does not know. */
export const STRANGER: TeamsMember = {
  id: '29:stranger',
  name: 'Sam Stranger',
  aadObjectId: '9a9a9a9a-0000-4000-8000-000000000099',
  email: 'sam.stranger@example.org',
  tenantId: TEST_TENANT,
};

export interface TestBot {
  readonly app: RunningApp;
  readonly config: Config;
  readonly connector: TeamsConnector;
  readonly teams: TeamsActivities;
  readonly logs: LogCapture;
  /** Posts an activity to `/api/messages` over HTTP, as the Teams service does. */
  post(activity: TeamsActivity, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /**
   * Posts a message and returns the bot's reply to it (what it sent in answer to that activity), not whatever
   * it happened to send last: proactive messages (check-in cards) may arrive in between.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  reply(activity: TeamsActivity): Promise<any>;
  /**
   * Presses a card button the way Teams does for `Action.Execute` (an `adaptiveCard/action` invoke) and returns
   * the card the bot answered with; fails the test unless that answer is HTTP 200 with an Adaptive Card whose
   * template expressions are all bound.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  invoke(verb: string, data: Record<string, unknown>, options?: ActivityOptions & { replyToId?: string }): Promise<any>;
  close(): Promise<void>;
}

/**
 * Starts the whole bot in this process on a free port, on the run's Azurite with tables of its own, with
 * a Teams connector on loopback. `env` overrides configuration variables; `clock` drives the proactive engine
 * (delivery, scheduler) and the turns' time, `now` the turns' time only.
 */
export async function startTestBot(env: Record<string, string> = {}, options: { connector?: TeamsConnector; now?: () => Date; clock?: Clock } = {}): Promise<TestBot> {
  const connector = options.connector ?? (await TeamsConnector.start());
  const config = parseConfig({
    PORT: '0',
    TABLES_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: uniquePrefix(),
    SAMPLE_DATA: 'true',
    LOG_LEVEL: 'debug',
    ...env,
  });
  const logs = new LogCapture();
  const app = await startApp(config, { logger: createLogger(config.logLevel, logs), now: options.now, clock: options.clock });
  const bot: TestBot = {
    app,
    config,
    connector,
    teams: new TeamsActivities(connector.serviceUrl, SAMPLE_COORDINATOR),
    logs,
    async post(activity, headers = {}) {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body };
    },
    async reply(activity) {
      await bot.post(activity);
      const [reply] = await connector.waitForActivities(1, (c) => c.kind === 'reply' && c.activityId === activity.id);
      return reply!.body;
    },
    async invoke(verb, data, options = {}) {
      const { status, body } = await bot.post(bot.teams.adaptiveCardAction(verb, data, options));
      assert.equal(status, 200);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const response = body as any;
      assert.equal(response.statusCode, 200);
      assert.equal(response.type, 'application/vnd.microsoft.card.adaptive');
      assert.doesNotMatch(JSON.stringify(response.value), /\$\{/, 'every template expression is bound');
      return response.value;
    },
    async close() {
      await app.close();
      if (!options.connector) await connector.close();
    },
  };
  return bot;
}
