import http from 'node:http';
import { buildCascadeSchema } from '../../../src/app/schema';
import { createTestDatabase, TestDatabase } from '../../support/database';
import { seedRegistry } from '../liquidations.fixture';
import { hostileRequest, HostileRequest, seeded, validDocuments } from './hostile';
import { SecuredServer, startSecuredServer } from './support';

const requests = 10_000;
const concurrency = 16;
const seed = Number(process.env.CASCADE_FUZZ_SEED ?? 20251010);

/** What must never reach a caller: stack frames, file paths, Postgres' own error texts, SQL. */
const leaks = [
  /\bat (async )?[\w$.<>]+ \(?[^\s()]*:\d+:\d+\)?/,
  /node_modules|\/work\/|\.ts:\d+/,
  /syntax error at or near|relation "[^"]*" does not exist|column "[^"]*" does not exist|violates [a-z ]*constraint|invalid input syntax for|out of range for type|current transaction is aborted/i,
  /\$\d+::[a-z]+|\bunnest\(|generate_series\(/,
  /ECONNREFUSED|TypeError|ReferenceError|RangeError|Cannot read propert/,
];

interface Answer {
  status: number;
  text: string;
}

function send(agent: http.Agent, port: number, request: HostileRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ host: '127.0.0.1', port, agent, method: request.method, path: request.path, headers: request.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // A body the server refuses early (413) may be cut off mid-upload; the answer still counts.
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * Ten thousand generated hostile requests through sixteen keep-alive connections: no 5xx but
 * coded 503s, no INTERNAL_SERVER_ERROR at all, nothing from a stack or SQL in any body, and a
 * server that still answers correctly afterwards.
 */
describe('hostile traffic', () => {
  let database: TestDatabase;
  let server: SecuredServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await seedRegistry(database.db);
    // Budgets on (the limiter runs on every request) but out of reach: this is about answers.
    server = await startSecuredServer(database.db, { rateLimits: true, anonymousPointsPerMinute: 1_000_000_000 });
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it(`answers ${requests} hostile requests with coded errors and no leaks, and keeps serving`, async () => {
    const schema = buildCascadeSchema();
    const documents = validDocuments();
    const random = seeded(seed);
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const problems: string[] = [];
    const kinds = new Map<string, number>();
    const statuses = new Map<number, number>();
    let next = 0;
    const started = Date.now();

    const worker = async () => {
      while (next < requests) {
        const index = next++;
        const request = hostileRequest(schema, documents, random);
        kinds.set(request.kind, (kinds.get(request.kind) ?? 0) + 1);
        let answer: Answer;
        try {
          answer = await send(agent, server.port, request);
        } catch (error) {
          // Only an oversized upload may be cut off (the server answers 413 and closes).
          if (request.kind !== 'oversized') problems.push(`#${index} ${request.kind}: connection error ${(error as Error).message}`);
          continue;
        }
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const describe = () => `#${index} ${request.kind} → ${answer.status}: ${answer.text.slice(0, 300)} (request ${request.body?.toString('utf8', 0, 200) ?? request.path.slice(0, 200)})`;
        if (answer.status >= 500 && !(answer.status === 503 && /"code":"(SERVICE_UNAVAILABLE|QUERY_TIMEOUT)"/.test(answer.text))) problems.push(`5xx ${describe()}`);
        if (/"code":"INTERNAL_SERVER_ERROR","errorId"/.test(answer.text)) problems.push(`internal ${describe()}`);
        if (leaks.some((pattern) => pattern.test(answer.text))) problems.push(`leak ${describe()}`);
        if (answer.status !== 200 && !/"code":"[A-Z_]+"/.test(answer.text)) problems.push(`uncoded ${describe()}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    agent.destroy();
    const seconds = (Date.now() - started) / 1000;
    // Printed so a slow or failing run shows its mix (and the seed to replay it).
    console.log(`fuzz seed ${seed}: ${requests} requests in ${seconds.toFixed(1)} s`, Object.fromEntries(kinds), Object.fromEntries(statuses));

    expect(problems.slice(0, 10)).toEqual([]);
    const after = await server.post('{ venues { slug } }');
    expect(after.status).toBe(200);
    expect(after.body.data.venues.map((v: { slug: string }) => v.slug).sort()).toEqual(['binance', 'bybit', 'okx']);
    expect((await fetch(server.url.replace('/graphql', '/healthz'))).status).toBe(200);
  }, 300_000);
});
