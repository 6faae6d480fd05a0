import assert from 'node:assert/strict';
import { RateLimiter, TEAMS_APP_LIMITS, TEAMS_CONVERSATION_LIMITS } from '../../../src/platform/delivery/rate-limiter';
import { backoffMs, decide, retryAfterMs } from '../../../src/platform/delivery/retry-policy';

const limiter = () => new RateLimiter({ conversation: TEAMS_CONVERSATION_LIMITS, app: TEAMS_APP_LIMITS, maxInFlightPerConversation: 1, marginMs: 0 });

/** Sends `count` requests to `conversation` as fast as the limiter allows from `start`; returns their times. */
function drain(rate: RateLimiter, conversation: string, count: number, start = 0): number[] {
  const times: number[] = [];
  let now = start;
  while (times.length < count) {
    const admission = rate.admit(conversation, now);
    if (admission.ok) {
      times.push(now);
      admission.reservation.complete(now);
    } else now = admission.retryAt!;
  }
  return times;
}

describe('rate limiter', () => {
  it('lets 7 requests into a conversation in the first second and the 8th after 1 s, the 9th after 2 s', () => {
    const times = drain(limiter(), 'a', 10);
    assert.deepEqual(times, [0, 0, 0, 0, 0, 0, 0, 1000, 2000, 2000]);
  });

  it('allows 60 per 30 seconds in a conversation', () => {
    const times = drain(limiter(), 'a', 61);
    assert.equal(times[59]! < 30_000, true);
    assert.equal(times[60], 30_000);
  });

  it('keeps one request in flight per conversation and counts it from its answer', () => {
    const rate = limiter();
    const first = rate.admit('a', 0);
    assert.ok(first.ok);
    assert.deepEqual(rate.admit('a', 0), { ok: false, retryAt: undefined });
    assert.ok(rate.admit('b', 0).ok);
    first.reservation.complete(400);
    for (let i = 0; i < 6; i++) {
      const next = rate.admit('a', 400);
      assert.ok(next.ok);
      next.reservation.complete(400);
    }
    // Seven in the window (0, 1400] counted from their answers: the eighth waits for the first to leave.
    assert.deepEqual(rate.admit('a', 1000), { ok: false, retryAt: 1400 });
  });

  it('holds 50 requests per second for the app across conversations', () => {
    const rate = limiter();
    for (let i = 0; i < 50; i++) {
      const admission = rate.admit(`c${i}`, 0);
      assert.ok(admission.ok);
      admission.reservation.complete(10);
    }
    assert.deepEqual(rate.admit('c50', 500), { ok: false, retryAt: 1010 });
    assert.ok(rate.admit('c50', 1010).ok);
  });

  it('forgets a reservation that was released without a request', () => {
    const rate = limiter();
    for (let i = 0; i < 7; i++) {
      const admission = rate.admit('a', 0);
      assert.ok(admission.ok);
      if (i < 6) admission.reservation.complete(0);
      else admission.reservation.release();
    }
    assert.ok(rate.admit('a', 0).ok);
  });

  it('holds a conversation back until a Retry-After has passed', () => {
    const rate = limiter();
    rate.pause('a', 3000);
    assert.deepEqual(rate.admit('a', 0), { ok: false, retryAt: 3000 });
    assert.ok(rate.admit('a', 3000).ok);
  });
});

describe('retry policy', () => {
  const options = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 10_000 };
  const half = () => 0.5;

  it('is done on 2xx', () => {
    assert.deepEqual(decide({ status: 201, message: '201' }, 1, options, half, 0), { kind: 'done' });
  });

  it('honours Retry-After on 429 and 503, capped at the longest delay', () => {
    assert.deepEqual(decide({ status: 429, retryAfter: '2', message: '' }, 1, options, half, 0), { kind: 'retry', delayMs: 2000, throttled: true });
    assert.deepEqual(decide({ status: 503, retryAfter: '120', message: '' }, 1, options, half, 0), { kind: 'retry', delayMs: 10_000, throttled: true });
  });

  it('backs off with jitter on 429 without Retry-After and on 500, 502, 504, 412 and network errors', () => {
    for (const status of [429, 500, 502, 504, 412, undefined]) {
      const decision = decide({ status, message: '' }, 2, options, half, 0);
      assert.equal(decision.kind, 'retry', `status ${status}`);
      assert.equal((decision as { delayMs: number }).delayMs, 1500);
    }
  });

  it('never retries 400, 401, 403, 404 and 413', () => {
    for (const status of [400, 401, 403, 404, 413]) assert.deepEqual(decide({ status, message: '' }, 1, options, half, 0), { kind: 'final', reason: 'rejected' });
  });

  it('stops after the last attempt', () => {
    assert.deepEqual(decide({ status: 500, message: '' }, 4, options, half, 0), { kind: 'final', reason: 'attemptsExhausted' });
  });

  it('spreads backoffs between half and all of the exponential delay', () => {
    assert.equal(backoffMs(1, options, () => 0), 500);
    assert.equal(backoffMs(3, options, () => 0.999999), 4000);
    assert.equal(backoffMs(10, options, () => 0), 5000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(retryAfterMs('3', 0), 3000);
    assert.equal(retryAfterMs('Mon, 10 Mar 2025 08:00:05 GMT', Date.parse('2025-03-10T08:00:00Z')), 5000);
    assert.equal(retryAfterMs('soon', 0), undefined);
    assert.equal(retryAfterMs(undefined, 0), undefined);
  });
});
