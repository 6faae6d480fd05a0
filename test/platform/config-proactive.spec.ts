import assert from 'node:assert/strict';
import { parseConfig } from '../../src/app';
import { problemsOf } from '../support/config-problems';

describe('configuration of deliveries and scheduled jobs', () => {
  it('has defaults for every setting', () => {
    const config = parseConfig({});
    assert.deepEqual(config.delivery, { maxAttempts: 8, retryBaseMs: 500, retryMaxMs: 300_000, concurrency: 8, sweepSeconds: 30, claimSeconds: 20 });
    assert.deepEqual(config.scheduler, { graceMinutes: 360, leaseSeconds: 60, tickSeconds: 15 });
    assert.ok(Object.isFrozen(config.delivery) && Object.isFrozen(config.scheduler));
  });

  it('reads every setting', () => {
    const config = parseConfig({
      DELIVERY_MAX_ATTEMPTS: '3',
      DELIVERY_RETRY_BASE_MS: '250',
      DELIVERY_RETRY_MAX_MS: '60000',
      DELIVERY_CONCURRENCY: '2',
      DELIVERY_SWEEP_SECONDS: '10',
      DELIVERY_CLAIM_SECONDS: '300',
      SCHEDULER_GRACE_MINUTES: '0',
      SCHEDULER_LEASE_SECONDS: '30',
      SCHEDULER_TICK_SECONDS: '5',
    });
    assert.deepEqual(config.delivery, { maxAttempts: 3, retryBaseMs: 250, retryMaxMs: 60_000, concurrency: 2, sweepSeconds: 10, claimSeconds: 300 });
    assert.deepEqual(config.scheduler, { graceMinutes: 0, leaseSeconds: 30, tickSeconds: 5 });
  });

  it('keeps deliveries and job runs 90 days unless told otherwise', () => {
    assert.deepEqual(parseConfig({}).retention, { deliveryDays: 90, jobRunDays: 90 });
    assert.deepEqual(parseConfig({ DELIVERY_RETENTION_DAYS: '30', SCHEDULER_RETENTION_DAYS: '365' }).retention, { deliveryDays: 30, jobRunDays: 365 });
  });

  const cases: [string, Record<string, string>, string][] = [
    ['no attempts at all', { DELIVERY_MAX_ATTEMPTS: '0' }, 'DELIVERY_MAX_ATTEMPTS must be a whole number from 1 to 50, got "0"'],
    ['a backoff that is not a number', { DELIVERY_RETRY_BASE_MS: 'soon' }, 'DELIVERY_RETRY_BASE_MS must be a whole number from 10 to 60000, got "soon"'],
    ['a first backoff longer than the longest', { DELIVERY_RETRY_BASE_MS: '5000', DELIVERY_RETRY_MAX_MS: '2000' }, 'DELIVERY_RETRY_BASE_MS (5000) must not exceed DELIVERY_RETRY_MAX_MS (2000)'],
    ['too many sends at once', { DELIVERY_CONCURRENCY: '100' }, 'DELIVERY_CONCURRENCY must be a whole number from 1 to 64, got "100"'],
    ['a claim that leaves a request no time', { DELIVERY_CLAIM_SECONDS: '5' }, 'DELIVERY_CLAIM_SECONDS must be a whole number from 10 to 3600, got "5"'],
    ['a negative grace period', { SCHEDULER_GRACE_MINUTES: '-5' }, 'SCHEDULER_GRACE_MINUTES must be a whole number from 0 to 10080, got "-5"'],
    ['a lease too short to renew', { SCHEDULER_LEASE_SECONDS: '5' }, 'SCHEDULER_LEASE_SECONDS must be a whole number from 10 to 3600, got "5"'],
    ['a tick of zero', { SCHEDULER_TICK_SECONDS: '0' }, 'SCHEDULER_TICK_SECONDS must be a whole number from 1 to 3600, got "0"'],
    ['deliveries kept for no day', { DELIVERY_RETENTION_DAYS: '0' }, 'DELIVERY_RETENTION_DAYS must be a whole number from 1 to 3650, got "0"'],
    ['job runs kept for a fraction of days', { SCHEDULER_RETENTION_DAYS: '1.5' }, 'SCHEDULER_RETENTION_DAYS must be a whole number from 1 to 3650, got "1.5"'],
  ];
  for (const [what, env, problem] of cases) {
    it(`refuses ${what}, naming the variable`, () => {
      assert.deepEqual(problemsOf(env), [problem]);
    });
  }
});
