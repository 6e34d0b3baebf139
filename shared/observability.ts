// What a serving process starts beside its services: traces when the OTEL_* variables ask for them,
// and the Prometheus endpoint when TYM_METRICS_PORT names a port. Both off by default.
import type { Config } from './config.ts';
import { loggerFor } from './logger.ts';
import { startMetricsEndpoint } from './metrics.ts';
import { startTracing, stopTracing } from './telemetry.ts';

const log = loggerFor('observability');

export interface Observability {
  /** the scrape URL, when the endpoint runs */
  metricsUrl: string | undefined;
  tracing: boolean;
  /** closes the endpoint and exports the spans still buffered */
  stop(): Promise<void>;
}

export async function startObservability(config: Config, serviceName: string): Promise<Observability> {
  const tracing = await startTracing({ serviceName, env: config.otel });
  const { host, port } = config.metrics;
  const metrics = port === null ? undefined : await startMetricsEndpoint({ host, port });
  log.info({ tracing, metrics: metrics?.url ?? 'off' }, 'traces and metrics');
  return {
    metricsUrl: metrics?.url,
    tracing,
    async stop() {
      await metrics?.close();
      await stopTracing();
    },
  };
}
