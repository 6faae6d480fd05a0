import { startApp, parseConfig, type RunningApp } from '../src/app';
import type { Person, Project } from '../src/platform/directory/model';
import type { OutboxItem } from '../src/platform/delivery/outbox';
import { createLogger } from '../src/platform/logger';
import { startTableServer, type LocalTableStorage } from '../src/platform/storage/embedded-table-storage';
import { TeamsActivities, TEST_TENANT } from '../test/support/activities';
import { benchChat } from './chats';
import { TeamsConnector, type ConnectorCall, type TeamsMember } from '../test/support/teams-connector';

export const title = 'Check-in round: 300 cards from the coordinator\'s command to the last card, beside the pipeline alone, under Teams limits with 2 % injected 500s';

const OWNERS = 300;
const FAULT_RATE = 0.02;
/** Teams' limit for one app in one tenant; with one message per recipient it is the one that binds. */
const APP_LIMIT_PER_SECOND = 50;
const COORDINATOR: TeamsMember = { id: '29:bench-coordinator', name: 'Kora Koordination', aadObjectId: '0c0c0c0c-0000-4000-8000-000000000001', email: 'kora@kreis.example', tenantId: TEST_TENANT };

interface Measured {
  /** From the start (the command, or the enqueue) to the first card Teams received. */
  readonly firstMs: number;
  /** From the start to the last card Teams accepted. */
  readonly elapsedMs: number;
  /** Every request Teams saw: cards, repeats after faults, the reply to the coordinator. */
  readonly requests: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly violations: number;
}

/** One owner per project, each with a 1:1 chat with the bot. */
function owners(count: number): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(4, '0');
    return { email: `owner${n}@kommune.example`, name: `Owner ${n}`, roles: ['cdo'], municipality: 'Benchstadt', aadObjectId: `00000000-0000-4000-8000-00000000${n}` };
  });
}

/** The bot on its own in-memory Table Storage with 300 owners, their projects and their 1:1 chats, and a connector enforcing the limits. */
async function stack(count: number): Promise<{ app: RunningApp; connector: TeamsConnector; tables: LocalTableStorage; people: Person[]; close(): Promise<void> }> {
  const tables = await startTableServer();
  const connector = await TeamsConnector.start();
  const config = parseConfig({ PORT: '0', TABLES_CONNECTION_STRING: tables.connectionString, TABLE_PREFIX: 'bench', SAMPLE_DATA: 'false', LOG_LEVEL: 'warn', CHECKIN_SCHEDULE: 'off' });
  const app = await startApp(config, { logger: createLogger('warn') });
  const people = owners(count);
  await app.storage.repos.municipalities.upsert([{ name: 'Benchstadt', kind: 'municipality', website: '' }]);
  await app.storage.repos.people.upsert([...people, { email: COORDINATOR.email!, name: COORDINATOR.name, roles: ['coordinator'], municipality: 'Benchstadt', aadObjectId: COORDINATOR.aadObjectId }]);
  const projects: Project[] = people.map((p, i) => ({ id: `projekt-${String(i).padStart(4, '0')}`, title: `Projekt ${i}`, aliases: [], field: 'Verwaltung', lead: 'Benchstadt', participants: [], owner: p.email, deputy: '', phase: 'implementation', summary: '' }));
  await app.storage.repos.projects.upsert(projects);
  for (const person of people) await app.storage.repos.conversations.add(benchChat(person.aadObjectId, connector.serviceUrl, 'de-DE'));
  connector.enforceLimits();
  connector.injectRandomFaults({ rate: FAULT_RATE, status: 500, seed: 2025 });
  return {
    app,
    connector,
    tables,
    people,
    async close() {
      await app.close();
      await connector.close();
      await tables.close();
    },
  };
}

/** Waits until every owner's chat has an accepted card (or 60 s passed), then measures from `started`. */
async function measure(connector: TeamsConnector, people: readonly Person[], started: number, isCard: (call: ConnectorCall) => boolean): Promise<Measured> {
  const chats = new Map(people.map((p) => [`a:bench-${p.aadObjectId}`, p.email]));
  const cards = () => connector.calls.filter((c) => c.kind === 'send' && chats.has(c.conversationId) && isCard(c));
  const accepted = () => cards().filter((c) => c.status >= 200 && c.status < 300);
  const deadline = started + 60_000;
  while (new Set(accepted().map((c) => c.conversationId)).size < people.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  const done = accepted();
  const counts = new Map<string, number>();
  for (const call of done) counts.set(call.conversationId, (counts.get(call.conversationId) ?? 0) + 1);
  return {
    firstMs: Math.min(...cards().map((c) => c.receivedAt)) - started,
    elapsedMs: Math.max(...done.map((c) => c.receivedAt)) - started,
    requests: connector.calls.length,
    lost: people.length - counts.size,
    duplicates: [...counts.values()].reduce((sum, n) => sum + n - 1, 0),
    violations: connector.violations,
  };
}

/** The pipeline alone: 300 card-sized messages enqueued at once. */
async function pipelineOnly(count = OWNERS): Promise<Measured> {
  const bench = await stack(count);
  try {
    const card = bench.app.outbox;
    const items: OutboxItem[] = bench.people.map((p) => ({ batch: 'bench', key: p.email, recipient: { kind: 'person', email: p.email }, payload: { type: 'message', text: p.email } }));
    bench.connector.clear();
    const started = Date.now();
    await card.enqueueMany(items);
    const measured = await measure(bench.connector, bench.people, started, () => true);
    await bench.app.outbox.whenIdle();
    return measured;
  } finally {
    await bench.close();
  }
}

/** End to end: the coordinator writes `Check-in starten` over HTTP; the round's 300 cards go out. */
async function endToEnd(count = OWNERS): Promise<Measured> {
  const bench = await stack(count);
  try {
    const teams = new TeamsActivities(bench.connector.serviceUrl, COORDINATOR);
    bench.connector.clear();
    const started = Date.now();
    const response = await fetch(`${bench.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(teams.personalMessage('Check-in starten')) });
    if (response.status !== 200) throw new Error(`the command was answered ${response.status}`);
    const measured = await measure(bench.connector, bench.people, started, (c) => c.body?.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive');
    await bench.app.outbox.whenIdle();
    return measured;
  } finally {
    await bench.close();
  }
}

export async function run(): Promise<void> {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const report = (label: string, m: Measured) => {
    // R requests at 50 per sliding second take at least ⌊(R − 1) / 50⌋ seconds: the first 50 at once, then 50 each second.
    const minimumMs = Math.floor((m.requests - 1) / APP_LIMIT_PER_SECOND) * 1000;
    console.log(`${label}: first card after ${seconds(m.firstMs)} (goal ≤ 0.50 s), last after ${seconds(m.elapsedMs)}; minimum for the ${m.requests} requests ${seconds(minimumMs)} → ratio ${(m.elapsedMs / minimumMs).toFixed(2)} (goal ≤ 1.10)`);
    console.log(`${' '.repeat(label.length)}  lost: ${m.lost}  duplicates: ${m.duplicates}  limit violations: ${m.violations}`);
    return m.elapsedMs / minimumMs;
  };
  // Both paths once on a small directory first, so that neither measurement pays for compiling the code.
  await pipelineOnly(60);
  await endToEnd(60);
  const pipeline = report('pipeline only (300 messages enqueued at once)', await pipelineOnly());
  const command = report('end to end (Check-in starten over HTTP)       ', await endToEnd());
  console.log(`end to end / pipeline only: ${(command / pipeline).toFixed(2)}`);
}
