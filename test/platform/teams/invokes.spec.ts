import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { TeamsActivity } from '../../support/activities';
import { startTestBot, type TestBot } from '../../support/test-bot';

describe('malformed card actions', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => {
    sinon.restore();
    await bot.close();
  });

  /** An `adaptiveCard/action` invoke as Teams shapes it, with the given value in place of the action. */
  function invokeWith(value: unknown): TeamsActivity {
    return { ...bot.teams.adaptiveCardAction('checkin.submit', {}), value };
  }

  for (const [what, value, message] of [
    ['an empty object', {}, 'the value must hold an action'],
    ['a number', 42, 'the value must be an object'],
    ['null', null, 'the value must be an object'],
    ['an array', [{ action: { type: 'Action.Execute', verb: 'checkin.submit' } }], 'the value must be an object'],
    ['an action that is text', { action: 'checkin.submit' }, 'the value must hold an action'],
    ['an action of another type', { action: { type: 'Action.Submit', verb: 'checkin.submit' } }, 'the action must be an Action.Execute'],
    ['an action without a verb', { action: { type: 'Action.Execute', data: {} } }, 'the action must have a verb'],
    ['an action whose verb is not text', { action: { type: 'Action.Execute', verb: 7 } }, 'the action must have a verb'],
  ] as const) {
    it(`answers a card action whose value is ${what} with a 400 error response and sends nothing`, async () => {
      const { status, body } = await bot.post(invokeWith(value));
      assert.equal(status, 400);
      assert.deepEqual(body, { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } });
      assert.deepEqual(bot.connector.calls, []);
    });
  }

  it('logs a malformed card action as a warning, not as a failed turn', async () => {
    const activity = invokeWith({});
    await bot.post(activity);
    assert.deepEqual(bot.logs.find('turn failed'), []);
    assert.deepEqual(bot.logs.lines.filter((l) => Number(l.level) >= 50), []);
    const [line] = bot.logs.find('malformed card action refused');
    assert.equal(line!.level, 40);
    assert.equal(line!.activityId, activity.id);
  });

  it('answers a card action with an unknown verb with a 400 error response naming the verb', async () => {
    const { status, body } = await bot.post(bot.teams.adaptiveCardAction('nothing.here', {}));
    assert.equal(status, 400);
    assert.deepEqual(body, { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'unknown verb "nothing.here"' } });
  });
});
