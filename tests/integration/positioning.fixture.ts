import { upsertObservations } from '../../src/db/bulk';
import { positioningRatioTable } from '../../src/domains/positioning/positioning.table';
import { runDataset } from '../../src/ingest/runner';
import { servePositioning } from '../ingest/positioning-routes';
import { serveOkx } from '../ingest/venue-routes';
import { loopbackOptions, serveBinance, serveBybit } from '../ingest/venues';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';
import { startVenueServer, VenueServer } from '../support/venue-server';

export interface PositioningScenario {
  database: TestDatabase;
  server: TestServer;
  /** A moment after the connectors' rows were recorded and before Binance's 08:15 top-trader position ratio was restated (ISO). */
  beforeRevision: string;
  stop(): Promise<void>;
}

/**
 * What the three connectors store from the loopback venues for 2024-06-10 08:00–09:00
 * (tests/ingest/positioning.test.ts), served by an API; then Binance restates its 08:15
 * top-trader position ratio as 1.5 (0.6 / 0.4), the old value kept as a revision.
 */
export async function startPositioningScenario(): Promise<PositioningScenario> {
  const window = { from: new Date('2024-06-10T08:00:00Z'), to: new Date('2024-06-10T09:00:00Z') };
  const database = await createTestDatabase('empty');
  const venue: VenueServer = await startVenueServer();
  serveBinance(venue);
  serveBybit(venue);
  serveOkx(venue);
  servePositioning(venue);
  for (const slug of ['binance', 'bybit', 'okx']) await runDataset(database.db, slug, 'positioning', window, loopbackOptions(venue, slug));
  const server = await startTestServer(database.db);
  const [{ now: beforeRevision }] = await database.db.query<{ now: string }>(`SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS now`);
  const [ids] = await database.db.query<{ asset_id: number; venue_id: number }>(
    `SELECT i.asset_id, i.venue_id FROM instrument i JOIN venue v ON v.id = i.venue_id WHERE v.slug = 'binance' AND i.symbol = 'BTCUSDT'`,
  );
  // recorded_at is the statement's time: a few ms later than beforeRevision for certain.
  await new Promise((resolve) => setTimeout(resolve, 20));
  await upsertObservations(database.db, positioningRatioTable, [
    { ...ids, kind: 'TOP_TRADER_POSITIONS', scope: 'BTCUSDT', period: '5m', at: new Date('2024-06-10T08:15:00Z'), long_short_ratio: 1.5, long_share: 0.6, short_share: 0.4, origin: 'BACKFILL' },
  ]);
  return {
    database,
    server,
    beforeRevision,
    async stop() {
      await server.stop();
      await venue.stop();
      await database.drop();
    },
  };
}
