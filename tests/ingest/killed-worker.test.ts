import { ChildProcess, spawn } from 'node:child_process';
import { runDataset } from '../../src/ingest/runner';
import { builtEntry } from '../support/built';
import { createTestDatabase, TestDatabase } from '../support/database';
import { eventually, startVenueServer, VenueServer } from '../support/venue-server';
import { loopbackOptions, serveBinance, storedRows } from './venues';

const window = { from: new Date('2024-06-09T00:00:00Z'), to: new Date('2024-06-10T09:00:00Z') };

/**
 * A worker process killed with SIGKILL in the middle of a backfill (one slice written, the next
 * request in flight): the rerun resumes from the watermark and the stored rows equal a clean
 * run's — nothing lost, nothing twice. The killed run stays visible as RUNNING.
 */
describe('a worker killed mid-run', () => {
  let clean: TestDatabase;
  let killed: TestDatabase;
  let venue: VenueServer;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    [clean, killed] = await Promise.all([createTestDatabase('empty'), createTestDatabase('empty')]);
    venue = await startVenueServer();
    serveBinance(venue);
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await venue.stop();
    await Promise.all([clean.drop(), killed.drop()]);
  });

  it('leaves rows equal to a clean run once the rerun completes', async () => {
    const cli = builtEntry('src/cli.js');
    await runDataset(clean.db, 'binance', 'instruments', window, loopbackOptions(venue, 'binance'));
    await runDataset(clean.db, 'binance', 'funding', window, loopbackOptions(venue, 'binance'));
    await runDataset(killed.db, 'binance', 'instruments', window, loopbackOptions(venue, 'binance'));

    // The child's first funding-history request is answered; the second never is, and the
    // child is killed while it waits for it.
    const path = '/fapi/v1/fundingRate';
    const before = venue.requestsTo(path).length;
    const fundingRoute = (venue as unknown as { routes: Map<string, (r: unknown) => unknown> }).routes.get(path)!;
    let served = 0;
    venue.route(path, (request) => {
      served += 1;
      if (served === 1) venue.fault(path, { kind: 'delay', ms: 120_000 }, 1);
      return fundingRoute(request);
    });

    child = spawn(process.execPath, [cli, 'backfill', 'binance', 'funding', '--from', window.from.toISOString(), '--to', window.to.toISOString(), '--no-progress'], {
      env: { ...process.env, DATABASE_URL: killed.url, CASCADE_LOG_LEVEL: 'silent', CASCADE_BINANCE_REST_URL: venue.url, CASCADE_BINANCE_WS_URL: venue.wsUrl },
      stdio: 'ignore',
    });
    await eventually(() => venue.requestsTo(path).length >= before + 2, 30_000);
    const written = (await killed.db.query<{ n: number }>('SELECT count(*)::int AS n FROM funding_rate'))[0].n;
    expect(written).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    child = undefined;

    expect((await killed.db.query(`SELECT status FROM ingestion_run WHERE dataset = 'funding'`)).map((r) => r.status)).toContain('RUNNING');
    serveBinance(venue);
    venue.clearFaults();
    await runDataset(killed.db, 'binance', 'funding', window, loopbackOptions(venue, 'binance'));
    expect(await storedRows(killed.db)).toEqual(await storedRows(clean.db));
  });
});
