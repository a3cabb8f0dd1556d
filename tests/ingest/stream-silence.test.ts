import { connect } from '../../src/db/data-source';
import { createMetrics } from '../../src/app/metrics';
import { findIngestionStatus } from '../../src/ingest/status/ingestion-status.service';
import { findLiquidationBuckets } from '../../src/domains/liquidations/liquidation.rollup';
import { toCoverage } from '../../src/domains/shared/coverage';
import { Interval } from '../../src/domains/shared/enums';
import { Registry } from '../../src/domains/shared/registry';
import { bucketRange, floorToInterval } from '../../src/domains/shared/series';
import { startStreams, StreamOptions } from '../../src/ingest/streams';
import { createTestDatabase, TestDatabase } from '../support/database';
import { eventually, fixture, startVenueServer, VenueServer } from '../support/venue-server';
import { serveCanaryVenue } from './venue-canaries';
import { serveDeribit, serveOkx } from './venue-routes';
import { loopbackOptions, serveBinance, serveBybit } from './venues';

/** Short enough for a test, long against the loopback canary's 20 ms rate. */
const silentAfterMs = 300;

interface SilenceRow {
  source: string;
  dataset: string;
  venue: string | null;
  started_at: Date;
  ended_at: Date | null;
  reason: string;
}

function streamOptions(venue: VenueServer, slug: string): StreamOptions {
  const base = loopbackOptions(venue, slug);
  // Deribit's own heartbeat is answered by the venue; the collector's probe stays out of the way.
  return { ...base, requireAll: true, settings: { ...base.settings, heartbeat: { intervalMs: 50, deadAfterMs: 5_000 }, canarySilentAfterMs: silentAfterMs, reportEveryMs: 100 } };
}

const silences = (database: TestDatabase, source: string) =>
  database.db.query<SilenceRow>(
    `SELECT s.source, s.dataset, v.slug AS venue, s.started_at, s.ended_at, s.reason FROM stream_silence s LEFT JOIN venue v ON v.id = s.venue_id
     WHERE s.source = $1 ORDER BY s.started_at`,
    [source],
  );

/** A forceOrder of BTCUSDT filled at `atMs`. */
const forceOrderAt = (atMs: number, quantity: string) => {
  const [event] = fixture<any[]>('binance', 'force-order');
  return { ...event, E: atMs, o: { ...event.o, T: atMs, q: quantity, z: quantity, l: quantity } };
};

describe('a live stream whose canary stops is SILENT, not calm', () => {
  let database: TestDatabase;
  let venue: VenueServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serveBinance(venue);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it('a Binance venue that acknowledges, streams, then sends nothing: SILENT, interval stored, coverage missing in every process, /metrics counts it, the collector reconnects; the canary back ends it', async () => {
    const canary = serveCanaryVenue(venue, 'binance');
    canary.startCanary();
    const stop = await startStreams(database.db, ['binance'], streamOptions(venue, 'binance'));
    // Another API process: its own pool and registry, nothing shared with the worker but Postgres.
    const otherProcess = connect(database.url, { max: 2 });
    try {
      await eventually(() => venue.openSockets()[0]?.received.some((m: any) => m?.method === 'SUBSCRIBE' && m.params?.[0] === 'btcusdt@markPrice@1s'));
      expect(venue.openSockets()[0].path).toBe('/market/ws/!forceOrder@arr');
      const nowMs = Date.now();
      const earlierMs = nowMs - 2 * 3_600_000;
      venue.push(forceOrderAt(earlierMs, '0.5'));
      venue.push(forceOrderAt(nowMs, '0.25'));
      await eventually(async () => (await database.db.query('SELECT 1 FROM liquidation')).length === 2);

      const stoppedAtMs = Date.now();
      canary.stopCanary();
      const [silence] = await eventually(async () => {
        const rows = await silences(database, 'binance');
        return rows.length === 1 ? rows : null;
      });
      expect(silence).toMatchObject({ source: 'binance', dataset: 'liquidations', venue: 'binance', ended_at: null });
      // It began when the canary was last heard, not when the stream started.
      expect(silence.started_at.getTime()).toBeGreaterThan(stoppedAtMs - 200);
      expect(silence.started_at.getTime()).toBeLessThanOrEqual(stoppedAtMs + 50);
      expect(silence.reason).toMatch(/^no btcusdt@markPrice@1s for \d+ s \(bound 0.3 s\)$/);

      // The socket stayed open and answered pings, and still the collector drops it and subscribes afresh.
      await eventually(() => venue.sockets.length >= 2 && venue.sockets[1].received.some((m: any) => m?.method === 'SUBSCRIBE'));

      const status = (await findIngestionStatus(otherProcess)).find((r) => r.source === 'binance' && r.dataset === 'liquidations');
      expect(status).toMatchObject({ state: 'SILENT', silent_since: silence.started_at });
      const metrics = await createMetrics(otherProcess.pool).text();
      expect(metrics.body).toContain('cascade_ingest_stream_silences{source="binance",dataset="liquidations",state="open"} 1');

      const coverage = async (db: typeof otherProcess) => {
        const [btc] = await db.query<{ id: number }>(`SELECT id FROM asset WHERE symbol = 'BTC'`);
        const range = bucketRange(Interval.M5, floorToInterval(new Date(earlierMs), Interval.M5), new Date(floorToInterval(new Date(nowMs), Interval.M5).getTime() + 300_000));
        const buckets = await findLiquidationBuckets(db, btc.id, null, range);
        const registry = new Registry(db);
        const of = (atMs: number) => buckets.find((b) => b.start.getTime() === floorToInterval(new Date(atMs), Interval.M5).getTime())!;
        const covered = async (atMs: number) => {
          const bucket = of(atMs);
          return toCoverage(registry, bucket.venue_ids ?? null, bucket.expected_venue_ids ?? null, null, () => false, [], bucket.silent_venue_ids ?? []);
        };
        return { before: await covered(earlierMs), during: await covered(nowMs), duringLongUsd: of(nowMs).long_usd };
      };
      const whileSilent = await coverage(otherProcess);
      expect(whileSilent.before).toMatchObject({ reportingVenues: ['binance'], missingVenues: [] });
      // The bucket holds an event from before the silence: its figure stands, the venue is partial there.
      expect(whileSilent.during).toMatchObject({ reportingVenues: [], missingVenues: ['binance'] });
      expect(whileSilent.duringLongUsd).toBeGreaterThan(0);

      canary.startCanary();
      const [ended] = await eventually(async () => {
        const rows = await silences(database, 'binance');
        return rows[0]?.ended_at ? rows : null;
      });
      expect(ended.ended_at!.getTime()).toBeGreaterThanOrEqual(ended.started_at.getTime() + silentAfterMs);
      const after = await eventually(async () => (await findIngestionStatus(otherProcess)).find((r) => r.source === 'binance' && r.dataset === 'liquidations' && r.last_success_at));
      expect(after).toMatchObject({ state: 'OK', silent_since: null });
      expect((await createMetrics(otherProcess.pool).text()).body).toContain('cascade_ingest_stream_silences{source="binance",dataset="liquidations",state="ended"} 1');
      // The interval is kept: the bucket it touched still lists the venue missing.
      expect((await coverage(otherProcess)).during.missingVenues).toEqual(['binance']);
    } finally {
      canary.stopCanary();
      await stop();
    }
    // After the worker stopped, a process that connects afresh still reads the stored silence.
    const restarted = connect(database.url, { max: 1 });
    try {
      const [btc] = await restarted.query<{ id: number }>(`SELECT id FROM asset WHERE symbol = 'BTC'`);
      const range = bucketRange(Interval.H1, floorToInterval(new Date(), Interval.H1), null);
      const [bucket] = await findLiquidationBuckets(restarted, btc.id, null, range);
      expect(bucket.silent_venue_ids).toEqual([(await restarted.query<{ id: number }>(`SELECT id FROM venue WHERE slug = 'binance'`))[0].id]);
    } finally {
      await restarted.pool.end();
      await otherProcess.pool.end();
    }
  });

  it('a silence left open by a stopped worker is closed by the next one when its canary is heard', async () => {
    await database.db.query('TRUNCATE stream_silence');
    const leftOpen = new Date(Date.now() - 60_000);
    await database.db.query(`INSERT INTO stream_silence (source, dataset, venue_id, started_at, reason) VALUES ('binance', 'liquidations', (SELECT id FROM venue WHERE slug = 'binance'), $1, 'left by a stopped worker')`, [leftOpen]);
    const canary = serveCanaryVenue(venue, 'binance');
    canary.startCanary();
    const stop = await startStreams(database.db, ['binance'], streamOptions(venue, 'binance'));
    try {
      const [row] = await eventually(async () => {
        const rows = await silences(database, 'binance');
        return rows[0]?.ended_at ? rows : null;
      });
      expect(row.started_at).toEqual(leftOpen);
      expect((await silences(database, 'binance')).length).toBe(1);
    } finally {
      canary.stopCanary();
      await stop();
    }
  });
});

describe.each([
  { slug: 'bybit' as const, serve: serveBybit, canaryName: 'tickers.BTCUSDT' },
  { slug: 'okx' as const, serve: serveOkx, canaryName: 'mark-price BTC-USD-SWAP' },
  { slug: 'deribit' as const, serve: serveDeribit, canaryName: 'deribit_price_index.btc_usd' },
  { slug: 'binance' as const, serve: serveBinance, canaryName: 'btcusdt@markPrice@1s' },
])('a $slug venue that acknowledges every subscription and then sends nothing', ({ slug, serve, canaryName }) => {
  let database: TestDatabase;
  let venue: VenueServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    venue = await startVenueServer();
    serve(venue);
  });
  afterAll(async () => {
    await venue.stop();
    await database.drop();
  });

  it(`is SILENT (no ${canaryName}), stored against the venue, reconnected, and no longer once its canary comes`, async () => {
    const canary = serveCanaryVenue(venue, slug);
    const stop = await startStreams(database.db, [slug], streamOptions(venue, slug));
    try {
      const [silence] = await eventually(async () => {
        const rows = await silences(database, slug);
        return rows.length === 1 ? rows : null;
      });
      expect(silence).toMatchObject({ dataset: 'liquidations', venue: slug, ended_at: null });
      expect(silence.reason).toContain(`no ${canaryName} for`);
      expect((await findIngestionStatus(database.db)).find((r) => r.source === slug)).toMatchObject({ dataset: 'liquidations', state: 'SILENT' });
      await eventually(() => venue.sockets.length >= 2);

      canary.startCanary();
      await eventually(async () => (await silences(database, slug))[0]?.ended_at);
      expect((await findIngestionStatus(database.db)).find((r) => r.source === slug)?.state).not.toBe('SILENT');
    } finally {
      canary.stopCanary();
      await stop();
    }
  });
});
