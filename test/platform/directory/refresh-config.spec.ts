import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/app';
import { ConfigError } from '../../../src/platform/config';

describe('directory refresh configuration', () => {
  it('checks the directory version every 5 seconds unless told otherwise', () => {
    assert.equal(parseConfig({}).directoryRefreshSeconds, 5);
    assert.equal(parseConfig({ ASK_REFRESH_SECONDS: '30' }).directoryRefreshSeconds, 30);
  });

  it('refuses a check interval beyond 30 seconds, naming the variable', () => {
    assert.throws(
      () => parseConfig({ ASK_REFRESH_SECONDS: '31' }),
      (error: unknown) => error instanceof ConfigError && error.problems[0] === 'ASK_REFRESH_SECONDS must be a whole number from 1 to 30, got "31"',
    );
  });
});
