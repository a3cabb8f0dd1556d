import { methodologyVersion } from '../../src/domains/shared/methodology';
import { ChildProcess, spawn } from 'node:child_process';
import { migrations } from '../../migrations';
import { defaultEndpoints } from '../../src/ingest/config';
import { builtEntry } from '../support/built';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startVenueServer, venueEnv, VenueServer } from '../support/venue-server';
import { postTo, stopApiProcess } from './security/support';

/**
 * A deployment's replicas start at once (docker-compose: two APIs, two workers). Each runs the
 * migrations on start; on a database with no tables at all, every migration must be applied
 * once, by one of them, and all four must come up.
 */

const children: ChildProcess[] = [];

function spawnCascade(entry: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [builtEntry(entry), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve({ child, match });
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${output.slice(-3000)}`)));
  });
}

describe('processes starting together on a blank database', () => {
  let database: TestDatabase;
  let venues: VenueServer;

  beforeAll(async () => {
    database = await createTestDatabase('blank');
    // A venue that answers nothing: the workers' first jobs fail quietly, which is not under test.
    venues = await startVenueServer();
    builtEntry('src/main.js');
  });
  afterAll(async () => {
    await Promise.all(children.map((child) => (child.exitCode === null && child.signalCode === null ? stopApiProcess(child) : undefined)));
    await venues.stop();
    await database.drop();
  }, 60_000);

  it('apply each migration once, by one of four processes, and all four come up', async () => {
    const base: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url, CASCADE_POOL_SIZE: '3' };
    delete base.CASCADE_GLASSNODE_API_KEY;
    delete base.CASCADE_CRYPTOQUANT_API_KEY;
    const api = { ...base, PORT: '0', HOST: '127.0.0.1', CASCADE_LOG_LEVEL: 'warn' };
    const worker: NodeJS.ProcessEnv = { ...base, CASCADE_LOG_LEVEL: 'info' };
    for (const slug of Object.keys(defaultEndpoints)) Object.assign(worker, venueEnv(venues, slug));
    expect(await database.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).toEqual([]);

    const started = await Promise.all([
      spawnCascade('src/main.js', ['--api-only'], api, /at (http:\/\/\S+\/graphql)/),
      spawnCascade('src/main.js', ['--api-only'], api, /at (http:\/\/\S+\/graphql)/),
      spawnCascade('src/worker.js', [], worker, /"msg":"ingestion worker started"/),
      spawnCascade('src/worker.js', [], worker, /"msg":"ingestion worker started"/),
    ]);

    const applied = await database.db.query<{ name: string; times: number }>(`SELECT name, count(*)::int AS times FROM cascade_migrations GROUP BY name ORDER BY name`);
    expect(applied).toEqual(migrations.map((m) => ({ name: m.name, times: 1 })).sort((a, b) => a.name.localeCompare(b.name)));
    for (const { match } of started.slice(0, 2)) {
      const url = match[1].replace('localhost', '127.0.0.1');
      expect((await fetch(url.replace('/graphql', '/readyz'))).status).toBe(200);
      expect((await postTo(url, '{ venues { slug } }')).body).toEqual({ data: { venues: expect.any(Array) }, extensions: { methodologyVersion } });
    }
    for (const { child } of started) expect([child.exitCode, child.signalCode]).toEqual([null, null]);
  }, 180_000);
});
