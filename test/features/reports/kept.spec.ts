import assert from 'node:assert/strict';
import { KeptForAWhile } from '../../../src/features/reports/kept';

describe('results kept for a while (reports built for a download, charts for the dashboard)', () => {
  let now = 0;
  let made = 0;
  const make = (value: string) => () => {
    made++;
    return Promise.resolve(value);
  };
  beforeEach(() => {
    now = 1_000;
    made = 0;
  });

  it('gives the same promise for a key within the time, and makes it anew after', async () => {
    const kept = new KeptForAWhile<string, string>(60_000, 4, () => now);
    const first = kept.get('a', make('one'));
    assert.equal(kept.get('a', make('two')), first);
    now += 59_999;
    assert.equal(await kept.get('a', make('three')), 'one');
    now += 1;
    assert.equal(await kept.get('a', make('four')), 'four');
    assert.equal(made, 2);
  });

  it('does not keep a promise that failed', async () => {
    const kept = new KeptForAWhile<string, string>(60_000, 4, () => now);
    await assert.rejects(kept.get('a', () => Promise.reject(new Error('storage unreachable'))));
    assert.equal(await kept.get('a', make('again')), 'again');
  });

  it('keeps at most as many as it is told, dropping the oldest', async () => {
    const kept = new KeptForAWhile<string, string>(60_000, 2, () => now);
    await kept.get('a', make('a'));
    await kept.get('b', make('b'));
    await kept.get('c', make('c'));
    assert.equal(await kept.get('b', make('b2')), 'b');
    assert.equal(await kept.get('a', make('a2')), 'a2');
    assert.equal(made, 4);
  });
});
