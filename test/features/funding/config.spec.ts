import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/app';
import type { FundingSettings } from '../../../src/features/funding/settings';
import { problemsOf } from '../../support/config-problems';

const settings = (env: Record<string, string>) => parseConfig(env).settings.funding as FundingSettings;

describe('funding configuration', () => {
  it('defaults to reminders 28, 14, 7 and 2 days before, no scheduled fetch, and the public EU search API', () => {
    const defaults = settings({});
    assert.deepEqual(defaults.reminders.map((o) => o.label), ['28d', '14d', '7d', '2d']);
    assert.deepEqual([defaults.fetchSchedule, defaults.euKeywords, defaults.euApiUrl], ['', [], 'https://api.tech.ec.europa.eu/search-api/prod/rest/search']);
  });

  it('takes reminders, the fetch schedule, its keywords and the API from the environment', () => {
    const read = settings({ FUNDING_REMINDERS: '2m', FUNDING_FETCH_SCHEDULE: '0 6 * * 1', FUNDING_EU_KEYWORDS: 'smart city, digital,,', FUNDING_EU_API_URL: 'http://127.0.0.1:9/search' });
    assert.deepEqual([read.reminders.map((o) => o.label), read.fetchSchedule, read.euKeywords, read.euApiUrl], [['2m'], '0 6 * * 1', ['smart city', 'digital'], 'http://127.0.0.1:9/search']);
  });

  it('refuses reminders, a schedule or an address it cannot use, naming the variable', () => {
    assert.deepEqual(problemsOf({ FUNDING_REMINDERS: '2 Wochen', FUNDING_FETCH_SCHEDULE: 'montags', FUNDING_EU_API_URL: 'ftp://example.org' }), [
      'FUNDING_REMINDERS must be 1 to 10 offsets before a deadline, each a number and d (days), h (hours) or m (minutes), separated by commas, e.g. "28d,14d,7d,2d", got "2 Wochen"',
      'FUNDING_FETCH_SCHEDULE must be a cron expression of five fields (minute hour day month weekday), e.g. "0 6 * * 1", or "off", got "montags"',
      'FUNDING_EU_API_URL must be an http or https address, got "ftp://example.org"',
    ]);
  });
});
