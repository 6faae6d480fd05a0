import type { Clock, Timer } from '../clock';
import {
  deliveryId,
  describeRecipient,
  InvalidOutboxItemError,
  newDelivery,
  validateOutboxItem,
  validatePayload,
  type BatchStatus,
  type Delivery,
  type DeliveryOutcome,
  type DeliveryRepository,
  type DeliveryStatus,
  type MessagePayload,
  type Outbox,
  type OutboxItem,
  type UnreachableReason,
  DELIVERY_STATUSES,
} from './outbox';
import type { Person } from '../directory/model';
import type { PersonRepository } from '../directory/repositories';
import type { ConversationRepository } from '../storage/conversations';
import type { Logger } from '../logger';
import type { ConnectorAnswer, ConnectorApi } from './bot-connector';
import { WorkTracker } from '../work-tracker';
import { DueQueue } from './due-queue';
import { RateLimiter, TEAMS_APP_LIMITS, TEAMS_CONVERSATION_LIMITS, type RateLimiterOptions, type Reservation } from './rate-limiter';
import { RecipientResolver, type Reachability, type Target } from './recipients';
import { decide, type ConnectorOutcome, type RetryOptions } from './retry-policy';

/** Settings of the pipeline; `DELIVERY_*` in the configuration. */
export interface DeliveryOptions extends RetryOptions {
  /** Deliveries worked on at once (resolving, claiming, sending, recording). */
  readonly concurrency: number;
  /** How often the outbox is read for work this instance does not know of (other instances, restarts). */
  readonly sweepIntervalMs: number;
  /**
   * How long a claim holds: after that, a delivery left `sending` by an instance that died is sent again (and
   * marked uncertain). A request is given up {@link CLAIM_SLACK_MS} before (see {@link requestTimeoutMs}).
   */
  readonly claimMs: number;
}

export interface DeliveryPipelineDependencies {
  readonly deliveries: DeliveryRepository;
  readonly people: PersonRepository;
  readonly conversations: ConversationRepository;
  readonly connector: ConnectorApi;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Names this process in claims (`claimedBy`), so an operator sees who is sending what. */
  readonly instanceId: string;
  readonly options: DeliveryOptions;
  /** Teams' limits by default; tests and benchmarks may pass others. */
  readonly limits?: RateLimiterOptions;
  /** Jitter source in [0, 1); tests pass a fixed one. */
  readonly random?: () => number;
}

/** A delivery this instance is working on: what it read and worked out, kept while it waits for a slot. */
interface Work {
  delivery: Delivery;
  etag: string;
  target?: Target;
  /** This instance claimed it and has not sent it yet. */
  claimed?: boolean;
}

/** How close to its rate-limit slot a delivery is claimed. */
const CLAIM_AHEAD_MS = 250;
/**
 * The part of a claim a request does not use: the claim ahead of the slot, a short wait for it, and clocks of
 * instances that differ by a few seconds. A request is given up this long before the claim ends, so that no
 * other instance takes a delivery over while its send may still be answered.
 */
const CLAIM_SLACK_MS = 5_000;

/**
 * How long a request of the pipeline may take before it is given up (and retried): its claim less the slack.
 * The claim, and so the window in which a crash leaves a message uncertain, ends soon after a send could have
 * been answered.
 */
export function requestTimeoutMs(claimMs: number): number {
  return claimMs - CLAIM_SLACK_MS;
}

/**
 * How long a reply waits before it looks again at the channel post it replies to (when that post is not sent
 * yet): at least a moment, at most this long, as another instance may send the post. This instance wakes its
 * waiting replies as soon as it records the post itself.
 */
const POST_WAIT_MIN_MS = 2_000;
const POST_WAIT_MAX_MS = 30_000;

/** Teams' limits; 1 ms margin for the rounding of times to milliseconds (requests count from their answer). */
const DEFAULT_LIMITS: RateLimiterOptions = { conversation: TEAMS_CONVERSATION_LIMITS, app: TEAMS_APP_LIMITS, maxInFlightPerConversation: 1, marginMs: 1 };

/**
 * The delivery pipeline: the {@link Outbox} of this bot process.
 *
 * Deliveries are stored before anything is sent. Before a send the delivery is claimed: read with its ETag
 * and replaced by `sending` with this instance's name and a deadline, so two instances never send the same
 * delivery; the outcome is recorded after. A delivery recorded `sent` is never sent again. What a stop leaves
 * (claims not yet used are given back) stays `pending` and is picked up on the next start or by another
 * instance's sweep. A crash between Teams' answer and the record leaves the delivery `sending` until its claim
 * expires, and it is then sent again, logged and marked `uncertain`: the one, narrow, case in which a message can
 * arrive twice. The window is kept small: a claim ends soon after its request could have been answered
 * ({@link requestTimeoutMs}), and at most `concurrency` deliveries (of all batches together) are worked on at once,
 * so no more than that many requests are in flight when a process dies.
 *
 * Sends keep to Teams' limits ({@link RateLimiter}). A request counts from its answer, so nothing slow may sit
 * between a free slot and the request: the claim's storage write is made just before the slot (at most one
 * claim ahead per conversation and `concurrency` in all), and a claimed delivery goes first when its slot
 * comes. A conversation that must wait does not hold up the others: its delivery is queued for the time it
 * may go. A recipient's messages go out in the order they were enqueued unless a retry intervenes.
 * Throttling and transient failures are retried with backoff ({@link decide}); refusals are final, and a
 * refusing conversation is marked stale.
 *
 * Driven by the injected clock; {@link whenIdle} tells tests when all that is due has been done.
 */
export class DeliveryPipeline implements Outbox {
  private readonly queue = new DueQueue();
  private readonly work = new Map<string, Work>();
  /** Ids being worked on; an id queued meanwhile is queued (at the earliest time asked) when its work ends. */
  private readonly active = new Set<string>();
  private readonly again = new Map<string, number>();
  /**
   * One delivery per recipient at a time, in queue order, so that a recipient's messages arrive in the order
   * they were enqueued (a retry can still let a later message pass): the recipient of each id known here,
   * the recipients being worked on, and the ids that wait for them.
   */
  private readonly recipientKeys = new Map<string, string>();
  private readonly busyRecipients = new Set<string>();
  private readonly waitingFor = new Map<string, { id: string; at: number }[]>();
  /**
   * Deliveries this instance claimed ahead of their slot and has not sent yet, with their conversation: at most
   * `concurrency`, one per conversation, so a conversation that must wait does not hold up the others.
   */
  private readonly claimedAhead = new Map<string, string>();
  /** Deliveries waiting for a place among the claims ahead, in order; while any wait, no new work is started. */
  private readonly claimWaiters = new Set<string>();
  /** Waiters given a place among the claims ahead: they may start although others still wait. */
  private readonly claimTurns = new Set<string>();
  /** Deliveries waiting for their conversation's claim ahead to be sent, by conversation. */
  private readonly waitingForClaim = new Map<string, Set<string>>();
  /**
   * Updates of sent messages (a live progress card): queued and given a place among the claims ahead before the
   * new messages waiting, so that what people already see keeps up while a large batch goes out.
   */
  private readonly updates = new Set<string>();
  /** Deliveries waiting for a request in flight to be answered (their conversation's, or any when the app window is full). */
  private readonly parked = new Set<string>();
  /** Replies (`threadOf`) waiting for the channel post they reply to, by the post's delivery id. */
  private readonly waitingForPost = new Map<string, Set<string>>();
  private readonly limiter: RateLimiter;
  private readonly resolver: RecipientResolver;
  private readonly random: () => number;
  /** Work in progress; waiting on the clock for a rate-limit slot counts as idle for a test driving the clock. */
  private readonly tracker = new WorkTracker(() => this.nothingDueNow());
  private wakeTimer: { at: number; timer: Timer } | undefined;
  private sweepTimer: Timer | undefined;
  private state: 'new' | 'running' | 'stopping' | 'stopped' = 'new';

  constructor(private readonly deps: DeliveryPipelineDependencies) {
    this.limiter = new RateLimiter(deps.limits ?? DEFAULT_LIMITS);
    this.random = deps.random ?? Math.random;
    this.resolver = new RecipientResolver({
      people: deps.people,
      deliveries: deps.deliveries,
      conversations: deps.conversations,
      connector: deps.connector,
      limited: (request) => this.limited(request),
      now: () => deps.clock.now(),
    });
  }

  /** Resumes what the outbox holds (pending deliveries, expired claims) and starts sending. */
  async start(): Promise<void> {
    if (this.state !== 'new') return;
    this.state = 'running';
    await this.tracker.track(this.sweep());
  }

  /**
   * Stops gracefully: nothing new is claimed; sends in flight finish and their outcome is recorded; the rest
   * stays pending in the outbox for the next start.
   */
  async stop(): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return;
    this.state = 'stopping';
    this.sweepTimer?.cancel();
    this.wakeTimer?.timer.cancel();
    this.wakeTimer = undefined;
    await this.tracker.settle();
    await this.releaseClaims();
    this.state = 'stopped';
  }

  /**
   * Resolves when nothing is being worked on (but waiting on the clock) and nothing queued is due at the
   * clock's current time.
   */
  whenIdle(): Promise<void> {
    return this.tracker.whenIdle(true);
  }

  /**
   * Counts a request the bot made to a conversation outside the pipeline (a reply or an update within a turn):
   * Teams counts it against the same limits as the pipeline's own, so the pipeline leaves room for it.
   */
  noteRequest(conversationId: string): void {
    this.limiter.record(conversationId.split(';messageid=')[0], this.deps.clock.now().getTime());
  }

  // ---- Outbox ----

  async enqueue(item: OutboxItem): Promise<Delivery> {
    const [delivery] = await this.enqueueMany([item]);
    return delivery!;
  }

  enqueueMany(items: readonly OutboxItem[]): Promise<Delivery[]> {
    items.forEach(validateOutboxItem);
    return this.tracker.track(this.store(items));
  }

  private async store(items: readonly OutboxItem[]): Promise<Delivery[]> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const fresh = items.map((item) => newDelivery(item, at));
    // Stored in transactions of up to a hundred (the first small, so that sending starts at once), and each
    // is sent while the next is written.
    const stored: Delivery[] = [];
    for (let i = 0, size = 20; i < fresh.length; i += size, size = 100) {
      const chunk = await this.deps.deliveries.createMany(fresh.slice(i, i + size), now);
      for (const { value: delivery, etag } of chunk) {
        stored.push(delivery);
        if (delivery.status !== 'pending') continue;
        if (etag && !this.work.has(delivery.id)) this.work.set(delivery.id, { delivery, etag });
        this.recipientKeys.set(delivery.id, describeRecipient(delivery.recipient));
        this.schedule(delivery.id, Date.parse(delivery.nextAttemptAt));
      }
      this.pump();
    }
    return stored;
  }

  async update(id: string, payload: MessagePayload): Promise<Delivery | undefined> {
    validatePayload(id, payload);
    for (;;) {
      const current = await this.deps.deliveries.get(id);
      if (!current) return undefined;
      const delivery = current.value;
      if (delivery.status === 'failed' || delivery.status === 'unreachable') return delivery;
      const now = this.deps.clock.now().toISOString();
      const updated: Delivery = {
        ...delivery,
        payload,
        revision: delivery.revision + 1,
        updatedAt: now,
        // Sent: the message in Teams must be replaced. Pending or sending: the sender sees the new revision.
        ...(delivery.status === 'sent' ? { status: 'pending' as const, attempts: 0, nextAttemptAt: now, lastError: '', errorCode: '' } : {}),
      };
      if ((await this.deps.deliveries.replace(updated, current.etag)) === undefined) continue;
      this.work.delete(id);
      this.recipientKeys.set(id, describeRecipient(updated.recipient));
      if (updated.activityId) this.updates.add(id);
      if (updated.status === 'pending') {
        this.schedule(id, Date.parse(updated.nextAttemptAt));
        this.pump();
      }
      this.deps.logger.info({ deliveryId: id, revision: updated.revision }, 'delivery update queued');
      return updated;
    }
  }

  async adopt(item: OutboxItem, sent: { readonly activityId: string; readonly conversationId: string }): Promise<Delivery> {
    validateOutboxItem(item);
    if (!sent.activityId || !sent.conversationId) throw new InvalidOutboxItemError(`the message adopted as ${deliveryId(item.batch, item.key)} has no activity or conversation id`);
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const delivery: Delivery = { ...newDelivery(item, at), ...sent, status: 'sent', sentRevision: 1, sentAt: at };
    const [stored] = await this.deps.deliveries.createMany([delivery], now);
    return stored!.value;
  }

  reachability(people: readonly Person[]): Promise<Reachability[]> {
    return this.resolver.reachability(people);
  }

  async get(id: string): Promise<Delivery | undefined> {
    return (await this.deps.deliveries.get(id))?.value;
  }

  outcomes(batch: string): Promise<DeliveryOutcome[]> {
    return this.deps.deliveries.listOutcomes(batch);
  }

  async status(batch: string): Promise<BatchStatus> {
    const deliveries = await this.deps.deliveries.listBatch(batch);
    const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
    for (const d of deliveries) counts[d.status]++;
    return { batch, total: deliveries.length, counts, deliveries };
  }

  // ---- scheduling ----

  /** Queues a delivery at `at`; `first`: before the others due then (it holds a claim). Updates go before new messages. */
  private schedule(id: string, at: number, first = false): void {
    if (this.active.has(id)) {
      this.again.set(id, Math.min(at, this.again.get(id) ?? Number.POSITIVE_INFINITY));
      return;
    }
    this.queue.schedule(id, at, first, this.updates.has(id));
  }

  /** Reads the outbox for work (on start, then every sweep interval): other instances' leftovers and retries. */
  private async sweep(): Promise<void> {
    if (this.state !== 'running') return;
    try {
      const unfinished = await this.deps.deliveries.listUnfinished(this.deps.clock.now());
      for (const { value: delivery, etag } of unfinished) {
        if (this.active.has(delivery.id) || this.queue.has(delivery.id) || this.work.has(delivery.id)) continue;
        const at = delivery.status === 'sending' ? Date.parse(delivery.claimUntil) : Date.parse(delivery.nextAttemptAt);
        this.work.set(delivery.id, { delivery, etag });
        this.recipientKeys.set(delivery.id, describeRecipient(delivery.recipient));
        if (delivery.activityId) this.updates.add(delivery.id);
        this.schedule(delivery.id, Number.isNaN(at) ? 0 : at);
      }
      if (unfinished.length > 0) this.deps.logger.debug({ count: unfinished.length }, 'outbox swept');
    } catch (error) {
      this.deps.logger.error({ err: error }, 'outbox sweep failed; trying again at the next sweep');
    }
    if (this.state === 'running') this.sweepTimer = this.deps.clock.setTimer(this.deps.options.sweepIntervalMs, () => void this.tracker.track(this.sweep()));
    this.pump();
  }

  /** Starts work on what is due, as far as concurrency and the app's rate limit allow; sets a timer for the rest. */
  private pump(): void {
    if (this.state !== 'running') return;
    const now = this.deps.clock.now().getTime();
    this.grantTurns();
    while (this.active.size < this.deps.options.concurrency) {
      const appReady = this.limiter.appReadyAt(now);
      // The app window is full: wait for an answer in flight (pump runs after each) or for the window to move.
      if (appReady === undefined) break;
      if (appReady > now) {
        this.wakeAt(appReady);
        break;
      }
      const due = this.queue.takeDue(now);
      if (due === undefined) break;
      const { id } = due;
      // While deliveries wait for a place among the claims ahead, new ones join them instead of being read
      // (this instance does not read far ahead of what it can send).
      if (this.claimWaiters.size > 0 && !this.work.get(id)?.claimed && !this.claimTurns.has(id)) {
        this.claimWaiters.add(id);
        continue;
      }
      const recipient = this.recipientKeys.get(id);
      if (recipient !== undefined && this.busyRecipients.has(recipient)) {
        const waiting = this.waitingFor.get(recipient) ?? [];
        waiting.push({ id, at: due.at });
        this.waitingFor.set(recipient, waiting);
        continue;
      }
      if (recipient !== undefined) this.busyRecipients.add(recipient);
      this.active.add(id);
      // Tracked with its epilogue, so that the next work it queues is busy before this one counts as done.
      void this.tracker.track(
        this.process(id).finally(() => {
          this.active.delete(id);
          if (recipient !== undefined) {
            this.busyRecipients.delete(recipient);
            for (const waiting of this.waitingFor.get(recipient) ?? []) this.schedule(waiting.id, waiting.at);
            this.waitingFor.delete(recipient);
          }
          const again = this.again.get(id);
          this.again.delete(id);
          if (again !== undefined) this.schedule(id, again);
          this.pump();
        }),
      );
    }
    const next = this.queue.nextAt();
    if (next !== undefined && next > now) this.wakeAt(next);
    this.tracker.check();
  }

  private wakeAt(at: number): void {
    if (this.wakeTimer && this.wakeTimer.at <= at) return;
    this.wakeTimer?.timer.cancel();
    const timer = this.deps.clock.setTimer(at - this.deps.clock.now().getTime(), () => {
      this.wakeTimer = undefined;
      this.pump();
    });
    this.wakeTimer = { at, timer };
  }

  /** Whether the next queued delivery can be started now: it is due and the app's window has room. */
  private startable(now: number): boolean {
    const next = this.queue.peek();
    return next !== undefined && next.at <= now && this.limiter.appReadyAt(now) === now;
  }

  /** Nothing queued can be started at the clock's current time. */
  private nothingDueNow(): boolean {
    return this.state !== 'running' || !this.startable(this.deps.clock.now().getTime());
  }

  // ---- one delivery ----

  private async process(id: string): Promise<void> {
    const log = this.deps.logger.child({ deliveryId: id });
    try {
      await this.attempt(id, log);
    } catch (error) {
      // Storage trouble: the delivery stays as recorded and is tried again at the next sweep.
      this.work.delete(id);
      log.error({ err: error }, 'delivery could not be processed; the next sweep tries again');
    }
  }

  private async attempt(id: string, log: Logger): Promise<void> {
    let work = this.work.get(id);
    if (!work) {
      const stored = await this.deps.deliveries.get(id);
      if (!stored) return;
      work = { delivery: stored.value, etag: stored.etag };
      this.work.set(id, work);
    }
    const now = this.deps.clock.now().getTime();
    const { delivery } = work;
    // Claimed by this instance ahead of its slot (and read again since, after an update): still ours to send.
    if (delivery.status === 'sending' && delivery.claimedBy === this.deps.instanceId && Date.parse(delivery.claimUntil) > now) work.claimed = true;
    const claimOpen = delivery.status === 'sending' && Date.parse(delivery.claimUntil) > now && !work.claimed;
    if ((delivery.status !== 'pending' && delivery.status !== 'sending') || claimOpen) {
      this.work.delete(id);
      // Another instance is sending it: look again when its claim runs out, in case that instance died.
      if (claimOpen) this.schedule(id, Date.parse(delivery.claimUntil));
      return;
    }
    if (Date.parse(delivery.nextAttemptAt) > now) {
      this.schedule(id, Date.parse(delivery.nextAttemptAt));
      return;
    }
    // Claimed by an instance that stopped during the send (a crash, a kill): whether Teams got that request
    // cannot be known, as Teams has no idempotency key. Sent again, and marked uncertain for the operator.
    const resumed = delivery.status === 'sending' && !work.claimed;
    if (resumed) log.warn({ claimedBy: delivery.claimedBy, claimUntil: delivery.claimUntil }, 'resuming a delivery whose sender stopped during the send; uncertain: it may arrive twice');

    if (!work.target) {
      const resolution = await this.resolver.resolve(delivery.recipient);
      if (resolution.kind === 'unreachable') return this.recordUnreachable(work, resolution.reason, log);
      if (resolution.kind === 'failed') return this.recordOutcome(work, resolution.outcome, undefined, undefined, delivery.attempts + 1, log);
      if (resolution.kind === 'wait') return this.waitForPost(id, resolution.deliveryId, resolution.until, log);
      work.target = resolution.target;
    }
    const target = work.target;
    if (work.claimed && !this.claimedAhead.has(id)) this.claimedAhead.set(id, target.limitKey);

    // Claimed shortly before its slot, so that the claim's write is not between the slot and the send.
    if (!work.claimed) {
      const now = this.deps.clock.now().getTime();
      const ready = this.limiter.readyAt(target.limitKey, now);
      if (ready === undefined) {
        this.parked.add(id); // a request in flight to this conversation (or filling the app window) must be answered first
        return;
      }
      if ([...this.claimedAhead.values()].includes(target.limitKey)) {
        this.waitFor(target.limitKey, id); // its conversation's claim ahead goes first
        return;
      }
      if (ready > now + CLAIM_AHEAD_MS) {
        this.dropTurn(id);
        this.schedule(id, ready - CLAIM_AHEAD_MS);
        return;
      }
      if (!this.claimTurns.has(id) && this.claimedAhead.size + this.claimTurns.size >= this.deps.options.concurrency) {
        this.claimWaiters.add(id); // taken up again when a place among the claims ahead is free
        return;
      }
    }
    // A claim that has less left than a request may take is renewed first (the delivery waited for its slot).
    if (!work.claimed || Date.parse(work.delivery.claimUntil) - this.deps.clock.now().getTime() < requestTimeoutMs(this.deps.options.claimMs) + CLAIM_AHEAD_MS) {
      if (!(await this.claim(work, resumed))) {
        // Changed since we read it (another instance, an update): read it again and start over.
        this.schedule(id, 0);
        return;
      }
    }

    const admission = this.limiter.admit(target.limitKey, this.deps.clock.now().getTime());
    if (!admission.ok) {
      // Keeps its claim and goes first when its slot comes.
      if (admission.retryAt === undefined) this.parked.add(id);
      else this.schedule(id, admission.retryAt, true);
      return;
    }
    const reservation = this.withUnpark(admission.reservation);
    if (this.state !== 'running') {
      reservation.release();
      return;
    }
    this.release(id);
    const claimed = work.delivery;
    let answer: ConnectorAnswer<{ id?: string; activityId?: string }>;
    try {
      answer = await this.send(claimed, target);
    } finally {
      reservation.complete(this.deps.clock.now().getTime());
    }
    const sent = this.sentTo(claimed, target, answer);
    await this.recordOutcome(work, answer.outcome, sent, target, claimed.attempts + 1, log);
  }

  /**
   * Claims a delivery for this instance (ETag-guarded); false when it changed since it was read. `uncertain`: it
   * is taken over from an instance that stopped during its send.
   */
  private async claim(work: Work, uncertain: boolean): Promise<boolean> {
    const now = this.deps.clock.now();
    const claimed: Delivery = {
      ...work.delivery,
      uncertain: work.delivery.uncertain || uncertain,
      status: 'sending',
      claimedBy: this.deps.instanceId,
      claimUntil: new Date(now.getTime() + this.deps.options.claimMs).toISOString(),
      updatedAt: now.toISOString(),
    };
    const etag = await this.deps.deliveries.replace(claimed, work.etag, true);
    if (etag === undefined) {
      this.release(work.delivery.id);
      this.work.delete(work.delivery.id);
      return false;
    }
    work.delivery = claimed;
    work.etag = etag;
    work.claimed = true;
    this.claimedAhead.set(work.delivery.id, work.target?.limitKey ?? '');
    this.claimTurns.delete(work.delivery.id);
    return true;
  }

  /** Forgets that this instance holds a claim it has not sent on; the conversation's next delivery may claim. */
  private release(id: string): void {
    const work = this.work.get(id);
    if (work) work.claimed = false;
    const limitKey = this.claimedAhead.get(id);
    if (limitKey === undefined || !this.claimedAhead.delete(id)) return;
    const now = this.deps.clock.now().getTime();
    for (const waiting of this.waitingForClaim.get(limitKey) ?? []) this.schedule(waiting, now);
    this.waitingForClaim.delete(limitKey);
    this.grantTurns();
  }

  private waitFor(limitKey: string, id: string): void {
    this.dropTurn(id);
    let ids = this.waitingForClaim.get(limitKey);
    if (!ids) this.waitingForClaim.set(limitKey, (ids = new Set()));
    ids.add(id);
  }

  private dropTurn(id: string): void {
    if (this.claimTurns.delete(id)) this.grantTurns();
  }

  /** Gives free places among the claims ahead to the updates waiting, then to the deliveries waiting longest. */
  private grantTurns(): void {
    const now = this.deps.clock.now().getTime();
    for (const id of this.waitersInTurn()) {
      if (this.claimedAhead.size + this.claimTurns.size >= this.deps.options.concurrency) break;
      this.claimWaiters.delete(id);
      this.claimTurns.add(id);
      this.schedule(id, now, true);
    }
  }

  /** The deliveries waiting for a place among the claims ahead, updates first, each in the order it came. */
  private *waitersInTurn(): Generator<string> {
    for (const id of this.updates) if (this.claimWaiters.has(id)) yield id;
    // A Set skips what was deleted while it is walked: an update given a place above is not met again.
    yield* this.claimWaiters;
  }

  /** On stop: gives back the claims of deliveries not sent yet, so that the next start (or another instance) sends them at once. */
  private async releaseClaims(): Promise<void> {
    for (const id of [...this.claimedAhead.keys()]) {
      const work = this.work.get(id);
      this.release(id);
      if (!work) continue;
      try {
        await this.replaceWith(work, (current) => (current.claimedBy === this.deps.instanceId && current.status === 'sending' ? { ...current, status: 'pending', claimedBy: '', claimUntil: '' } : current));
      } catch (error) {
        this.deps.logger.warn({ err: error, deliveryId: id }, 'could not give back a claim; it expires by itself');
      }
    }
  }

  /** One request: a new message (a post into a conversation, or a new channel post), or an update of a sent one. */
  private send(delivery: Delivery, target: Target): Promise<ConnectorAnswer<{ id?: string; activityId?: string }>> {
    const { connector } = this.deps;
    const reference = target.reference;
    const conversationId = delivery.activityId ? delivery.conversationId : target.conversationId;
    const activity = {
      ...delivery.payload,
      type: 'message',
      channelId: 'msteams',
      serviceUrl: target.serviceUrl,
      from: reference.bot,
      // Only a 1:1 chat has a recipient; in channels and group chats the stored user is merely who installed the bot.
      ...(target.address.scope === 'personal' && reference.user ? { recipient: reference.user } : {}),
      conversation: { ...(reference.conversation as object | undefined), id: conversationId },
    };
    if (delivery.activityId) return connector.updateActivity(target.serviceUrl, conversationId, delivery.activityId, { ...activity, id: delivery.activityId });
    if (target.kind === 'conversation') return connector.sendToConversation(target.serviceUrl, conversationId, activity);
    const { conversation: _conversation, recipient: _recipient, ...post } = activity as typeof activity & { recipient?: unknown };
    return connector.createConversation(target.serviceUrl, {
      isGroup: true,
      bot: reference.bot,
      tenantId: target.tenantId,
      channelData: { channel: { id: target.channelId }, tenant: { id: target.tenantId } },
      activity: post,
    });
  }

  /** Where a successful first send went: the activity id and the conversation an update must address. */
  private sentTo(delivery: Delivery, target: Target, answer: ConnectorAnswer<{ id?: string; activityId?: string }>): { activityId: string; conversationId: string } | undefined {
    if (!answer.body || delivery.activityId) return undefined;
    if (target.kind === 'conversation') return { activityId: answer.body.id ?? '', conversationId: target.conversationId };
    // A new channel post: Teams answers with the thread's conversation id ("…;messageid=…") and the activity id.
    const activityId = answer.body.activityId ?? answer.body.id?.split(';messageid=')[1] ?? '';
    const conversationId = answer.body.id?.includes(';messageid=') ? answer.body.id : `${target.channelId};messageid=${activityId}`;
    return { activityId, conversationId };
  }

  /** Records an attempt's outcome: sent, pending for a retry, or failed for good. */
  private async recordOutcome(
    work: Work,
    outcome: ConnectorOutcome,
    sent: { activityId: string; conversationId: string } | undefined,
    target: Target | undefined,
    attempts: number,
    log: Logger,
  ): Promise<void> {
    const now = this.deps.clock.now();
    const attempted = work.delivery;
    const decision = decide(outcome, attempts, this.deps.options, this.random, now.getTime());
    const wasUpdate = attempted.activityId !== '';
    const claimedRevision = attempted.revision;

    const apply = (current: Delivery): Delivery => {
      const base = { ...current, claimedBy: '', claimUntil: '', updatedAt: now.toISOString() };
      if (decision.kind === 'done') {
        const newer = current.revision > claimedRevision;
        return {
          ...base,
          ...(sent ?? {}),
          status: newer ? 'pending' : 'sent',
          attempts: newer ? 0 : attempts,
          nextAttemptAt: now.toISOString(),
          sentRevision: claimedRevision,
          sentAt: wasUpdate ? current.sentAt : now.toISOString(),
          lastError: '',
          errorCode: '',
        };
      }
      if (decision.kind === 'retry') {
        return { ...base, status: 'pending', attempts, nextAttemptAt: new Date(now.getTime() + decision.delayMs).toISOString(), lastError: outcome.message, errorCode: outcome.errorCode ?? '' };
      }
      const errorCode = decision.reason === 'attemptsExhausted' ? 'attemptsExhausted' : (outcome.errorCode ?? `HTTP${outcome.status ?? ''}`);
      // A failed update leaves the message as Teams shows it: the delivery stays sent, with the error noted.
      if (wasUpdate) return { ...base, status: 'sent', attempts, lastError: `update failed: ${outcome.message}`, errorCode };
      return { ...base, status: 'failed', attempts, lastError: outcome.message, errorCode };
    };

    const recorded = await this.replaceWith(work, apply);
    const id = attempted.id;
    if (decision.kind === 'done') {
      log.info({ attempt: attempts, activityId: recorded.activityId, update: wasUpdate }, wasUpdate ? 'delivery updated' : 'delivery sent');
    } else if (decision.kind === 'retry') {
      log.info({ attempt: attempts, status: outcome.status, error: outcome.message, delayMs: decision.delayMs }, 'delivery will be retried');
      if (decision.throttled && target && outcome.retryAfter !== undefined) this.limiter.pause(target.limitKey, now.getTime() + decision.delayMs);
    } else {
      log.warn({ attempt: attempts, status: outcome.status, errorCode: recorded.errorCode, error: outcome.message, reason: decision.reason }, 'delivery failed for good');
      if (target && decision.reason === 'rejected' && outcome.status !== undefined && target.address.staleOn.includes(outcome.status)) {
        await this.deps.conversations.markStale(target.address.scope, target.address.key, { since: now.toISOString(), reason: recorded.errorCode });
        log.warn({ scope: target.address.scope, errorCode: recorded.errorCode }, 'conversation marked stale until someone writes there again');
      }
    }
    if (recorded.status === 'pending') this.schedule(id, Date.parse(recorded.nextAttemptAt));
    else this.forget(id);
  }

  private async recordUnreachable(work: Work, reason: UnreachableReason, log: Logger): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    await this.replaceWith(work, (current) => ({ ...current, status: 'unreachable', errorCode: reason, lastError: reason, claimedBy: '', claimUntil: '', updatedAt: now }));
    this.forget(work.delivery.id);
    log.warn({ reason, recipient: work.delivery.recipient.kind }, 'recipient unreachable; nothing sent');
  }

  /** Drops what this instance keeps about a delivery that needs no more work; replies waiting for it go now. */
  private forget(id: string): void {
    this.updates.delete(id);
    this.release(id);
    this.dropTurn(id);
    this.work.delete(id);
    this.recipientKeys.delete(id);
    const replies = this.waitingForPost.get(id);
    this.waitingForPost.delete(id);
    const now = this.deps.clock.now().getTime();
    for (const reply of replies ?? []) this.schedule(reply, now);
  }

  /**
   * A reply whose channel post is not sent yet: it stays pending, and is tried again when this instance records
   * the post, or after a while (another instance may be sending the post).
   */
  private waitForPost(id: string, postId: string, until: number, log: Logger): void {
    let replies = this.waitingForPost.get(postId);
    if (!replies) this.waitingForPost.set(postId, (replies = new Set()));
    replies.add(id);
    const now = this.deps.clock.now().getTime();
    this.schedule(id, now + Math.min(POST_WAIT_MAX_MS, Math.max(POST_WAIT_MIN_MS, until - now)));
    log.debug({ postId }, 'reply waits for the channel post it replies to');
  }

  /**
   * Replaces the delivery with `apply(current)`: first with the ETag we hold; if it changed meanwhile (an
   * update came in), on what is stored now, so that nothing recorded by the other writer is lost.
   */
  private async replaceWith(work: Work, apply: (current: Delivery) => Delivery): Promise<Delivery> {
    let current = work.delivery;
    let etag = work.etag;
    for (let tries = 0; tries < 10; tries++) {
      const next = apply(current);
      const newEtag = await this.deps.deliveries.replace(next, etag, next.payload === current.payload);
      if (newEtag !== undefined) {
        work.delivery = next;
        work.etag = newEtag;
        return next;
      }
      const stored = await this.deps.deliveries.get(current.id);
      if (!stored) throw new Error(`delivery ${current.id} disappeared`);
      current = stored.value;
      etag = stored.etag;
    }
    throw new Error(`delivery ${current.id} kept changing while its outcome was recorded`);
  }

  // ---- rate limits ----

  /**
   * When a request is answered, the deliveries waiting for one go back into the queue. They are few (at most
   * the messages queued for conversations with a request in flight), and each is asked again without storage.
   */
  private withUnpark(reservation: Reservation): Reservation {
    const unpark = () => {
      const now = this.deps.clock.now().getTime();
      for (const id of this.parked) this.schedule(id, now);
      this.parked.clear();
    };
    return {
      complete: (now) => {
        reservation.complete(now);
        unpark();
      },
      release: () => {
        reservation.release();
        unpark();
      },
    };
  }

  /** A request outside a delivery's own send (member list, new 1:1 chat): waits for the app's rate limit. */
  private async limited<T>(request: () => Promise<ConnectorAnswer<T>>): Promise<ConnectorAnswer<T>> {
    for (;;) {
      const now = this.deps.clock.now().getTime();
      const admission = this.limiter.admit(undefined, now);
      if (admission.ok) {
        try {
          return await request();
        } finally {
          admission.reservation.complete(this.deps.clock.now().getTime());
        }
      }
      const wait = (admission.retryAt ?? now + 50) - now;
      const slept = new Promise<void>((resolve) => this.deps.clock.setTimer(wait, resolve));
      this.tracker.beginWait();
      await slept;
      this.tracker.endWait();
    }
  }
}
