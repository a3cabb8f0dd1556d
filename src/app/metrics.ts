import { ApolloServerPlugin } from '@apollo/server';
import { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Context } from './context';

/**
 * Prometheus metrics (prom-client) at /metrics. Process-wide metrics (Node's own, ingestion jobs
 * and streams) live in one registry the ingestion code imports; each API server adds its own
 * (requests, latency, errors, pool, rate limits), so tests can run several servers apart.
 */
export const processMetrics = new Registry();
collectDefaultMetrics({ register: processMetrics, prefix: 'cascade_' });

/** Ingestion: job runs started, by source and dataset (the job runner increments it). */
export const ingestJobRuns = new Counter({
  name: 'cascade_ingest_job_runs_total',
  help: 'Ingestion job runs started, by source and dataset.',
  labelNames: ['source', 'dataset'] as const,
  registers: [processMetrics],
});

/** Ingestion: job runs that failed, by source and dataset. */
export const ingestJobFailures = new Counter({
  name: 'cascade_ingest_job_failures_total',
  help: 'Ingestion job runs that failed, by source and dataset.',
  labelNames: ['source', 'dataset'] as const,
  registers: [processMetrics],
});

/** Ingestion: how far a live stream is behind, storage time minus the event's own time. */
export const ingestStreamLag = new Gauge({
  name: 'cascade_ingest_stream_lag_seconds',
  help: 'Latest lag of a live stream: storage time minus event time, by source and dataset.',
  labelNames: ['source', 'dataset'] as const,
  registers: [processMetrics],
});

const maxOperationLabels = 200;

/**
 * Operation names come from callers, so the label set is bounded: the first 200 well-formed
 * names are kept, anything later is `other` (a label per name would grow without end).
 */
function operationLabeller() {
  const seen = new Set<string>();
  return (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (!/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name)) return 'other';
    if (seen.has(name)) return name;
    if (seen.size >= maxOperationLabels) return 'other';
    seen.add(name);
    return name;
  };
}

export type ServerMetrics = ReturnType<typeof createMetrics>;

/** One API server's metrics over its pool, and the Apollo plugin that records them. */
export function createMetrics(pool: Pool) {
  const registry = new Registry();
  const requests = new Counter({ name: 'cascade_graphql_requests_total', help: 'GraphQL operations by name', labelNames: ['operation'] as const, registers: [registry] });
  const latency = new Histogram({
    name: 'cascade_graphql_duration_seconds',
    help: 'GraphQL operation latency by name',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({ name: 'cascade_graphql_errors_total', help: 'GraphQL errors by code', labelNames: ['code'] as const, registers: [registry] });
  const rateLimited = new Counter({
    name: 'cascade_rate_limit_rejections_total',
    help: 'Requests refused with RATE_LIMITED, by caller kind (key or anonymous address)',
    labelNames: ['caller'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'cascade_db_pool_connections',
    help: 'Postgres pool connections by state (total open, idle, queries waiting for one)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  const label = operationLabeller();

  const countErrors = (codes: Iterable<string>) => {
    for (const code of codes) errors.inc({ code });
  };

  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, response, contextValue }) {
          const operation = label(operationName);
          requests.inc({ operation });
          latency.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
          const body = response.body;
          const found = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          for (const error of found ?? []) {
            const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
            errors.inc({ code });
            if (code === 'RATE_LIMITED') rateLimited.inc({ caller: contextValue.caller.anonymous ? 'anonymous' : 'key' });
          }
        },
      };
    },
  };

  return {
    registry,
    plugin,
    /** Responses the HTTP layer writes itself (401, 413, 429 before parsing). */
    countErrors,
    /** A request refused for a spent budget before it was parsed. */
    countRateLimited: (anonymous: boolean) => rateLimited.inc({ caller: anonymous ? 'anonymous' : 'key' }),
    /** Everything /metrics serves: this server's metrics and the process-wide ones. */
    async text(): Promise<{ contentType: string; body: string }> {
      const [own, shared] = await Promise.all([registry.metrics(), processMetrics.metrics()]);
      return { contentType: registry.contentType, body: `${own}\n${shared}` };
    },
  };
}
