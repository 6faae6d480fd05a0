import { addressOf } from '../../src/platform/teams/conversation-address';
import { createAuthentication } from '../../src/platform/teams/adapter';
import { parseConfig } from '../../src/app';
import { BotConnector } from '../../src/platform/delivery/bot-connector';
import { DeliveryPipeline, type DeliveryOptions } from '../../src/platform/delivery/pipeline';
import type { RateLimiterOptions } from '../../src/platform/delivery/rate-limiter';
import type { Person } from '../../src/platform/directory/model';
import type { MessagePayload, OutboxItem, Recipient } from '../../src/platform/delivery/outbox';
import { createLogger } from '../../src/platform/logger';
import { TableConversationRepository } from '../../src/platform/storage/conversation-repository';
import { TableDeliveryRepository } from '../../src/platform/delivery/delivery-repository';
import { TablePersonRepository } from '../../src/platform/directory/person-repository';
import { TableStore } from '../../src/platform/storage/table-store';
import { TeamsActivities, TEST_TENANT } from './activities';
import { ManualClock } from './clock';
import { testConnectionString, uniquePrefix } from './hooks';
import { TeamsConnector, type TeamsMember } from './teams-connector';
import { LogCapture } from './test-bot';

/** People of the rig: Anna has a 1:1 chat with the bot, Ben only shares the team, Carla shares nothing. */
export const ANNA: TeamsMember = { id: '29:anna', name: 'Anna Schulte', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', email: 'anna.schulte@duelmen.example', tenantId: TEST_TENANT };
export const BEN: TeamsMember = { id: '29:ben', name: 'Ben Krüger', aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000002', email: 'ben.krueger@olfen.example', tenantId: TEST_TENANT };
export const CARLA: TeamsMember = { id: '29:carla', name: 'Carla Wolf', aadObjectId: 'cccccccc-0000-4000-8000-000000000003', email: 'carla.wolf@senden.example', tenantId: TEST_TENANT };

export const DEFAULT_OPTIONS: DeliveryOptions = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000, concurrency: 4, sweepIntervalMs: 30_000, claimMs: 120_000 };

export function person(member: TeamsMember, linked = true): Person {
  return { email: member.email!, name: member.name, roles: ['cdo'], municipality: '', aadObjectId: linked ? member.aadObjectId : '' };
}

/** The 1:1 chat id the activity builders give a user. */
export function personalChatOf(member: TeamsMember): string {
  return `a:personal-${member.id}`;
}

/**
 * Storage on the run's Azurite (tables of its own), a loopback Teams connector, a driven clock, and the
 * stored addresses of a team and of Anna's 1:1 chat. Pipelines made with {@link pipeline} share all of it,
 * as bot instances share their tables.
 */
export class DeliveryRig {
  readonly store: TableStore;
  readonly deliveries: TableDeliveryRepository;
  readonly people: TablePersonRepository;
  readonly conversations: TableConversationRepository;
  readonly logs = new LogCapture();
  readonly teams: TeamsActivities;
  private readonly pipelines: DeliveryPipeline[] = [];

  private constructor(
    readonly connector: TeamsConnector,
    readonly clock: ManualClock,
  ) {
    this.store = new TableStore(testConnectionString(), uniquePrefix());
    this.deliveries = new TableDeliveryRepository(this.store);
    this.people = new TablePersonRepository(this.store);
    this.conversations = new TableConversationRepository(this.store);
    this.teams = new TeamsActivities(connector.serviceUrl, ANNA);
  }

  static async start(start = '2025-03-10T08:00:00Z'): Promise<DeliveryRig> {
    const rig = new DeliveryRig(await TeamsConnector.start(), new ManualClock(start));
    await rig.store.ensureTables();
    await rig.people.upsert([person(ANNA), person(BEN, false), person(CARLA)]);
    for (const member of [ANNA, BEN, CARLA]) rig.connector.addMember(member);
    const now = rig.clock.now();
    await rig.conversations.add(addressOf(rig.teams.installationUpdate('add', 'team'), now, true));
    await rig.conversations.add(addressOf(rig.teams.installationUpdate('add', 'groupChat'), now, true));
    await rig.conversations.add(addressOf(rig.teams.personalMessage('hallo', { user: ANNA }), now));
    return rig;
  }

  /** A pipeline instance on the rig's tables (started unless `start: false`), as one bot process would run it. */
  async pipeline(options: Partial<DeliveryOptions> & { limits?: RateLimiterOptions; random?: () => number; name?: string; clock?: ManualClock; start?: boolean } = {}): Promise<DeliveryPipeline> {
    const config = parseConfig({});
    const pipeline = new DeliveryPipeline({
      deliveries: this.deliveries,
      people: this.people,
      conversations: this.conversations,
      connector: new BotConnector(createAuthentication(config, createLogger('silent')), ''),
      clock: options.clock ?? this.clock,
      logger: createLogger('debug', this.logs),
      instanceId: options.name ?? `instance-${this.pipelines.length + 1}`,
      options: { ...DEFAULT_OPTIONS, ...options },
      limits: options.limits,
      random: options.random ?? (() => 0.5),
    });
    this.pipelines.push(pipeline);
    if (options.start !== false) await pipeline.start();
    return pipeline;
  }

  async close(): Promise<void> {
    await Promise.all(this.pipelines.map((p) => p.stop()));
    await this.connector.close();
  }
}

/** A text message for the outbox. */
export function text(value: string): MessagePayload {
  return { type: 'message', text: value };
}

export function item(batch: string, key: string, recipient: Recipient, payload: MessagePayload = text(key)): OutboxItem {
  return { batch, key, recipient, payload };
}

export function toPerson(member: TeamsMember): Recipient {
  return { kind: 'person', email: member.email! };
}
