import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Teams user as the member API describes them. */
export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
}

/** Something the bot sent to the connector: a new activity, a reply, an update, or a new conversation. */
export interface ConnectorCall {
  readonly kind: 'send' | 'reply' | 'update' | 'delete' | 'createConversation';
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  /** For replies and updates: the activity the call refers to. */
  readonly activityId?: string;
  /** The id the connector gave the new activity or conversation. */
  readonly assignedId: string;
  // The connector records whatever JSON the bot sent.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  readonly headers: http.IncomingHttpHeaders;
  /** The HTTP status the connector answered with (faults included). */
  readonly status: number;
  /** When the call arrived (epoch ms), on the clock given to {@link TeamsConnector.useClock}, else the wall clock. */
  readonly at: number;
  /** When the call arrived (wall clock, ms), for benchmarks. */
  readonly receivedAt: number;
}

/** A fault to inject: the next matching calls are answered with this status instead of being accepted. */
export interface Fault {
  method?: string;
  /** Matches when the request path contains this text. */
  pathIncludes?: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many calls to fail (default 1). */
  times?: number;
  /** Matches when the call addresses this conversation (decoded; a channel thread matches its `…;messageid=…` id). */
  conversationId?: string;
  /** Drop the connection instead of answering (a network error for the bot). */
  networkError?: boolean;
  /** With `status: 0`: accept the call but answer only after this many milliseconds (a request in flight). */
  delayMs?: number;
}

/** Sliding windows the connector enforces in {@link TeamsConnector.enforceLimits} mode: at most `max` calls in `ms`. */
export interface LimitWindow {
  ms: number;
  max: number;
}

/** Teams' documented limits: per conversation, and per app and tenant (one tenant here: every call counts). */
export const TEAMS_LIMITS: { conversation: LimitWindow[]; app: LimitWindow[] } = {
  conversation: [
    { ms: 1_000, max: 7 },
    { ms: 2_000, max: 8 },
    { ms: 30_000, max: 60 },
    { ms: 3_600_000, max: 1_800 },
  ],
  app: [{ ms: 1_000, max: 50 }],
};

/** The body Teams answers an error with. */
export function teamsError(code: string, message = code): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** An answer the connector holds back until the test releases it: a slow Teams, without timing. */
export interface HeldAnswer {
  /** Resolves with the call once the bot has sent it (its answer still held). */
  readonly received: Promise<ConnectorCall>;
  /** Lets the connector answer the held call. */
  release(): void;
}

/** Answers the connector holds back from some point on: a Teams that receives requests but stops answering. */
export interface HeldAnswers {
  /** The calls received and not answered, in order of arrival. */
  readonly held: readonly ConnectorCall[];
  /** Resolves once `count` calls are held. */
  whenHeld(count: number): Promise<void>;
  /** Answers the held calls and stops holding. */
  release(): void;
}

/**
 * A Bot Connector service on loopback standing in for Teams: it accepts what the bot sends (replies,
 * proactive messages, updates, new conversations), records every call, serves the member APIs from a list
 * of members, and can answer with injected faults. Tests read the recorded calls.
 */
export class TeamsConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly members = new Map<string, TeamsMember>();
  private readonly faults: Fault[] = [];
  private readonly events = new EventEmitter();
  private memberLookups = 0;
  private limits: { conversation: LimitWindow[]; app: LimitWindow[]; retryAfterSeconds: number; now: () => number } | undefined;
  private readonly arrivals = { app: [] as number[], conversations: new Map<string, number[]>() };
  private limitViolations = 0;
  /** How many times a team's member list was read (`GET …/pagedmembers`). */
  rosterReads = 0;
  private randomFaults: { rate: number; status: number; next: () => number } | undefined;
  private readonly memberFaults: Fault[] = [];
  private readonly holds: { received: (call: ConnectorCall) => void; released: Promise<void> }[] = [];
  private holdAll: { answered: number; calls: ConnectorCall[]; released: Promise<void> } | undefined;
  private now: () => number = Date.now;

  private constructor(
    private readonly server: http.Server,
    readonly serviceUrl: string,
  ) {}

  static async start(): Promise<TeamsConnector> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const connector = new TeamsConnector(server, `http://127.0.0.1:${port}/`);
    server.on('request', (req, res) => connector.handle(req, res));
    return connector;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Stamps every call with this clock's time (a test driving the bot's clock reads when things were sent). */
  useClock(now: () => number): void {
    this.now = now;
  }

  /** Makes a user known to the member API (`GET …/members/{id}`, `…/pagedmembers`). */
  addMember(member: TeamsMember): void {
    this.members.set(member.id, member);
  }

  /** How many times the bot asked the member API about a single user. */
  get memberLookupCount(): number {
    return this.memberLookups;
  }

  injectFault(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /**
   * The next member lookups (`GET …/members/{id}`) fail with this status; they still count in
   * {@link memberLookupCount}. `method` and `pathIncludes` are ignored.
   */
  injectMemberLookupFault(fault: Pick<Fault, 'status' | 'body' | 'headers' | 'times'>): void {
    this.memberFaults.push({ times: 1, ...fault });
  }

  /**
   * Holds back the answer to the next activity call (send, reply, update, new conversation): the call is
   * recorded when it arrives, but the bot waits for its HTTP answer until `release()` is called.
   */
  holdNextAnswer(): HeldAnswer {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let received!: (call: ConnectorCall) => void;
    const arrived = new Promise<ConnectorCall>((resolve) => (received = resolve));
    this.holds.push({ received, released });
    return { received: arrived, release };
  }

  /**
   * Answers the next `answered` activity calls (sends, replies, updates, new conversations) and from then on holds
   * back the answer to every one: each is recorded as accepted when it arrives (Teams has it), but the bot never
   * hears back until `release()`. For a process killed while its requests are in flight.
   */
  holdAnswersAfter(answered: number): HeldAnswers {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const state = { answered, calls: [] as ConnectorCall[], released };
    this.holdAll = state;
    return {
      held: state.calls,
      whenHeld: (count) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (state.calls.length < count) return;
            this.events.off('call', check);
            resolve();
          };
          this.events.on('call', check);
          check();
        }),
      release: () => {
        if (this.holdAll === state) this.holdAll = undefined;
        release();
      },
    };
  }

  /** Calls that carried an activity to a user or channel (new messages and replies). */
  get activities(): ConnectorCall[] {
    return this.calls.filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.status < 300);
  }

  /**
   * Resolves with the activities once `count` of them (matching `filter`) have arrived; rejects after
   * `timeoutMs` with what did arrive, so a failing test says what the bot sent instead.
   */
  async waitForActivities(count: number, filter: (call: ConnectorCall) => boolean = () => true, timeoutMs = 10_000): Promise<ConnectorCall[]> {
    const matching = () => this.activities.filter(filter);
    if (matching().length >= count) return matching();
    return new Promise((resolve, reject) => {
      const onCall = () => {
        if (matching().length >= count) {
          cleanup();
          resolve(matching());
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`expected ${count} activities, got ${matching().length}: ${JSON.stringify(this.activities.map((a) => a.body?.text ?? a.body?.attachments?.[0]?.contentType))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('call', onCall);
      };
      this.events.on('call', onCall);
    });
  }

  /** Forgets recorded calls (members and pending faults stay). */
  clear(): void {
    this.calls.length = 0;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      this.route(req, res, body);
    });
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse, body: unknown): void {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };

    // GET /v3/conversations/{id}/members/{userId} | /pagedmembers | /members
    if (method === 'GET' && parts[0] === 'v3' && parts[1] === 'conversations') {
      if (this.countArrival(undefined)) {
        return send(429, { error: { code: 'Throttled', message: 'app limit exceeded' } }, { 'retry-after': String(this.limits!.retryAfterSeconds) });
      }
      if (parts[3] === 'members' && parts[4]) {
        this.memberLookups++;
        const memberFault = this.memberFaults[0];
        if (memberFault) {
          memberFault.times = (memberFault.times ?? 1) - 1;
          if (memberFault.times <= 0) this.memberFaults.shift();
          return send(memberFault.status, memberFault.body ?? { error: { code: 'InjectedFault', message: `injected ${memberFault.status}` } }, memberFault.headers);
        }
        const member = this.members.get(parts[4]);
        return member ? send(200, member) : send(404, { error: { code: 'MemberNotFoundInConversation', message: 'member not found' } });
      }
      if (parts[3] === 'pagedmembers') {
        this.rosterReads++;
        return send(200, { members: [...this.members.values()] });
      }
      if (parts[3] === 'members') return send(200, [...this.members.values()]);
    }

    let kind: ConnectorCall['kind'] | undefined;
    let conversationId = '';
    let activityId: string | undefined;
    if (parts[0] === 'v3' && parts[1] === 'conversations') {
      if (method === 'POST' && parts.length === 2) kind = 'createConversation';
      else if (parts[3] === 'activities') {
        conversationId = parts[2] ?? '';
        activityId = parts[4];
        if (method === 'POST') kind = activityId ? 'reply' : 'send';
        else if (method === 'PUT') kind = 'update';
        else if (method === 'DELETE') kind = 'delete';
      }
    }
    if (!kind) return send(404, { error: { code: 'NotFound', message: `${method} ${path}` } });

    if (this.answerThrottledOrFaulted(req, res, { kind, method, path, conversationId, activityId, body, send })) return;

    const faultIndex = this.faults.findIndex(
      (f) => (!f.method || f.method === method) && (!f.pathIncludes || path.includes(f.pathIncludes)) && (!f.conversationId || f.conversationId === conversationId),
    );
    const fault = faultIndex >= 0 ? this.faults[faultIndex] : undefined;
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(faultIndex, 1);
    }
    const assignedId = kind === 'createConversation' ? `a:${randomUUID()}` : (activityId && kind !== 'reply' ? activityId : randomUUID());
    const late = fault?.delayMs !== undefined && fault.status === 0;
    const status = (late ? undefined : fault?.status) ?? (kind === 'createConversation' ? 201 : 200);
    const call: ConnectorCall = { kind, method, path, conversationId, activityId, assignedId, body, headers: req.headers, status, at: this.now(), receivedAt: Date.now() };
    this.calls.push(call);
    const holdAll = this.holdAll;
    if (holdAll && !fault && holdAll.answered-- <= 0) {
      holdAll.calls.push(call);
      this.events.emit('call');
      void holdAll.released.then(() => this.answer(call, fault, send));
      return;
    }
    this.events.emit('call');
    if (fault?.networkError) {
      req.socket.destroy();
      return;
    }
    if (late) {
      // Accepted, but answered late: the call stays in flight for a while.
      const delayed = (payload: unknown) => setTimeout(() => send(status, payload), fault!.delayMs);
      return void delayed(kind === 'createConversation' ? { id: assignedId, activityId: randomUUID() } : { id: assignedId });
    }
    const hold = this.holds.shift();
    if (hold) {
      hold.received(call);
      void hold.released.then(() => this.answer(call, fault, send));
      return;
    }
    this.answer(call, fault, send);
  }

  private answer(call: ConnectorCall, fault: Fault | undefined, send: (status: number, payload?: unknown, headers?: Record<string, string>) => void): void {
    const { kind, assignedId, body } = call;
    if (fault) return send(fault.status, fault.body ?? { error: { code: 'InjectedFault', message: `injected ${fault.status}` } }, fault.headers);
    if (kind === 'createConversation') {
      // A new channel post: Teams answers with the thread's conversation id and the post's activity id.
      const channelId = (body as { channelData?: { channel?: { id?: string } } } | undefined)?.channelData?.channel?.id;
      const activityId = randomUUID();
      return send(201, { id: channelId ? `${channelId};messageid=${activityId}` : assignedId, activityId });
    }
    if (kind === 'delete') return send(200);
    return send(200, { id: assignedId });
  }

  // ---- limits and fault injection for the delivery pipeline ----

  /**
   * Enforces Teams' rate limits from now on: every call counts when it arrives, per conversation (a channel's
   * threads count with the channel) and for the app; a call beyond a limit is answered 429 with `Retry-After`
   * and counted in {@link violations}.
   */
  enforceLimits(options: { conversation?: LimitWindow[]; app?: LimitWindow[]; retryAfterSeconds?: number; now?: () => number } = {}): void {
    this.limits = {
      conversation: options.conversation ?? TEAMS_LIMITS.conversation,
      app: options.app ?? TEAMS_LIMITS.app,
      retryAfterSeconds: options.retryAfterSeconds ?? 1,
      now: options.now ?? Date.now,
    };
  }

  /** Calls answered 429 because they exceeded a limit in {@link enforceLimits} mode. */
  get violations(): number {
    return this.limitViolations;
  }

  /** Answers a share of the message calls (sends, replies, updates, new conversations) with `status`, from a seeded sequence. */
  injectRandomFaults(options: { rate: number; status?: number; seed?: number }): void {
    let state = options.seed ?? 42;
    // mulberry32: a small deterministic generator, so a run can be repeated.
    const next = () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    this.randomFaults = { rate: options.rate, status: options.status ?? 500, next };
  }

  /** Calls that Teams accepted (2xx), of the given kinds. */
  accepted(...kinds: ConnectorCall['kind'][]): ConnectorCall[] {
    return this.calls.filter((c) => c.status >= 200 && c.status < 300 && (kinds.length === 0 || kinds.includes(c.kind)));
  }

  /** The conversation a call counts against for the per-conversation limits, if any. */
  private limitKey(kind: ConnectorCall['kind'], conversationId: string, body: unknown): string | undefined {
    if (kind === 'createConversation') return (body as { channelData?: { channel?: { id?: string } } } | undefined)?.channelData?.channel?.id;
    return conversationId.split(';messageid=')[0] || undefined;
  }

  /** Counts an arriving call; true when it exceeds a limit. */
  private countArrival(conversation: string | undefined): boolean {
    if (!this.limits) return false;
    const now = this.limits.now();
    const exceeds = (times: number[], windows: LimitWindow[]) => windows.some((w) => times.filter((t) => t > now - w.ms).length >= w.max);
    let times = conversation === undefined ? undefined : this.arrivals.conversations.get(conversation);
    if (conversation !== undefined && !times) this.arrivals.conversations.set(conversation, (times = []));
    const over = exceeds(this.arrivals.app, this.limits.app) || (times !== undefined && exceeds(times, this.limits.conversation));
    this.arrivals.app.push(now);
    times?.push(now);
    if (this.arrivals.app.length > 10_000) this.arrivals.app.splice(0, 5_000);
    if (over) this.limitViolations++;
    return over;
  }

  private answerThrottledOrFaulted(
    req: http.IncomingMessage,
    _res: http.ServerResponse,
    call: { kind: ConnectorCall['kind']; method: string; path: string; conversationId: string; activityId?: string; body: unknown; send: (status: number, payload?: unknown, headers?: Record<string, string>) => void },
  ): boolean {
    let status: number | undefined;
    let headers: Record<string, string> = {};
    let payload: unknown;
    if (this.countArrival(this.limitKey(call.kind, call.conversationId, call.body))) {
      status = 429;
      headers = { 'retry-after': String(this.limits!.retryAfterSeconds) };
      payload = teamsError('Throttled', 'rate limit exceeded');
    } else if (this.randomFaults && call.kind !== 'delete' && this.randomFaults.next() < this.randomFaults.rate) {
      status = this.randomFaults.status;
      payload = teamsError('InjectedFault', `injected ${status}`);
    }
    if (status === undefined) return false;
    this.calls.push({ kind: call.kind, method: call.method, path: call.path, conversationId: call.conversationId, activityId: call.activityId, assignedId: '', body: call.body, headers: req.headers, status, at: this.now(), receivedAt: Date.now() });
    this.events.emit('call');
    call.send(status, payload, headers);
    return true;
  }
}
