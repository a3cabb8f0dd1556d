import { createDataSource } from '../../src/db/data-source';
import { createTestDatabase, TestDatabase } from '../support/database';

describe('migrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('blank');
  });
  afterAll(async () => database.drop());

  const tables = async () =>
    (await database.db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r) => r.tablename);

  it('build the whole model on an empty database, and take it all away again', async () => {
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      expect(applied.length).toBeGreaterThan(0);
      expect(await tables()).toEqual(expect.arrayContaining(['asset', 'venue', 'instrument', 'liquidation', 'liquidation_hourly', 'open_interest', 'etf_flow']));
      for (let i = 0; i < applied.length; i += 1) await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await tables()).toEqual(['cascade_migrations']);
      const types = await database.db.query(`SELECT typname FROM pg_type WHERE typname IN ('data_origin','position_side')`);
      expect(types).toEqual([]);
      // And up again: down really restored an empty database.
      expect((await dataSource.runMigrations({ transaction: 'each' })).length).toBe(applied.length);
    } finally {
      await dataSource.destroy();
    }
  });

  it('partition liquidations by month, moving rows out of the default partition', async () => {
    await database.db.query(`
      INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin');
      INSERT INTO venue (slug, name, kind) VALUES ('okx', 'OKX', 'CEX');
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, origin)
        VALUES (1, 1, 'BTC-USDT-SWAP', 'PERPETUAL', 'LINEAR', 'USDT', 0.01, 'IMPORT');
      INSERT INTO liquidation (asset_id, venue_id, instrument_id, side, price, quantity, notional_usd, occurred_at, event_key, origin)
        VALUES (1, 1, 1, 'LONG', 100000, 1, 100000, '2025-10-10T21:00:00Z', 'a', 'IMPORT')`);
    await database.db.query(`SELECT cascade_ensure_liquidation_partition('2025-10-15T00:00:00Z')`);
    const [row] = await database.db.query<{ partition: string }>(`SELECT tableoid::regclass::text AS partition FROM liquidation WHERE event_key = 'a'`);
    expect(row.partition).toBe('liquidation_2025_10');
  });
});
