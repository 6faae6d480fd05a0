import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/app';
import { ConfigError } from '../../../src/platform/config';
import { feedCheckCron, type TrendSettings } from '../../../src/features/trends/settings';

describe('trend notes: configuration', () => {
  const settingsOf = (env: Record<string, string>) => parseConfig(env).settings.trends as TrendSettings;
  const problems = (env: Record<string, string>) => {
    try {
      parseConfig(env);
      return [];
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error.problems;
    }
  };

  it('checks the feeds hourly and refuses private addresses by default', () => {
    assert.deepEqual(settingsOf({}), { feedCheckMinutes: 60, allowPrivateAddresses: false });
  });

  it('turns the interval into a schedule', () => {
    assert.deepEqual(
      [1, 15, 60, 180, 1440].map(feedCheckCron),
      ['* * * * *', '*/15 * * * *', '0 * * * *', '0 */3 * * *', '0 0 * * *'],
    );
  });

  it('refuses an interval that no schedule can keep, and a setting that is not true or false', () => {
    assert.deepEqual(problems({ FEEDS_CHECK_MINUTES: '7', FEEDS_ALLOW_PRIVATE: 'ja' }), [
      'FEEDS_CHECK_MINUTES must divide an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30) or be whole hours dividing a day (60, 120, 180, 240, 360, 480, 720, 1440), got "7"',
      'FEEDS_ALLOW_PRIVATE must be true or false, got "ja"',
    ]);
  });
});
