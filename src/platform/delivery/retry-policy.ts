/** What the Bot Connector answered to one request, or that it could not be reached. */
export interface ConnectorOutcome {
  /** The HTTP status; undefined when the request failed on the network (refused, reset, timed out). */
  readonly status: number | undefined;
  /** The `Retry-After` header as sent, if any. */
  readonly retryAfter?: string;
  /** The Teams error code of an error answer (`ConversationBlockedByUser`, …), if the body named one. */
  readonly errorCode?: string;
  /** A short description for the delivery log: status and message, never the request. */
  readonly message: string;
}

export interface RetryOptions {
  /** Attempts per delivery, the first one included. */
  readonly maxAttempts: number;
  /** Backoff before the second attempt; doubles with every further attempt. */
  readonly baseDelayMs: number;
  /** The longest backoff (and the longest `Retry-After` honoured as given). */
  readonly maxDelayMs: number;
}

/** What to do after an attempt. */
export type RetryDecision =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry'; readonly delayMs: number; readonly throttled: boolean }
  | { readonly kind: 'final'; readonly reason: FinalReason };

/**
 * Why a delivery failed for good: Teams refused it (`rejected`: 400, 401, 403, 404, 413 and other 4xx, which
 * do not change by trying again), or every attempt failed on something that might have passed (`attemptsExhausted`).
 */
export type FinalReason = 'rejected' | 'attemptsExhausted';

/**
 * Statuses worth another attempt (PLATFORM-NOTES "Throttling"): 429 and 503 are throttling and honour
 * `Retry-After`; 412 (a conflict on Teams' side), 500, 502 and 504 are transient. Every other 5xx is retried too.
 */
const THROTTLED = new Set([429, 503]);

/**
 * Decides after an attempt whether a delivery is done, is tried again (and when), or failed for good.
 * `attempt` counts from 1 (the attempt just made); `random` is in [0, 1) and spreads backoffs (jitter); `now`
 * (epoch ms) reads a `Retry-After` given as a date.
 */
export function decide(outcome: ConnectorOutcome, attempt: number, options: RetryOptions, random: () => number, now: number): RetryDecision {
  const { status } = outcome;
  if (status !== undefined && status >= 200 && status < 300) return { kind: 'done' };
  const transient = status === undefined || status === 412 || status === 429 || status >= 500;
  if (!transient) return { kind: 'final', reason: 'rejected' };
  if (attempt >= options.maxAttempts) return { kind: 'final', reason: 'attemptsExhausted' };
  const throttled = status !== undefined && THROTTLED.has(status);
  const asked = throttled ? retryAfterMs(outcome.retryAfter, now) : undefined;
  if (asked !== undefined) return { kind: 'retry', delayMs: Math.min(asked, options.maxDelayMs), throttled };
  return { kind: 'retry', delayMs: backoffMs(attempt, options, random), throttled };
}

/**
 * Exponential backoff with "equal jitter": half of the exponential delay for sure, the other half at random,
 * so that many deliveries failing together do not all come back at the same moment.
 */
export function backoffMs(attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
