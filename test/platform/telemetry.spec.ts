import assert from 'node:assert/strict';
import sinon from 'sinon';
import { startTelemetry, type TelemetryLibraries } from '../../src/platform/telemetry';
import { TeamsActivities } from '../support/activities';
import { ApplicationInsightsIngestion, INSTRUMENTATION_KEY } from '../support/application-insights';
import { spawnBot, turnDone, type BotProcess } from '../support/bot-process';
import { testConnectionString, uniquePrefix } from '../support/hooks';
import { postActivity } from '../support/process-rig';
import { TeamsConnector } from '../support/teams-connector';
import { SAMPLE_COORDINATOR } from '../support/test-bot';
import { problemsOf } from '../support/config-problems';

describe('telemetry', () => {
  afterEach(() => sinon.restore());

  it('is off without APPLICATIONINSIGHTS_CONNECTION_STRING: nothing of it is loaded', async () => {
    const load = sinon.fake.rejects(new Error('must not be loaded'));
    assert.equal(await startTelemetry('', load as () => Promise<TelemetryLibraries>), undefined);
    assert.equal(load.callCount, 0);
  });

  it('refuses a value that is not an Application Insights connection string', () => {
    assert.deepEqual(problemsOf({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'https://dc.services.visualstudio.com' }), [
      'APPLICATIONINSIGHTS_CONNECTION_STRING is not an Application Insights connection string (expected InstrumentationKey=GUID;IngestionEndpoint=…)',
    ]);
  });

  /**
   * The bot as a process with the variable pointing at Application Insights' ingestion on loopback: one turn, then a
   * graceful stop, which sends what is buffered (no waiting on the exporter's schedule).
   */
  describe('on with APPLICATIONINSIGHTS_CONNECTION_STRING', function () {
    this.timeout(120_000);
    let ingestion: ApplicationInsightsIngestion;
    let connector: TeamsConnector;
    let bot: BotProcess | undefined;
    let activityId: string;

    before(async () => {
      ingestion = await ApplicationInsightsIngestion.start();
      connector = await TeamsConnector.start();
      bot = await spawnBot(
        { APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString, NODE_EXTRA_CA_CERTS: ingestion.caFile, TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix(), SAMPLE_DATA: 'true' },
        { readyTimeoutMs: 90_000 },
      );
      const activity = new TeamsActivities(connector.serviceUrl, SAMPLE_COORDINATOR).personalMessage('Wer kümmert sich um die E-Akte?');
      activityId = activity.id as string;
      assert.equal(await postActivity(bot.url, activity), 200);
      await turnDone(bot, activityId);
      assert.equal(await bot.stop('SIGTERM'), 0);
    });
    after(async () => {
      await bot?.stop('SIGKILL');
      await connector?.close();
      await ingestion?.close();
    });

    /** The correlation id the bot logged for the turn on stdout. */
    function correlationId(): string {
      const line = bot!.stdout.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'turn done' && l.activityId === activityId);
      return String(line?.correlationId);
    }

    it('sends the request to /api/messages, with the instrumentation key', () => {
      const requests = ingestion.named('Request').filter((e) => String(e.data?.baseData?.url ?? '').endsWith('/api/messages'));
      assert.equal(requests.length, 1);
      assert.equal(requests[0]!.iKey, INSTRUMENTATION_KEY);
      assert.equal(requests[0]!.data?.baseData?.responseCode, '200');
    });

    it("sends the turn's calls to Table Storage and to the Bot Connector as dependencies of that request", () => {
      const [request] = ingestion.named('Request').filter((e) => String(e.data?.baseData?.url ?? '').endsWith('/api/messages'));
      const operation = request!.tags!['ai.operation.id'];
      const targets = ingestion
        .named('RemoteDependency')
        .filter((e) => e.tags?.['ai.operation.id'] === operation)
        .map((e) => String(e.data?.baseData?.target ?? ''));
      assert.ok(targets.some((t) => t.startsWith(`127.0.0.1:${new URL(connector.serviceUrl).port}`)), `the reply to the connector in ${targets.join(', ')}`);
      const storagePort = new URL(/TableEndpoint=([^;]+)/.exec(testConnectionString())![1]!).port;
      assert.ok(targets.some((t) => t.includes(`127.0.0.1:${storagePort}`)), `a call to Table Storage in ${targets.join(', ')}`);
    });

    it("sends the turn's log lines with their correlation id, in the request's operation", () => {
      const [request] = ingestion.named('Request').filter((e) => String(e.data?.baseData?.url ?? '').endsWith('/api/messages'));
      const turnLogs = ingestion.named('Message').filter((e) => e.data?.baseData?.properties?.correlationId === correlationId());
      const done = turnLogs.find((e) => e.data?.baseData?.message === 'turn done');
      assert.ok(done, 'the "turn done" line arrived with the correlation id');
      assert.equal(done.tags?.['ai.operation.id'], request!.tags!['ai.operation.id']);
      assert.equal(done.data?.baseData?.properties?.activityId, activityId);
    });

    it('puts the trace id into the log lines on stdout', () => {
      const line = bot!.stdout.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'turn done' && l.activityId === activityId);
      const [request] = ingestion.named('Request').filter((e) => String(e.data?.baseData?.url ?? '').endsWith('/api/messages'));
      assert.equal(line?.trace_id, request!.tags!['ai.operation.id']);
    });
  });
});
