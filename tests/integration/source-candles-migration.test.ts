import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { SourceCandles1796409240563 } from '../../migrations/1796409240563-source-candles';
import { upsertObservations } from '../../src/db/bulk';
import { createDataSource } from '../../src/db/data-source';
import { candleTable } from '../../src/domains/prices/candle.table';
import { createTestDatabase, TestDatabase } from '../support/database';

/**
 * The candles stored before source_candle existed are copied into it under the source that wrote
 * them, a Coinbase candle Binance had replaced from candle_revision, each in its source's quote
 * currency and with the time it was learned kept; sample and imported candles of no spot source
 * are left out.
 */
describe('the source-candles migration', () => {
  let database: TestDatabase;
  const minute = (m: number) => new Date(Date.UTC(2024, 5, 10, 8, m));
  const candle = (source: string, m: number, close: number, origin = 'BACKFILL') => ({
    asset_id: 1, resolution: 'M1', start: minute(m), open: close - 1, high: close + 1, low: close - 2, close, volume_usd: 10 * close, source, origin,
  });

  beforeAll(async () => {
    database = await createTestDatabase('blank');
    const upToBefore = new DataSource({ type: 'postgres', url: database.url, migrations: migrations.slice(0, migrations.indexOf(SourceCandles1796409240563)), migrationsTableName: 'cascade_migrations' });
    await upToBefore.initialize();
    try {
      await upToBefore.runMigrations({ transaction: 'each' });
    } finally {
      await upToBefore.destroy();
    }
    const db = database.db;
    await db.query(`INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin')`);
    // 08:00 Coinbase alone (Binance unreachable then); 08:01 Coinbase first, then Binance replaced it.
    await upsertObservations(db, candleTable, [candle('coinbase', 0, 69_990), candle('coinbase', 1, 70_010), candle('sample', 2, 70_000, 'SAMPLE')]);
    await upsertObservations(db, candleTable, [candle('binance-spot', 1, 70_000)]);
    await db.query(`UPDATE candle SET recorded_at = '2024-06-10T09:00:00Z'`);
    await db.query(`UPDATE candle_revision SET recorded_at = '2024-06-10T08:02:00Z'`);

    const all = createDataSource(database.url);
    await all.initialize();
    try {
      expect((await all.runMigrations({ transaction: 'each' })).map((m) => m.name)).toContain('SourceCandles1796409240563');
    } finally {
      await all.destroy();
    }
  });
  afterAll(async () => database.drop());

  it('copies each spot source’s candles, the replaced Coinbase one included, in its quote currency and with its recorded_at', async () => {
    const rows = await database.db.query(`SELECT source, start, quote_currency, close, volume_quote, origin, recorded_at FROM source_candle ORDER BY source, start`);
    expect(rows).toEqual([
      { source: 'binance-spot', start: minute(1), quote_currency: 'USDT', close: 70_000, volume_quote: 700_000, origin: 'BACKFILL', recorded_at: new Date('2024-06-10T09:00:00Z') },
      { source: 'coinbase', start: minute(0), quote_currency: 'USD', close: 69_990, volume_quote: 699_900, origin: 'BACKFILL', recorded_at: new Date('2024-06-10T09:00:00Z') },
      // From candle_revision: Binance's 08:01 had replaced it in candle.
      { source: 'coinbase', start: minute(1), quote_currency: 'USD', close: 70_010, volume_quote: 700_100, origin: 'BACKFILL', recorded_at: new Date('2024-06-10T08:02:00Z') },
    ]);
  });

  it('leaves candle as it was and creates the USDT rate table empty', async () => {
    expect(await database.db.query(`SELECT source, start FROM candle ORDER BY start`)).toEqual([
      { source: 'coinbase', start: minute(0) },
      { source: 'binance-spot', start: minute(1) },
      { source: 'sample', start: minute(2) },
    ]);
    expect(await database.db.query(`SELECT count(*)::int AS n FROM stablecoin_rate`)).toEqual([{ n: 0 }]);
  });
});
