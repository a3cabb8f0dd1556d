import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';
import { createTestDatabase, TestDatabase } from '../support/database';
import { FixtureIds, generateEvents, seedRegistry, toRow } from './liquidations.fixture';

/** The hourly rollup must always equal what the raw events add up to, however they were written. */
describe('the hourly liquidation rollup', () => {
  let database: TestDatabase;
  let ids: FixtureIds;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    ids = await seedRegistry(database.db);
  });

  afterAll(() => database.drop());

  async function expectRollupMatchesRawEvents(): Promise<void> {
    const key = 'asset_id, venue_id, side::text AS side, hour';
    const rollup = await database.db.query(
      `SELECT ${key}, notional_usd, event_count, quantity FROM liquidation_hourly ORDER BY asset_id, venue_id, side, hour`,
    );
    const raw = await database.db.query(
      `SELECT asset_id, venue_id, side::text AS side, date_trunc('hour', occurred_at, 'UTC') AS hour,
              sum(notional_usd) AS notional_usd, count(*)::int AS event_count, sum(quantity) AS quantity
       FROM liquidation GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );
    expect(rollup.length).toBeGreaterThan(0);
    // Notionals are multiples of 0.5, so their sums are exact in any order; quantities are not.
    expect(rollup.map(({ quantity: _q, ...rest }) => rest)).toEqual(raw.map(({ quantity: _q, ...rest }) => rest));
    rollup.forEach((row, i) => expect(row.quantity).toBeCloseTo(raw[i].quantity, 9));
  }

  it('inserting the same batch twice stores and counts each event once', async () => {
    const rows = generateEvents(200, new Date('2025-07-01T00:00:00Z'), 6 * 3600_000, 21).map((e, i) => toRow(ids, { ...e, key: `same-${i}` }, i));
    expect(await insertLiquidations(database.db, rows)).toHaveLength(200);
    expect(await insertLiquidations(database.db, rows)).toHaveLength(0);
    const [{ count }] = await database.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM liquidation WHERE event_key LIKE 'same-%'`);
    expect(count).toBe(200);
    await expectRollupMatchesRawEvents();
  });

  it('overlapping batches, one after the other and at the same time, add only their new events', async () => {
    const rows = generateEvents(300, new Date('2025-07-02T00:00:00Z'), 12 * 3600_000, 22).map((e, i) => toRow(ids, { ...e, key: `overlap-${i}` }, i));
    expect(await insertLiquidations(database.db, rows.slice(0, 120))).toHaveLength(120);
    expect(await insertLiquidations(database.db, rows.slice(80, 200))).toHaveLength(80);
    // Two writers racing over the same rows: the unique key lets exactly one of them count each.
    const [left, right] = await Promise.all([insertLiquidations(database.db, rows.slice(150, 300)), insertLiquidations(database.db, rows.slice(150, 300))]);
    expect(left.length + right.length).toBe(100);
    // A batch that repeats an event within itself counts it once.
    const repeated = toRow(ids, { asset: 'BTC', venue: 'okx', side: 'SHORT', notionalUsd: 1234.5, at: new Date('2025-07-02T13:00:00Z'), key: 'twice' }, 0);
    expect(await insertLiquidations(database.db, [repeated, repeated])).toHaveLength(1);
    await expectRollupMatchesRawEvents();
  });

  it('rolls events into UTC hours whatever the session time zone', async () => {
    await database.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL TIME ZONE 'Asia/Kolkata'`);
      await insertLiquidations(tx, [
        toRow(ids, { asset: 'ETH', venue: 'bybit', side: 'LONG', notionalUsd: 500, at: new Date('2025-07-03T10:45:00Z'), key: 'tz' }, 0),
      ]);
    });
    const [row] = await database.db.query<{ hour: Date }>(
      `SELECT hour FROM liquidation_hourly WHERE asset_id = $1 AND hour >= '2025-07-03' AND hour < '2025-07-04'`,
      [ids.asset.ETH],
    );
    expect(row.hour.toISOString()).toBe('2025-07-03T10:00:00.000Z');
    await expectRollupMatchesRawEvents();
  });
});
