import { findLiquidationBuckets } from '../../src/domains/liquidations/liquidation.rollup';
import { Interval } from '../../src/domains/shared/enums';
import { bucketRange } from '../../src/domains/shared/series';
import { runJob } from '../../src/ingest/jobs/scheduler';
import { runDataset } from '../../src/ingest/runner';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startVenueServer, VenueServer } from '../support/venue-server';
import { serveOkx } from './venue-routes';
import { loopbackOptions, serveBinance, testNowMs } from './venues';

/** The window the latest run of a dataset covered. */
const lastWindow = async (database: TestDatabase, source: string, dataset: string) =>
  (await database.db.query<{ window_from: Date; window_to: Date; status: string }>(
    'SELECT window_from, window_to, status FROM ingestion_run WHERE source = $1 AND dataset = $2 ORDER BY id DESC LIMIT 1',
    [source, dataset],
  ))[0];

const recordSucceededRun = (database: TestDatabase, source: string, dataset: string, windowTo: string) =>
  database.db.query(
    `INSERT INTO ingestion_run (source, dataset, window_from, window_to, started_at, finished_at, status) VALUES ($1, $2, $3::timestamptz - interval '1 day', $3, $3, $3, 'SUCCEEDED')`,
    [source, dataset, windowTo],
  );

const recordSilence = (database: TestDatabase, source: string, from: string, to: string) =>
  database.db.query(
    `INSERT INTO stream_silence (source, dataset, venue_id, started_at, ended_at, reason) VALUES ($1, 'liquidations', (SELECT id FROM venue WHERE slug = $1), $2, $3, 'no canary')`,
    [source, from, to],
  );

describe('gaps are repaired over REST where the venue serves history', () => {
  let database: TestDatabase;
  let venue: VenueServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveBinance(venue);
    serveOkx(venue);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it('after an outage, a scheduled Binance funding run reaches back to where the last run stopped, not just its one-day look-back', async () => {
    // The last run covered up to 2024-06-09T00:00; the worker was then down for 33 hours.
    await recordSucceededRun(database, 'binance', 'funding', '2024-06-09T00:00:00Z');
    await runJob(database.db, { source: 'binance', dataset: 'funding' }, loopbackOptions(venue, 'binance'));
    expect(await lastWindow(database, 'binance', 'funding')).toEqual({ window_from: new Date('2024-06-09T00:00:00Z'), window_to: new Date(testNowMs), status: 'SUCCEEDED' });
    // The 08:00 settlement of the missed day is back (the look-back alone starts at 09:00).
    const [row] = await database.db.query(`SELECT f.rate FROM funding_rate f JOIN instrument i ON i.id = f.instrument_id WHERE i.symbol = 'ETHUSDT' AND f.at = '2024-06-09T08:00:00Z'`);
    expect(row).toEqual({ rate: 0.00008 });
  });

  it('a run with no gap keeps its look-back, and snapshot datasets never reach back (depth, mark price: their gaps stay missing)', async () => {
    await runJob(database.db, { source: 'binance', dataset: 'funding' }, loopbackOptions(venue, 'binance'));
    expect((await lastWindow(database, 'binance', 'funding')).window_from).toEqual(new Date(testNowMs - 24 * 3_600_000));
    await recordSucceededRun(database, 'binance', 'depth', '2024-06-01T00:00:00Z');
    await runJob(database.db, { source: 'binance', dataset: 'depth' }, loopbackOptions(venue, 'binance'));
    expect((await lastWindow(database, 'binance', 'depth')).window_from).toEqual(new Date(testNowMs - 60_000));
  });

  it("after an OKX stream silence, the REST liquidation run refills it and coverage stops listing OKX missing; Binance's silence, with no REST source, stays missing", async () => {
    const okx = loopbackOptions(venue, 'okx');
    await runDataset(database.db, 'okx', 'instruments', { from: new Date(testNowMs - 3_600_000), to: new Date(testNowMs) }, okx);
    // Silent from 08:30 to 08:50: before the 15-minute look-back of the 09:00 run.
    await recordSilence(database, 'okx', '2024-06-10T08:30:00Z', '2024-06-10T08:50:00Z');
    await recordSilence(database, 'binance', '2024-06-10T08:30:00Z', '2024-06-10T08:50:00Z');
    const [btc] = await database.db.query<{ id: number }>(`SELECT id FROM asset WHERE symbol = 'BTC'`);
    const venueIds = new Map((await database.db.query<{ id: number; slug: string }>('SELECT id, slug FROM venue')).map((v) => [v.slug, v.id]));
    const silentAt0830 = async () => {
      const [bucket] = await findLiquidationBuckets(database.db, btc.id, null, bucketRange(Interval.M15, new Date('2024-06-10T08:30:00Z'), new Date('2024-06-10T08:45:00Z')));
      return bucket.silent_venue_ids;
    };
    expect(await silentAt0830()).toEqual([venueIds.get('binance'), venueIds.get('okx')].sort((a, b) => a! - b!));

    await runJob(database.db, { source: 'okx', dataset: 'liquidations' }, okx);
    expect((await lastWindow(database, 'okx', 'liquidations')).window_from).toEqual(new Date('2024-06-10T08:30:00Z'));
    // The 08:40 liquidation, inside the silence, is stored from the REST history.
    const [{ n }] = await database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM liquidation WHERE occurred_at = '2024-06-10T08:40:00Z'`);
    expect(n).toBeGreaterThan(0);
    const repaired = await database.db.query<{ source: string; repaired: boolean }>('SELECT source, repaired_at IS NOT NULL AS repaired FROM stream_silence ORDER BY source');
    expect(repaired).toEqual([
      { source: 'binance', repaired: false },
      { source: 'okx', repaired: true },
    ]);
    expect(await silentAt0830()).toEqual([venueIds.get('binance')]);
  });
});
