import { AuthenticationConstants, ClaimsIdentity, type BotFrameworkAuthentication } from 'botframework-connector';
import type { ConnectorOutcome } from './retry-policy';

/** A Teams user as the member API describes them. */
export interface TeamsMember {
  readonly id: string;
  readonly aadObjectId?: string;
  readonly email?: string;
  readonly userPrincipalName?: string;
}

/** The answer to one request: its outcome (status, `Retry-After`, error code) and the body of a success. */
export interface ConnectorAnswer<T = unknown> {
  readonly outcome: ConnectorOutcome;
  readonly body: T | undefined;
}

/** The Bot Connector calls the delivery pipeline makes. Each is one HTTP request, without retries. */
export interface ConnectorApi {
  /** POST an activity into a conversation: a 1:1 chat, a group chat, a channel thread. */
  sendToConversation(serviceUrl: string, conversationId: string, activity: object): Promise<ConnectorAnswer<{ id?: string }>>;
  /** PUT an activity again: the message is updated in place. */
  updateActivity(serviceUrl: string, conversationId: string, activityId: string, activity: object): Promise<ConnectorAnswer<{ id?: string }>>;
  /** Creates a conversation: a 1:1 chat with a user, or a new post in a channel (with its first activity). */
  createConversation(serviceUrl: string, parameters: object): Promise<ConnectorAnswer<{ id?: string; activityId?: string }>>;
  /** One page of a team's members. */
  getPagedMembers(serviceUrl: string, teamId: string, continuationToken?: string): Promise<ConnectorAnswer<{ members?: TeamsMember[]; continuationToken?: string }>>;
}

/** How long one request may take before it counts as a network failure (and is retried), unless told otherwise. */
const REQUEST_TIMEOUT_MS = 30_000;

type Signable = { headers: { set(name: string, value: string): void } };
type Credentials = { signRequest(resource: Signable): Promise<unknown> };

/**
 * The Bot Connector REST API, called with `fetch` and signed with botbuilder's credentials for the bot's app
 * id (none locally). botbuilder's `ConnectorClient` cannot be used for sending: its HTTP pipeline carries a
 * retry policy that no option turns off (it retries 429 only with `Retry-After`, blocks the caller meanwhile,
 * and hides the status and `Retry-After` of the last try), see PLATFORM-NOTES "Throttling". Here every call is
 * exactly one request, and the delivery pipeline decides about retries.
 */
export class BotConnector implements ConnectorApi {
  private readonly credentials = new Map<string, Promise<Credentials>>();

  /**
   * @param timeoutMs How long one request may take before it is given up (a network failure): shorter than the
   *   delivery pipeline's claim (`requestTimeoutMs` in pipeline.ts).
   */
  constructor(
    private readonly authentication: BotFrameworkAuthentication,
    private readonly appId: string,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  sendToConversation(serviceUrl: string, conversationId: string, activity: object) {
    return this.request<{ id?: string }>('POST', serviceUrl, `v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity);
  }

  updateActivity(serviceUrl: string, conversationId: string, activityId: string, activity: object) {
    return this.request<{ id?: string }>('PUT', serviceUrl, `v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`, activity);
  }

  createConversation(serviceUrl: string, parameters: object) {
    return this.request<{ id?: string; activityId?: string }>('POST', serviceUrl, 'v3/conversations', parameters);
  }

  getPagedMembers(serviceUrl: string, teamId: string, continuationToken?: string) {
    const query = `pageSize=500${continuationToken ? `&continuationToken=${encodeURIComponent(continuationToken)}` : ''}`;
    return this.request<{ members?: TeamsMember[]; continuationToken?: string }>('GET', serviceUrl, `v3/conversations/${encodeURIComponent(teamId)}/pagedmembers?${query}`);
  }

  private async request<T>(method: string, serviceUrl: string, path: string, body?: object): Promise<ConnectorAnswer<T>> {
    const url = `${serviceUrl.replace(/\/+$/, '')}/${path}`;
    const headers = new Headers({ accept: 'application/json' });
    if (body !== undefined) headers.set('content-type', 'application/json; charset=utf-8');
    let response: Response;
    try {
      const credentials = await this.credentialsFor(serviceUrl);
      await credentials.signRequest({ headers: { set: (name, value) => headers.set(name, value) } });
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      // Refused, reset, timed out, or no token: nothing reached Teams, or we cannot know; worth another try.
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { outcome: { status: undefined, message: `network error: ${(error as Error).message}${cause ? ` (${cause})` : ''}` }, body: undefined };
    }
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const retryAfter = response.headers.get('retry-after') ?? undefined;
    if (response.ok) return { outcome: { status: response.status, retryAfter, message: `${response.status}` }, body: json as T };
    const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const errorCode = typeof error?.code === 'string' ? error.code : undefined;
    const detail = typeof error?.message === 'string' ? error.message : text.slice(0, 200);
    return {
      outcome: { status: response.status, retryAfter, errorCode, message: `${response.status}${errorCode ? ` ${errorCode}` : ''}${detail ? `: ${detail}` : ''}`.slice(0, 500) },
      body: undefined,
    };
  }

  /** botbuilder's credentials for the bot's app id and this service URL (cloud settings and token cache included). */
  private credentialsFor(serviceUrl: string): Promise<Credentials> {
    let credentials = this.credentials.get(serviceUrl);
    if (!credentials) {
      const claims = new ClaimsIdentity([
        { type: AuthenticationConstants.AudienceClaim, value: this.appId },
        { type: AuthenticationConstants.AppIdClaim, value: this.appId },
      ]);
      const factory = this.authentication.createConnectorFactory(claims);
      // No audience: the factory uses the configured channel scope, as botbuilder's own proactive sends do.
      credentials = factory.create(serviceUrl).then((client) => client.credentials as unknown as Credentials);
      credentials.catch(() => this.credentials.delete(serviceUrl));
      this.credentials.set(serviceUrl, credentials);
    }
    return credentials;
  }
}
