import { Writable } from 'node:stream';
import { startApp, parseConfig, type RunningApp } from '../src/app';
import type { OutboxItem } from '../src/platform/delivery/outbox';
import type { Person } from '../src/platform/directory/model';
import { createLogger } from '../src/platform/logger';
import { startTableServer } from '../src/platform/storage/embedded-table-storage';
import { TeamsActivities, TEST_TENANT } from '../test/support/activities';
import { TeamsConnector, type ConnectorCall, type TeamsMember } from '../test/support/teams-connector';
import { benchCdos, benchChatId, withChats } from './chats';

export const title = 'Broadcast to 1,000 CDOs 1:1 under Teams limits with 2 % injected 500s, beside the pipeline alone';

const RECIPIENTS = 1_000;
const FAULT_RATE = 0.02;
/** Teams' limit for one app in one tenant; with one message per recipient it is the one that binds. */
const APP_LIMIT_PER_SECOND = 50;
const COORDINATOR: TeamsMember = { id: '29:coordinator', name: 'Martina Becker', aadObjectId: '00000000-0000-4000-8000-00000000c001', email: 'm.becker@kreis.example', tenantId: TEST_TENANT };

/** Log lines of the bot, with the time each was written (wall clock). */
class TimedLog extends Writable {
  readonly lines: { at: number; msg: string }[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) this.lines.push({ at: Date.now(), msg: String((JSON.parse(line) as { msg?: unknown }).msg ?? '') });
    callback();
  }
}

/**
 * The whole bot on its own in-memory Table Storage and a loopback Teams connector that enforces Teams' limits
 * (429 with Retry-After beyond them) and fails 2 % of the message calls with 500. 1,000 CDOs and the
 * coordinator have a 1:1 chat with the bot. Two runs, side by side on the same bot:
 *
 * - the pipeline alone: 1,000 text messages handed to the outbox at once (as `bench/delivery.bench.ts`);
 * - a broadcast as the coordinator sends it: `Rundschreiben an alle CDOs: …` (the preview), then Send — over
 *   HTTP, with the audience resolved, the card rendered, the deliveries stored while the first ones go out,
 *   and the author's card updated with the progress while sending.
 *
 * Each is measured from the hand-over (enqueue; the click on Send) until Teams accepted the last message, and
 * compared with the minimum the app limit allows for the requests that had to be made (messages, repeats
 * after 500s and the progress card's updates): R requests at 50 per sliding second take at least
 * ⌊(R − 1) / 50⌋ seconds. Wall time is the point here, so this runs on the real clock.
 */
export async function run(): Promise<void> {
  const tables = await startTableServer();
  const connector = await TeamsConnector.start();
  const log = new TimedLog();
  const config = parseConfig({ PORT: '0', TABLES_CONNECTION_STRING: tables.connectionString, TABLE_PREFIX: 'bench', SAMPLE_DATA: 'false', LOG_LEVEL: 'info' });
  const app = await startApp(config, { logger: createLogger('info', log) });
  try {
    const people = await directoryWithChats(app, connector);
    connector.enforceLimits();
    connector.injectRandomFaults({ rate: FAULT_RATE, status: 500, seed: 2025 });

    const baseline = await measure(connector, async () => {
      const items: OutboxItem[] = people.map((p) => ({ batch: 'bench', key: p.email, recipient: { kind: 'person', email: p.email }, payload: { type: 'message', text: p.email } }));
      await app.outbox.enqueueMany(items);
      return (c) => typeof c.body?.text === 'string' && c.body.text.endsWith('@kommune.example');
    });
    await app.outbox.whenIdle();
    // The app window of the first run passes before the second starts.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const teams = new TeamsActivities(connector.serviceUrl, COORDINATOR);
    const quick = teams.personalMessage('Rundschreiben an alle CDOs: Bitte bis Freitag die Haushaltsansätze melden.');
    await post(app, quick);
    const [preview] = await connector.waitForActivities(1, (c) => c.kind === 'reply' && c.activityId === quick.id, 60_000);
    const broadcastId = (preview!.body.attachments[0].content.actions as { verb: string; data: { broadcastId: string } }[]).find((a) => a.verb === 'broadcast.send')!.data.broadcastId;
    const cardId = preview!.assignedId;
    const broadcast = await measure(connector, async () => {
      const answer = await post(app, teams.adaptiveCardAction('broadcast.send', { broadcastId }, { replyToId: cardId }));
      if (answer.status !== 200) throw new Error(`Send answered ${answer.status}`);
      return (c) => Array.isArray(c.body?.attachments) && c.conversationId.startsWith('a:bench-0000') && c.conversationId !== benchChatId(COORDINATOR.aadObjectId);
    });
    const enqueuedAt = log.lines.find((l) => l.msg === 'broadcast handed to the outbox')?.at ?? Number.NaN;
    // The final report follows the last delivery within the card's update interval.
    const status = await waitFor(async () => {
      const s = await app.outbox.status(`broadcast-${broadcastId}`);
      return s.counts.pending + s.counts.sending === 0 && s.deliveries.length > RECIPIENTS ? s : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await app.outbox.whenIdle();
    const cardUpdates = connector.accepted('update').filter((c) => c.activityId === cardId);
    const lastCard = JSON.stringify(cardUpdates.at(-1)?.body ?? {});
    const delivered = status?.deliveries.filter((d) => !d.key.startsWith('card:') && d.status === 'sent').length ?? 0;
    const failed = status?.deliveries.filter((d) => d.status === 'failed' || d.status === 'unreachable').length ?? 0;
    const reportRight = lastCard.includes(`"title":"Zugestellt","value":"${delivered}"`) && lastCard.includes('"title":"Ausstehend","value":"0"') && lastCard.includes('Gesendet, abgeschlossen');

    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const line = (name: string, m: Measurement) =>
      `${name.padEnd(18)} ${seconds(m.elapsedMs).padStart(7)}  minimum ${seconds(m.minimumMs).padStart(6)} for ${m.requests} requests  → ratio ${(m.elapsedMs / m.minimumMs).toFixed(2)} (goal ≤ 1.10)   lost ${m.lost}  duplicates ${m.duplicates}  violations ${m.violations}  (500s ${m.faults}, 429s ${m.throttled})`;
    console.log(`from hand-over (enqueue / click on Send) until Teams accepted the last of ${RECIPIENTS} messages:`);
    console.log(line('pipeline alone', baseline));
    console.log(line('broadcast', broadcast));
    console.log(`broadcast / pipeline alone, elapsed: ${(broadcast.elapsedMs / baseline.elapsedMs).toFixed(2)}`);
    console.log(
      `broadcast: first message accepted ${seconds(broadcast.firstMs)} after Send, all ${RECIPIENTS} deliveries stored ${seconds(enqueuedAt - broadcast.startedAt)} after Send (sending began while they were being stored: ${broadcast.firstMs < enqueuedAt - broadcast.startedAt ? 'yes' : 'no'})`,
    );
    console.log(
      `progress card: ${cardUpdates.length} updates (${broadcast.cardUpdatesWhileSending} while sending), at least ${seconds(minimumGap(cardUpdates))} apart; the final report shows ${delivered} delivered, 0 pending: ${reportRight ? 'yes' : 'no'}; failed or unreachable: ${failed}`,
    );
  } finally {
    await app.close();
    await connector.close();
    await tables.close();
  }
}

interface Measurement {
  readonly startedAt: number;
  readonly elapsedMs: number;
  readonly firstMs: number;
  readonly minimumMs: number;
  readonly requests: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly violations: number;
  readonly faults: number;
  readonly throttled: number;
  readonly cardUpdatesWhileSending: number;
}

/**
 * Runs `start` (which returns how to tell its messages) and polls the connector every 10 ms until Teams
 * accepted a message for each recipient: elapsed until the last new one was seen, within 10 ms.
 */
async function measure(connector: TeamsConnector, start: () => Promise<(call: ConnectorCall) => boolean>): Promise<Measurement> {
  const before = connector.calls.length;
  const violationsBefore = connector.violations;
  const startedAt = Date.now();
  const ours = await start();
  const accepted = () => connector.calls.slice(before).filter((c) => c.kind === 'send' && c.status < 300 && ours(c));
  let last = startedAt;
  let first = Number.NaN;
  for (let seen = 0; seen < RECIPIENTS && Date.now() < startedAt + 300_000; ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const now = accepted().length;
    if (now > 0 && Number.isNaN(first)) first = Date.now();
    if (now > seen) last = Date.now();
    seen = now;
  }
  const calls = connector.calls.slice(before);
  const requests = calls.filter((c) => c.at <= last).length;
  const counts = new Map<string, number>();
  for (const call of accepted()) counts.set(call.conversationId, (counts.get(call.conversationId) ?? 0) + 1);
  return {
    startedAt,
    elapsedMs: last - startedAt,
    firstMs: first - startedAt,
    minimumMs: Math.floor((requests - 1) / APP_LIMIT_PER_SECOND) * 1000,
    requests,
    lost: RECIPIENTS - counts.size,
    duplicates: [...counts.values()].reduce((sum, n) => sum + n - 1, 0),
    violations: connector.violations - violationsBefore,
    faults: calls.filter((c) => c.status === 500).length,
    throttled: calls.filter((c) => c.status === 429).length,
    cardUpdatesWhileSending: calls.filter((c) => c.kind === 'update' && c.status < 300 && c.at <= last).length,
  };
}

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T | undefined> {
  for (const end = Date.now() + 60_000; Date.now() < end; ) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

/** The shortest time between two updates of the card. */
function minimumGap(updates: readonly ConnectorCall[]): number {
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < updates.length; i++) gap = Math.min(gap, updates[i]!.at - updates[i - 1]!.at);
  return gap;
}

/** 1,000 CDOs and a coordinator, each with a stored 1:1 chat with the bot. */
async function directoryWithChats(app: RunningApp, connector: TeamsConnector): Promise<Person[]> {
  const cdos = benchCdos(RECIPIENTS);
  const coordinator: Person = { email: COORDINATOR.email!, name: COORDINATOR.name, roles: ['coordinator'], municipality: '', aadObjectId: COORDINATOR.aadObjectId };
  await withChats(app, connector.serviceUrl, [...cdos, coordinator]);
  return cdos;
}

async function post(app: RunningApp, activity: Record<string, unknown>): Promise<{ status: number }> {
  const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  await response.text();
  return { status: response.status };
}
