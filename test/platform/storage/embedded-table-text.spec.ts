import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import { testConnectionString, uniquePrefix } from '../../support/hooks';

/**
 * Non-ASCII text through the embedded Table Storage. Bodies above 64 KiB reach the emulator in several pieces,
 * and a piece can end inside a multi-byte character; "€" takes three bytes in UTF-8, so with several piece
 * boundaries in a body at least one falls inside a character.
 */
describe('embedded Table Storage with non-ASCII text', () => {
  let table: TableClient;
  beforeEach(async () => {
    table = TableClient.fromConnectionString(testConnectionString(), `${uniquePrefix()}text`, { allowInsecureConnection: true });
    await table.createTable();
  });
  afterEach(async () => table.deleteTable());

  /** Twenty properties of 10,000 "€" and "ä": about 500 KB of UTF-8 in one request. */
  function bigEntity(rowKey: string): Record<string, string> & { partitionKey: string; rowKey: string } {
    const entity: Record<string, string> & { partitionKey: string; rowKey: string } = { partitionKey: 'p', rowKey };
    for (let i = 0; i < 20; i++) entity[`p${i}`] = `${i % 2 ? '€' : 'ä'}`.repeat(10_000);
    return entity;
  }

  it('reads back exactly what an upsert of a large entity wrote', async () => {
    const written = bigEntity('single');
    await table.upsertEntity(written, 'Replace');
    const read = await table.getEntity<Record<string, string>>('p', 'single');
    for (let i = 0; i < 20; i++) assert.equal(read[`p${i}`], written[`p${i}`], `property p${i}`);
  });

  it('reads back exactly what a transaction of large entities wrote', async () => {
    const written = [bigEntity('a'), bigEntity('b')];
    await table.submitTransaction(written.map((e) => ['upsert', e, 'Replace'] as const));
    for (const entity of written) {
      const read = await table.getEntity<Record<string, string>>('p', entity.rowKey);
      for (let i = 0; i < 20; i++) assert.equal(read[`p${i}`], entity[`p${i}`], `${entity.rowKey} property p${i}`);
    }
  });
});
