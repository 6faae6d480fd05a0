import { startApp } from '../src/app';
import { parseConfig } from '../src/app';
import type { OutboxItem } from '../src/platform/delivery/outbox';
import { createLogger } from '../src/platform/logger';
import { startTableServer } from '../src/platform/storage/embedded-table-storage';
import { benchCdos, withChats } from './chats';
import { TeamsConnector } from '../test/support/teams-connector';

export const title = 'Delivery pipeline: 1,000 1:1 messages under Teams limits with 2 % injected 500s';

const RECIPIENTS = 1_000;
const FAULT_RATE = 0.02;
/** Teams' limit for one app in one tenant; with one message per recipient it is the one that binds. */
const APP_LIMIT_PER_SECOND = 50;

/**
 * Starts the whole bot on its own in-memory Table Storage, with a loopback Teams connector that enforces
 * Teams' limits (answering 429 with Retry-After beyond them) and fails 2 % of the sends with 500. Enqueues
 * one message for each of 1,000 people with a 1:1 chat and measures until Teams accepted the last one.
 *
 * The minimum is what the app limit allows for the requests that had to be made: R requests at 50 per
 * sliding second take at least ⌊(R − 1) / 50⌋ seconds (the first 50 at once, then 50 more each second).
 * Wall time is the point here, so this runs on the real clock.
 */
export async function run(): Promise<void> {
  const tables = await startTableServer();
  const connector = await TeamsConnector.start();
  const config = parseConfig({ PORT: '0', TABLES_CONNECTION_STRING: tables.connectionString, TABLE_PREFIX: 'bench', SAMPLE_DATA: 'false', LOG_LEVEL: 'warn' });
  const app = await startApp(config, { logger: createLogger('warn') });
  try {
    const people = benchCdos(RECIPIENTS);
    await withChats(app, connector.serviceUrl, people);
    connector.enforceLimits();
    connector.injectRandomFaults({ rate: FAULT_RATE, status: 500, seed: 2025 });

    const items: OutboxItem[] = people.map((p) => ({ batch: 'bench', key: p.email, recipient: { kind: 'person', email: p.email }, payload: { type: 'message', text: p.email } }));
    const started = Date.now();
    let lastAccepted = started;
    connector.clear();
    await app.outbox.enqueueMany(items);
    const acceptedKeys = () => connector.accepted('send').map((c) => c.body.text as string);
    const deadline = started + 120_000;
    // Polled every 10 ms: the time the last new message was seen accepted, within 10 ms.
    for (let seen = 0; seen < RECIPIENTS && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const now = new Set(acceptedKeys()).size;
      if (now > seen) lastAccepted = Date.now();
      seen = now;
    }
    await app.outbox.whenIdle();
    const elapsedMs = lastAccepted - started;

    const accepted = acceptedKeys();
    const counts = new Map<string, number>();
    for (const key of accepted) counts.set(key, (counts.get(key) ?? 0) + 1);
    const lost = items.filter((i) => !counts.has(i.key)).length;
    const duplicates = [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const requests = connector.calls.length;
    const faults = connector.calls.filter((c) => c.status === 500).length;
    const throttled = connector.calls.filter((c) => c.status === 429).length;
    const status = await app.outbox.status('bench');
    const minimumMs = Math.floor((requests - 1) / APP_LIMIT_PER_SECOND) * 1000;
    const strictMinimumMs = Math.floor((RECIPIENTS - 1) / APP_LIMIT_PER_SECOND) * 1000;

    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`elapsed until Teams accepted the last message: ${seconds(elapsedMs)}`);
    console.log(
      `minimum the limits allow for the ${requests} requests made (${RECIPIENTS} messages + ${faults} repeated after injected 500s): ${seconds(minimumMs)}  → ratio ${(elapsedMs / minimumMs).toFixed(2)} (goal ≤ 1.10)`,
    );
    console.log(`minimum for ${RECIPIENTS} requests without faults: ${seconds(strictMinimumMs)}  → ratio ${(elapsedMs / strictMinimumMs).toFixed(2)}`);
    console.log(`deliveries lost: ${lost}  duplicates: ${duplicates}  limit violations: ${connector.violations}  (429 answers: ${throttled})`);
    console.log(`outbox: ${status.counts.sent} sent, ${status.counts.pending + status.counts.sending} pending, ${status.counts.failed} failed, ${status.counts.unreachable} unreachable`);
  } finally {
    await app.close();
    await connector.close();
    await tables.close();
  }
}
