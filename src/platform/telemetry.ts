/**
 * Telemetry to Application Insights through OpenTelemetry, when `APPLICATIONINSIGHTS_CONNECTION_STRING` is set:
 * every HTTP request the bot serves (`/api/messages`, `/healthz`, the features' routes) as a request, every call it
 * makes (Table Storage through the Azure SDK, the Bot Connector) as a dependency of the request that caused it, and
 * the JSON log lines as traces of the same operation, each with its fields — the turn's `correlationId` among them
 * (the log lines on stdout get `trace_id` and `span_id` in return). Without the variable nothing of it is loaded.
 *
 * Start it before the code it instruments is loaded (HTTP servers and clients, the Azure SDK, pino): `index.ts`
 * loads the app only after {@link startTelemetry}.
 */

/** Running telemetry: stop it to send what is still buffered. */
export interface Telemetry {
  /** Sends what is buffered and stops; call before the process exits. */
  shutdown(): Promise<void>;
}

/** The two libraries telemetry needs, loaded on demand. */
export interface TelemetryLibraries {
  readonly monitor: Pick<typeof import('@azure/monitor-opentelemetry'), 'useAzureMonitor' | 'shutdownAzureMonitor'>;
  readonly pino: Pick<typeof import('@opentelemetry/instrumentation-pino'), 'PinoInstrumentation'>;
}

/** Loads the libraries; only ever called with a connection string. */
async function loadLibraries(): Promise<TelemetryLibraries> {
  const [monitor, pino] = await Promise.all([import('@azure/monitor-opentelemetry'), import('@opentelemetry/instrumentation-pino')]);
  return { monitor, pino };
}

/**
 * Starts sending telemetry to the Application Insights resource of `connectionString`; with an empty one does
 * nothing, loads nothing and returns undefined. `load` is the edge to the libraries (tests replace it).
 */
export async function startTelemetry(connectionString: string, load: () => Promise<TelemetryLibraries> = loadLibraries): Promise<Telemetry | undefined> {
  if (!connectionString) return undefined;
  const { monitor, pino } = await load();
  monitor.useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    instrumentationOptions: { http: { enabled: true }, azureSdk: { enabled: true } },
  });
  // After useAzureMonitor, which registers the providers it sends to. Log records go to Application Insights
  // within the request's operation; the log lines on stdout get the trace and span ids.
  const logs = new pino.PinoInstrumentation();
  return {
    async shutdown() {
      logs.disable();
      await monitor.shutdownAzureMonitor();
    },
  };
}
