import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CardRenderer, type CardModels, type CardName } from '../../../src/platform/teams/cards';
import { CARDS_DIR } from '../../../src/platform/paths';

describe('card templates', () => {
  const renderer = new CardRenderer();
  const templates = fs.readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'));

  it('finds the templates in cards/', () => {
    assert.ok(templates.length > 0, `no card templates in ${CARDS_DIR}`);
  });

  for (const file of templates) {
    const name = path.basename(file, '.json') as CardName;
    it(`${name}: version 1.5 with a plain-text fallback, and its sample data binds every expression`, () => {
      const dataFile = path.join(CARDS_DIR, `${name}.data.json`);
      assert.ok(fs.existsSync(dataFile), `cards/${name}.data.json is missing`);
      const model = JSON.parse(fs.readFileSync(dataFile, 'utf8')) as CardModels[typeof name];
      const card = renderer.card(name, model).content as Record<string, unknown>;
      assert.equal(card.version, '1.5');
      assert.equal(card.fallbackText, (model as { fallback: string }).fallback);
      assert.doesNotMatch(JSON.stringify(card), /\$\{/);
    });
  }
});
