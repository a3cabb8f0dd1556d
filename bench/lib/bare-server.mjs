// The "bare" baseline: plain node:http + pg, no GraphQL engine, no auth, no limits. For each
// scenario it runs the statements Cascade itself ran for that request (captured by capture.mjs:
// same text, same parameters, same pool settings and type parsers) and writes the JSON Cascade
// would write. What it does NOT do is the work Cascade adds per request (parsing and validating
// the document, cost and budget checks, resolvers, DataLoaders), which is what the ratio shows.
//
// Usage (the runner spawns it): node bench/lib/bare-server.mjs <spec.json>
// where spec = { databaseUrl, registry: {text, params}, scenarios: { a: { query, statements } … } }.
// Prints `bare at http://127.0.0.1:<port>/graphql` once listening.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { decodeParams } from './capture.mjs';
import { dist } from './paths.mjs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// Cascade's own pool factory: same statement timeout, int8/date parsers and plan mode.
const { createPool } = dist('src/db/data-source.js');
const { wilderRsi } = dist('src/domains/signals/rsi.js');
const { encodeLiquidationCursor } = dist('src/domains/liquidations/liquidation.cursor.js');
// Every Cascade answer carries the methodology version (docs/changes.md); so does this one, to stay byte-identical.
const { responseExtensions } = dist('src/domains/shared/methodology.js');
// Cascade's read pool as main.ts builds it, generic plans included.
const pool = createPool(spec.databaseUrl, { max: Number(process.env.BARE_POOL_SIZE ?? 10), applicationName: 'bench-bare', genericPlans: true });

// Statements with parameters go by name, so each connection parses and plans them once (what
// pgbench -M prepared does, and Cascade's Db for repeated statements).
const names = new Map();
const nameOf = (text) => {
  let name = names.get(text);
  if (!name) names.set(text, (name = `bare_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  return name;
};
const prepare = process.env.BARE_PREPARE !== '0';
const query = async (text, params) => (await pool.query(prepare && params && params.length ? { name: nameOf(text), text, values: params } : { text, values: params })).rows;

/** Assets and venues in memory, reloaded every 30 s with Cascade's registry statement (as Cascade does). */
const registry = {
  loadedAt: 0,
  loading: null,
  venues: [],
  venuesById: new Map(),
  assetsById: new Map(),
  async current() {
    if (Date.now() - this.loadedAt < 30_000) return this;
    this.loading ??= (async () => {
      const [row] = await query(spec.registry.text, decodeParams(spec.registry.params));
      this.venues = row.venues ?? [];
      this.venuesById = new Map(this.venues.map((v) => [v.id, v]));
      this.assetsById = new Map((row.assets ?? []).map((a) => [a.id, a]));
      this.loadedAt = Date.now();
    })().finally(() => (this.loading = null));
    await this.loading;
    return this;
  },
};

// (b) is one statement (instruments with their latest readings joined) or two (instruments,
// then the readings of their ids); both shapes are mirrored.
const expectedStatements = { a: [0], b: [1, 2], c: [1], d: [1], e: [1] };
const statements = {};
for (const [name, scenario] of Object.entries(spec.scenarios)) {
  // The registry statement can land in any capture (its 30 s reload); it is not the scenario's.
  const own = scenario.statements.filter((s) => s.text !== spec.registry.text).map((s) => ({ text: s.text, params: decodeParams(s.params) }));
  if (!expectedStatements[name].includes(own.length)) {
    console.error(`bare: Cascade ran ${own.length} statements for (${name}), this server mirrors ${expectedStatements[name].join(' or ')}: update bench/lib/bare-server.mjs`);
    process.exit(2);
  }
  statements[name] = own;
}

const handlers = {
  // The bare baseline is node:http + pg running the one statement that answers the
  // list. Cascade answers (a) from its in-process registry (no SQL); the bare server does not
  // borrow that cache, so (a) compares Cascade with the limit of a Node server over Postgres.
  async a() {
    return { venues: (await pool.query({ name: prepare ? 'bare_venues' : undefined, text: 'SELECT slug, name FROM venue ORDER BY slug' })).rows };
  },
  async b() {
    const [list, latest] = statements.b;
    const rows = await query(list.text, list.params);
    // Cascade's planned statements (src/app/planned) return the field's JSON: passed through as is.
    if (rows.length === 1 && typeof rows[0].json === 'string') return raw(`{"instruments":${rows[0].json}}`);
    const reg = await registry.current();
    const readings = new Map((latest ? await query(latest.text, [rows.map((r) => r.id)]) : rows).map((r) => [r.instrument_id, r]));
    return {
      instruments: rows.map((r) => {
        const venue = reg.venuesById.get(r.venue_id);
        const l = readings.get(r.id);
        return {
          symbol: r.symbol,
          venue: { slug: venue.slug, name: venue.name },
          asset: { symbol: reg.assetsById.get(r.asset_id).symbol },
          latestOpenInterest: l?.oi_at && l.open_interest_usd !== null ? { at: l.oi_at, openInterestUsd: l.open_interest_usd } : null,
          latestFunding: l?.funding_at && l.rate !== null && l.interval_hours !== null ? { at: l.funding_at, rate: l.rate, intervalHours: l.interval_hours } : null,
        };
      }),
    };
  },
  async c() {
    const [history] = statements.c;
    const rows = await query(history.text, history.params);
    if (rows.length === 1 && typeof rows[0].json === 'string') return raw(`{"liquidationHistory":${rows[0].json}}`);
    return { liquidationHistory: rows.map((r) => ({ start: r.start, longUsd: r.long_usd ?? 0, shortUsd: r.short_usd ?? 0, count: Number(r.event_count ?? 0) })) };
  },
  async d() {
    const [page] = statements.d;
    const rows = await query(page.text, page.params);
    // Cascade's planned page: the edges' JSON from Postgres, the page info from its columns.
    if (rows.length === 1 && typeof rows[0].edges === 'string') {
      const [row] = rows;
      return raw(`{"liquidations":{"edges":${row.edges},"pageInfo":{"hasNextPage":${row.has_next},"endCursor":${JSON.stringify(row.end_cursor)}}}}`);
    }
    const reg = await registry.current();
    const size = Number(page.params.at(-1)) - 1;
    const edges = rows.slice(0, size).map((r) => ({
      cursor: encodeLiquidationCursor({ occurredAtMicros: r.occurred_at_us, id: r.id }),
      node: { id: r.id, occurredAt: r.occurred_at, notionalUsd: r.notional_usd, venue: { slug: reg.venuesById.get(r.venue_id).slug } },
    }));
    return { liquidations: { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } } };
  },
  async e() {
    const [snapshot] = statements.e;
    const [row] = await query(snapshot.text, snapshot.params);
    const rsi14 = row.price === null ? null : wilderRsi([...(row.daily_closes ?? []), row.price]);
    return {
      marketSnapshot: {
        priceUsd: row.price,
        openInterestUsd: row.open_interest_usd,
        openInterestWeightedFunding: row.oi_weighted_funding,
        change24h: row.price !== null && row.price_24h_ago ? row.price / row.price_24h_ago - 1 : null,
        drawdownFromHigh: row.price !== null && row.high_close ? 1 - row.price / row.high_close : null,
        depthRatio: row.depth_now !== null && row.depth_median_30d ? row.depth_now / row.depth_median_30d : null,
        etfNetFlow7dUsd: row.etf_net_flow_7d,
        lthSupplyChange30d: row.lth_change_30d,
        whaleSupplyChange30d: row.whale_change_30d,
        rsi14,
        liquidations24h: { longUsd: row.long_usd ?? 0, shortUsd: row.short_usd ?? 0 },
      },
    };
  },
};

const byDocument = new Map(Object.entries(spec.scenarios).map(([name, s]) => [s.query, name]));

/** A `data` value already written as JSON (what Cascade's planned statements return). */
class Raw {
  constructor(text) {
    this.text = text;
  }
}
// BARE_MODE=generic: the generic Node + pg limit. Every answer Postgres wrote as JSON text is
// decoded into JavaScript values here and serialised again with JSON.stringify, as a hand-written
// server does with the rows it reads; the default passes that text through, as Cascade does.
const generic = process.env.BARE_MODE === 'generic';
const raw = (text) => (generic ? JSON.parse(text) : new Raw(text));

function send(res, status, body) {
  // Apollo ends its JSON with a newline; with it the bodies are byte-identical to Cascade's.
  const withExtensions = { ...body, extensions: responseExtensions };
  const text = body.data instanceof Raw ? `{"data":${body.data.text},"extensions":${JSON.stringify(responseExtensions)}}\n` : `${JSON.stringify(withExtensions)}\n`;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const { query: document } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const name = byDocument.get(document);
      if (!name) return send(res, 400, { errors: [{ message: 'unknown document' }] });
      send(res, 200, { data: await handlers[name]() });
    } catch (error) {
      send(res, 500, { errors: [{ message: String(error?.message ?? error) }] });
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => console.log(`bare at http://127.0.0.1:${server.address().port}/graphql`));
const stop = () => {
  server.close(() => pool.end().finally(() => process.exit(0)));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
