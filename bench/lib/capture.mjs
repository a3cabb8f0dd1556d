// The SQL Cascade runs for each scenario, captured from Cascade itself: its server is started in
// this process on a pool whose `query` records every statement text and parameter list, and each
// scenario's request is sent once. The bare server and pgbench replay exactly these statements,
// so a change to a domain service's SQL reaches the baselines without anyone copying it.
import { createRequire } from 'node:module';
import { dist } from './paths.mjs';

const require = createRequire(import.meta.url);

/** JSON-safe parameters (Dates tagged so the bare server passes Dates again, as Cascade does). */
export function encodeParams(params) {
  return params.map((value) => (value instanceof Date ? { $date: value.toISOString() } : value));
}

export function decodeParams(params) {
  return params.map((value) => (value && typeof value === 'object' && !Array.isArray(value) && '$date' in value ? new Date(value.$date) : value));
}

/**
 * Returns `{ registry: {text, params}, scenarios: { a: { statements, body }, … } }`: the
 * registry statement of a cold start (what Cascade re-runs every 30 s) and, per scenario, the
 * statements of one request with a warm registry plus Cascade's answer.
 */
export async function captureStatements({ url, requests }) {
  require('reflect-metadata');
  const { createPool } = dist('src/db/data-source.js');
  const { createDb } = dist('src/db/sql.js');
  const { startServer } = dist('src/app/server.js');
  const { createLogger } = dist('src/core/logger.js');
  const pool = createPool(url, { max: 4, applicationName: 'cascade-bench-capture' });
  let recording = null;
  const query = pool.query.bind(pool);
  // Cascade's Db calls pool.query with a text and values, or with a query config ({ text,
  // values, name } once it prepares a repeated statement under a name).
  pool.query = (config, values, callback) => {
    if (recording) {
      if (typeof config === 'string') recording.push({ text: config, params: encodeParams(values ?? []) });
      else if (config && typeof config.text === 'string') recording.push({ text: config.text, params: encodeParams(config.values ?? []) });
    }
    return query(config, values, callback);
  };
  const server = await startServer({ db: createDb(pool), port: 0, host: '127.0.0.1', logger: createLogger('silent'), introspection: false });
  const endpoint = `http://127.0.0.1:${server.port}/graphql`;
  const send = async (request) => {
    const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`capture: HTTP ${response.status}: ${body.slice(0, 300)}`);
    return body;
  };
  try {
    recording = [];
    await send({ query: '{ venues { slug } }' });
    const registry = recording.find((s) => /FROM asset\)\s+AS assets/.test(s.text) || /json_agg/.test(s.text));
    if (!registry) throw new Error(`capture: the registry statement was not seen on a cold start (saw ${recording.length}: ${recording.map((s) => s.text.slice(0, 60)).join(' / ')})`);
    const scenarios = {};
    for (const [name, request] of Object.entries(requests)) {
      recording = [];
      const body = await send(request);
      scenarios[name] = { statements: recording, body };
    }
    recording = null;
    return { registry, scenarios };
  } finally {
    recording = null;
    await server.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}
