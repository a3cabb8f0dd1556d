import { ApolloServerPlugin } from '@apollo/server';
import { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Context } from '../domains/context';
import { onPlanDeclined } from '../domains/shared/planned/plans-declined';

/**
 * Prometheus metrics (prom-client) at /metrics. Node's own metrics live in one process-wide
 * registry; each API server adds its own (requests, latency, errors, pool, rate limits), so tests
 * can run several servers apart. Ingestion figures (job runs and failures, stream lag) are read
 * from the database at scrape time: workers run in other processes, often several, and the
 * database is where all of them record what they did (ingestion_run, the stored events).
 */
export const processMetrics = new Registry();
collectDefaultMetrics({ register: processMetrics, prefix: 'cascade_' });

/**
 * Operations the SQL planner declined, by the field it did not know ("Type.field": a field
 * outside its type's shape, or one with arguments), so the fields that send hot reads back to
 * the resolvers show up. Process-wide like the planner's hook (plans-declined.ts); the label set
 * is bounded by the schema (planning runs on validated documents only).
 */
const plansDeclined = new Counter({
  name: 'cascade_plans_declined_total',
  help: 'Operations a root-field planner declined for a field it does not know, by field (Type.field); counted when an operation is planned (once per prepared document, not per request)',
  labelNames: ['field'] as const,
  registers: [processMetrics],
});
onPlanDeclined((field) => plansDeclined.inc({ field }));

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
/**
 * Job runs recorded by every worker, by source, dataset and outcome (one statement a scrape): the
 * raw runs of the last 48 hours plus the hourly rollup of older ones (rollUpRuns moves runs from
 * one to the other in one statement), so the totals never go down when raw runs are pruned and a
 * scrape groups two days of runs, not the whole history.
 */
const jobRunsSql = `SELECT source, dataset, status, sum(runs)::float8 AS runs FROM (
    SELECT source, dataset, status, count(*) AS runs FROM ingestion_run GROUP BY 1, 2, 3
    UNION ALL
    SELECT source, dataset, status, sum(runs) FROM ingestion_run_hourly GROUP BY 1, 2, 3
  ) r GROUP BY 1, 2, 3`;

/**
 * Per venue, the largest storage-minus-event time of the liquidations stored in the last five
 * minutes: how far each live stream runs behind the venue. The window keeps it to the newest
 * partition and each asset's newest index entries.
 */
const streamLagSql = `SELECT v.slug AS venue, extract(epoch FROM max(l.recorded_at - l.occurred_at))::float8 AS lag
  FROM liquidation l JOIN venue v ON v.id = l.venue_id
  WHERE l.asset_id = ANY(ARRAY(SELECT id FROM asset)) AND l.occurred_at > now() - interval '5 minutes' AND l.recorded_at > now() - interval '5 minutes'
  GROUP BY v.slug`;

/** Stream silences recorded by every worker (stream_silence), by source, dataset and whether each is still open. */
const streamSilencesSql = `SELECT source, dataset, CASE WHEN ended_at IS NULL THEN 'open' ELSE 'ended' END AS state, count(*)::float8 AS silences
  FROM stream_silence GROUP BY 1, 2, 3`;

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
  // A scrape while the database is away still answers, without these two.
  new Gauge({
    name: 'cascade_ingest_job_runs',
    help: 'Ingestion job runs recorded by all workers since the database was created (raw runs and their hourly rollup), by source, dataset and status (SUCCEEDED, FAILED, RUNNING); SUCCEEDED and FAILED only ever grow',
    labelNames: ['source', 'dataset', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await pool.query<{ source: string; dataset: string; status: string; runs: number }>(jobRunsSql).then((r) => r.rows, () => []);
      for (const row of rows) this.set({ source: row.source, dataset: row.dataset, status: row.status }, row.runs);
    },
  });
  new Gauge({
    name: 'cascade_ingest_stream_lag_seconds',
    help: 'Live liquidation streams: the largest (stored time - event time) of the events stored in the last 5 minutes, by venue',
    labelNames: ['venue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await pool.query<{ venue: string; lag: number }>(streamLagSql).then((r) => r.rows, () => []);
      for (const row of rows) this.set({ venue: row.venue }, row.lag);
    },
  });
  new Gauge({
    name: 'cascade_ingest_stream_silences',
    help: "Live stream silences (the stream's canary stopped for longer than its bound) recorded by all workers, by source, dataset and state (open: still silent; ended: the canary came back)",
    labelNames: ['source', 'dataset', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await pool.query<{ source: string; dataset: string; state: string; silences: number }>(streamSilencesSql).then((r) => r.rows, () => []);
      for (const row of rows) this.set({ source: row.source, dataset: row.dataset, state: row.state }, row.silences);
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
    /** An operation answered without Apollo's pipeline (fast-path.ts): counted as Apollo's are. */
    countAnswered(operationName: string | null, seconds: number, errorCodes: readonly string[] = [], anonymous = true) {
      const operation = label(operationName);
      requests.inc({ operation });
      latency.observe({ operation }, seconds);
      for (const code of errorCodes) {
        errors.inc({ code });
        if (code === 'RATE_LIMITED') rateLimited.inc({ caller: anonymous ? 'anonymous' : 'key' });
      }
    },
    /** A request refused for a spent budget before it was parsed. */
    countRateLimited: (anonymous: boolean) => rateLimited.inc({ caller: anonymous ? 'anonymous' : 'key' }),
    /** Everything /metrics serves: this server's metrics and the process-wide ones. */
    async text(): Promise<{ contentType: string; body: string }> {
      const [own, shared] = await Promise.all([registry.metrics(), processMetrics.metrics()]);
      return { contentType: registry.contentType, body: `${own}\n${shared}` };
    },
  };
}
