import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { BybitOpenInterestOneSide1765200000000 } from '../../migrations/1765200000000-bybit-open-interest-one-side';
import { upsertObservations } from '../../src/db/bulk';
import { createDataSource } from '../../src/db/data-source';
import { openInterestTable } from '../../src/domains/open-interest/open-interest.table';
import { findOpenInterestBuckets } from '../../src/domains/open-interest/open-interest.service';
import { Interval } from '../../src/domains/shared/enums';
import { bucketRange } from '../../src/domains/shared/series';
import { createTestDatabase, TestDatabase } from '../support/database';

/**
 * Rows Bybit's connector stored before it read one side are halved by a migration that keeps
 * what was known then: a database migrated up to just before it, rows written by the writer as
 * the old connector wrote them (both sides), then the rest of the migrations.
 */
describe('the Bybit one-side open-interest migration', () => {
  let database: TestDatabase;
  let knownBefore: Date;
  const ids = { asset: 0, bybitVenue: 0, bybit: 0, binance: 0 };
  const at = (time: string) => new Date(`2024-06-10T${time}:00Z`);
  /** Bybit's both-sides coins as the old connector stored them, priced at 67,000. */
  const bothSides: Array<[string, number, string]> = [['08:00', 104000, 'BACKFILL'], ['08:05', 104200, 'BACKFILL'], ['08:55', 104800, 'BACKFILL'], ['09:10', 105000, 'LIVE']];
  const readings = (share: number) => bothSides.map(([time, coins]) => ({ at: at(time), open_interest_usd: coins * share * 67000, open_interest_contracts: coins * share }));

  beforeAll(async () => {
    database = await createTestDatabase('blank');
    const upToBefore = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: migrations.slice(0, migrations.indexOf(BybitOpenInterestOneSide1765200000000)),
      migrationsTableName: 'cascade_migrations',
    });
    await upToBefore.initialize();
    try {
      await upToBefore.runMigrations({ transaction: 'each' });
    } finally {
      await upToBefore.destroy();
    }
    const db = database.db;
    [{ id: ids.asset }] = await db.query(`INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin') RETURNING id`);
    [{ id: ids.bybitVenue }] = await db.query(`INSERT INTO venue (slug, name, kind) VALUES ('bybit', 'Bybit', 'CEX') RETURNING id`);
    const [{ id: binanceVenue }] = await db.query(`INSERT INTO venue (slug, name, kind) VALUES ('binance', 'Binance', 'CEX') RETURNING id`);
    const instrument = async (venueId: number) =>
      (
        await db.query(
          `INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
           VALUES ($1, $2, 'BTCUSDT', 'PERPETUAL', 'LINEAR', 'USDT', 1, 8, 'LIVE') RETURNING id`,
          [venueId, ids.asset],
        )
      )[0].id;
    ids.bybit = await instrument(ids.bybitVenue);
    ids.binance = await instrument(binanceVenue);
    const row = (instrumentId: number, time: string, coins: number, origin = 'BACKFILL') => ({
      asset_id: ids.asset,
      instrument_id: instrumentId,
      at: at(time),
      open_interest_usd: coins * 67000,
      open_interest_contracts: coins,
      origin,
    });
    // As the old connector wrote them: Bybit's both-sides figure, Binance's one side.
    await upsertObservations(db, openInterestTable, [
      ...bothSides.map(([time, coins, origin]) => row(ids.bybit, time, coins, origin)),
      // The sample scenario's rows were generated one-sided.
      row(ids.bybit, '10:00', 50000, 'SAMPLE'),
      row(ids.binance, '08:55', 81000),
    ]);
    [{ now: knownBefore }] = await db.query<{ now: Date }>('SELECT clock_timestamp() AS now');

    const all = createDataSource(database.url);
    await all.initialize();
    try {
      expect((await all.runMigrations({ transaction: 'each' })).map((m) => m.name)).toContain('BybitOpenInterestOneSide1765200000000');
    } finally {
      await all.destroy();
    }
  });
  afterAll(async () => database.drop());

  const stored = (table: string, instrumentId: number) =>
    database.db.query(`SELECT at, open_interest_usd, open_interest_contracts FROM ${table} WHERE instrument_id = $1 ORDER BY at`, [instrumentId]);

  it('halves every Bybit reading the connector stored, in USD and in contracts, and leaves sample rows and other venues alone', async () => {
    expect(await stored('open_interest', ids.bybit)).toEqual([...readings(0.5), { at: at('10:00'), open_interest_usd: 50000 * 67000, open_interest_contracts: 50000 }]);
    expect(readings(0.5)[0]).toEqual({ at: at('08:00'), open_interest_usd: 52000 * 67000, open_interest_contracts: 52000 });
    expect(await stored('open_interest', ids.binance)).toEqual([{ at: at('08:55'), open_interest_usd: 81000 * 67000, open_interest_contracts: 81000 }]);
    expect(await stored('open_interest_revision', ids.binance)).toEqual([]);
  });

  it('keeps the both-sides values as revisions, so a knownAt read before the migration sees what was known then', async () => {
    expect(await stored('open_interest_revision', ids.bybit)).toEqual(readings(1));
    const range = bucketRange(Interval.M5, at('08:00'), at('08:10'));
    const then = await findOpenInterestBuckets(database.db, ids.asset, [ids.bybitVenue], range, knownBefore);
    const now = await findOpenInterestBuckets(database.db, ids.asset, [ids.bybitVenue], range, new Date());
    expect(then.map((b) => b.open_interest_usd)).toEqual([104000 * 67000, 104200 * 67000]);
    expect(now.map((b) => b.open_interest_usd)).toEqual([52000 * 67000, 52100 * 67000]);
  });

  it('rebuilds the hourly rollup from the halved readings, so hourly series read one side too', async () => {
    const hourly = await database.db.query(`SELECT hour, last_at, open_interest_usd FROM open_interest_hourly WHERE instrument_id = $1 ORDER BY hour`, [ids.bybit]);
    expect(hourly).toEqual([
      { hour: at('08:00'), last_at: at('08:55'), open_interest_usd: 52400 * 67000 },
      { hour: at('09:00'), last_at: at('09:10'), open_interest_usd: 52500 * 67000 },
      { hour: at('10:00'), last_at: at('10:00'), open_interest_usd: 50000 * 67000 },
    ]);
    // H1 with no point-in-time cut reads the rollup for whole hours.
    const buckets = await findOpenInterestBuckets(database.db, ids.asset, null, bucketRange(Interval.H1, at('08:00'), at('09:00')));
    expect(buckets.map((b) => b.open_interest_usd)).toEqual([52400 * 67000 + 81000 * 67000]);
  });
});
