import assert from 'node:assert/strict';
import { startTestBot, type TestBot } from '../../support/test-bot';
import type { ApiOverview } from '../../../src/features/dashboard/api';

describe('Dashboard API without an app id (local use)', () => {
  let bot: TestBot;
  afterEach(async () => bot?.close());

  it('answers on loopback as the directory\'s first coordinator', async () => {
    bot = await startTestBot({ MicrosoftAppId: '' });
    const response = await fetch(`${bot.app.url}/api/tab/overview`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as ApiOverview;
    assert.deepEqual(body.viewer, { name: 'Martina Becker', email: 'm.becker@kreis-coesfeld.example', coordinator: true });
  });

  it('shows the CDO named by DASHBOARD_LOCAL_USER, without the coordinators\' round', async () => {
    bot = await startTestBot({ MicrosoftAppId: '', DASHBOARD_LOCAL_USER: 'Anna.Schulte@duelmen.example' });
    const overview = (await (await fetch(`${bot.app.url}/api/tab/overview`)).json()) as ApiOverview;
    assert.deepEqual(overview.viewer, { name: 'Anna Schulte', email: 'anna.schulte@duelmen.example', coordinator: false });
    const round = await fetch(`${bot.app.url}/api/tab/round`);
    assert.equal(round.status, 403);
    assert.equal(((await round.json()) as { error: string }).error, 'forbidden');
  });
});
