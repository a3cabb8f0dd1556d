// One PostGraphile server for the bench, run as a child process by index.mjs startPostGraphile():
//   <node 22> server.mjs <5|4>   with BENCH_DATABASE_URL set.
// It serves schema bench_pg on a free loopback port, configured as a production deployment
// (no GraphiQL, no watch mode, no explain, no pgSettings, a pool of 10), and prints one line
// `LISTENING <url>` once it answers. SIGTERM closes the server and the pool.
import { createServer } from 'node:http';
import pg from 'pg';

const version = process.argv[2];
const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl || (version !== '5' && version !== '4')) {
  console.error('usage: BENCH_DATABASE_URL=… node server.mjs <5|4>');
  process.exit(2);
}
// Same pool size as Cascade's default (CASCADE_POOL_SIZE 10), so neither side has more connections.
const poolSize = Number(process.env.BENCH_PG_POOL_SIZE ?? 10);
// Same plan mode as Cascade's request pool (src/db/data-source.ts: generic plans for prepared
// statements), so a difference in req/s is not a difference in Postgres's planning.
// BENCH_PLAN_MODE=auto keeps Postgres's default instead.
const planOptions = (process.env.BENCH_PLAN_MODE ?? 'generic') === 'generic' ? { options: '-c plan_cache_mode=force_generic_plan' } : {};

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}/graphql`));
  });
}

async function startV5() {
  const { postgraphile } = await import('postgraphile');
  const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
  const { makePgService } = await import('postgraphile/adaptors/pg');
  const { grafserv } = await import('postgraphile/grafserv/node');
  const preset = {
    extends: [PostGraphileAmberPreset],
    pgServices: [
      makePgService({
        connectionString: databaseUrl,
        schemas: ['bench_pg'],
        poolConfig: { max: poolSize, ...planOptions },
        // No LISTEN connection: nothing here subscribes.
        pubsub: false,
      }),
    ],
    grafserv: {
      graphiql: false,
      graphiqlOnGraphQLGET: false,
      graphqlOverGET: false,
      watch: false,
      websockets: false,
      // Grafast's pre-stringified output, the fast path for JSON responses.
      outputDataAsString: true,
    },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  serv.addTo(server);
  // Build the schema before announcing the port, so the first request is not a cold start.
  await pgl.getSchema();
  const url = await listen(server);
  return {
    url,
    async close() {
      await new Promise((resolve) => server.close(() => resolve()));
      await serv.release?.();
      await pgl.release();
    },
  };
}

async function startV4() {
  const { postgraphile } = (await import('postgraphile4')).default;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, ...planOptions });
  pool.on('error', () => undefined);
  // The options PostGraphile 4's docs recommend for production.
  const middleware = postgraphile(pool, ['bench_pg'], {
    graphiql: false,
    enhanceGraphiql: false,
    watchPg: false,
    disableQueryLog: true,
    dynamicJson: true,
    setofFunctionsContainNulls: false,
    ignoreRBAC: false,
    allowExplain: false,
    enableQueryBatching: false,
    showErrorStack: false,
    extendedErrors: [],
    subscriptions: false,
    retryOnInitFail: false,
  });
  // Build the schema before announcing the port (the middleware otherwise builds it on first use).
  await middleware.getGraphQLSchema();
  const server = createServer(middleware);
  const url = await listen(server);
  return {
    url,
    async close() {
      await new Promise((resolve) => server.close(() => resolve()));
      await middleware.release?.();
      await pool.end();
    },
  };
}

const running = await (version === '5' ? startV5() : startV4());
process.stdout.write(`LISTENING ${running.url}\n`);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    // A keep-alive connection from the load generator would hold server.close() open: give it a moment.
    const timer = setTimeout(() => process.exit(0), 2000);
    timer.unref();
    try {
      await running.close();
    } finally {
      process.exit(0);
    }
  });
}
