import { Client } from 'pg';
import { InsertedLiquidation, insertLiquidations, LiquidationAnnouncement, liquidationChannel, LiquidationRow } from '../../src/domains/liquidations/liquidation.writer';
import { createTestDatabase, TestDatabase } from '../support/database';
import { FixtureIds, seedRegistry, toRow, waitFor } from './liquidations.fixture';

/**
 * What the liquidation writer answers and stores for batches that mix new events, events
 * already stored (identical or not) and repeats within the batch; and what it announces.
 */
describe('the liquidation writer', () => {
  let database: TestDatabase;
  let ids: FixtureIds;
  let listener: Client;
  const announcements: LiquidationAnnouncement[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    ids = await seedRegistry(database.db);
    listener = new Client({ connectionString: database.url });
    await listener.connect();
    listener.on('notification', (message) => {
      if (message.channel === liquidationChannel) announcements.push(JSON.parse(message.payload!) as LiquidationAnnouncement);
    });
    await listener.query(`LISTEN ${liquidationChannel}`);
  });

  afterAll(async () => {
    await listener.end();
    await database.drop();
  });

  const row = (key: string, at: string, notionalUsd: number, overrides: Partial<LiquidationRow> = {}): LiquidationRow => ({
    ...toRow(ids, { asset: 'BTC', venue: 'bybit', side: 'LONG', notionalUsd, at: new Date(at), key }, 0),
    ...overrides,
  });

  /** Stored rows by id, in the writer's answer shape. */
  async function stored(idList: number[]): Promise<InsertedLiquidation[]> {
    return database.db.query<InsertedLiquidation>(
      `SELECT id, asset_id, venue_id, instrument_id, side::text AS side, price, quantity, notional_usd, occurred_at, origin::text AS origin
       FROM liquidation WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [idList],
    );
  }

  async function expectRollupMatchesRawEvents(): Promise<void> {
    const rollup = await database.db.query(`SELECT asset_id, venue_id, side::text AS side, hour, notional_usd, event_count FROM liquidation_hourly ORDER BY 1, 2, 3, 4`);
    const raw = await database.db.query(
      `SELECT asset_id, venue_id, side::text AS side, date_trunc('hour', occurred_at, 'UTC') AS hour, sum(notional_usd) AS notional_usd, count(*)::int AS event_count
       FROM liquidation GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );
    expect(rollup).toEqual(raw);
  }

  it('answers exactly what it stored, in batch order, with millisecond times and odd keys intact', async () => {
    const rows = [
      row('w-3', '2025-08-01T10:00:00.123Z', 1500.5, { price: 0.1 + 0.2, quantity: 5002.9999999999, price_kind: 'BANKRUPTCY' }),
      row('w-1 tab\tquote" backslash\\ ünï 🚀', '2025-08-01T09:59:59.999Z', 2000, { side: 'SHORT', asset_id: ids.asset.ETH, instrument_id: ids.instrument['bybit:ETH'] }),
      row('w-2', '2025-08-01T10:30:00.000Z', 750, { origin: 'BACKFILL' }),
    ];
    const inserted = await insertLiquidations(database.db, rows);
    expect(inserted.map((r) => r.occurred_at.toISOString())).toEqual(rows.map((r) => r.occurred_at.toISOString()));
    expect(inserted.map((r) => r.id)).toEqual([...inserted.map((r) => r.id)].sort((a, b) => a - b));
    expect([...inserted].sort((a, b) => a.id - b.id)).toEqual(await stored(inserted.map((r) => r.id)));
    const [{ keys }] = await database.db.query<{ keys: string[] }>(`SELECT array_agg(event_key ORDER BY id) AS keys FROM liquidation WHERE id = ANY($1::bigint[])`, [inserted.map((r) => r.id)]);
    expect(keys).toEqual(rows.map((r) => r.event_key));
    await expectRollupMatchesRawEvents();
  });

  it('in a mixed batch inserts only the new events: a stored key keeps its first values, a repeat counts once', async () => {
    const first = [row('m-1', '2025-08-02T01:00:00Z', 1000), row('m-2', '2025-08-02T01:10:00Z', 2000)];
    const [one, two] = await insertLiquidations(database.db, first);
    await waitFor(() => announcements.some((a) => a.ids.includes(String(one.id))), 'the first batch announced');
    const before = announcements.length;
    const mixed = [
      row('m-3', '2025-08-02T01:20:00Z', 3000), // new
      first[0], // identical to a stored event
      { ...first[1], notional_usd: 9999, price: 123 }, // same natural key, other values
      row('m-4', '2025-08-02T02:05:00Z', 4000.5), // new, and repeated below with other values
      row('m-4', '2025-08-02T02:05:00Z', 8000, { price: 50_000 }),
      row('m-3', '2025-08-02T01:20:00Z', 3000), // an exact repeat within the batch
    ];
    const inserted = await insertLiquidations(database.db, mixed);
    expect(inserted.map((r) => [r.notional_usd, r.price])).toEqual([
      [3000, mixed[0].price],
      [4000.5, mixed[3].price],
    ]);
    expect(inserted).toEqual(await stored(inserted.map((r) => r.id)));
    // Stored events are never rewritten by a later write of the same key.
    expect(await stored([one.id, two.id])).toEqual([one, two]);
    const [{ count }] = await database.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM liquidation WHERE event_key LIKE 'm-%'`);
    expect(count).toBe(4);
    await expectRollupMatchesRawEvents();
    // One announcement for the batch: exactly the inserted ids, and their time range.
    const announcement = await waitFor(() => announcements.length > before && announcements[announcements.length - 1], 'the announcement');
    expect(announcements.length).toBe(before + 1);
    expect(announcement.ids).toEqual(inserted.map((r) => String(r.id)));
    expect(new Date(announcement.from).toISOString()).toBe('2025-08-02T01:20:00.000Z');
    expect(new Date(announcement.to).toISOString()).toBe('2025-08-02T02:05:00.000Z');
  });

  it('announces nothing and answers nothing for a batch of stored events', async () => {
    const rows = [row('n-1', '2025-08-03T00:00:00Z', 100), row('n-2', '2025-08-03T00:00:01Z', 200)];
    await insertLiquidations(database.db, rows);
    await waitFor(() => announcements.some((a) => a.from.startsWith('2025-08-03')), 'the first announcement');
    const before = announcements.length;
    expect(await insertLiquidations(database.db, rows)).toEqual([]);
    // A later batch's announcement arriving alone proves none was sent in between.
    const [marker] = await insertLiquidations(database.db, [row('n-3', '2025-08-03T00:00:02Z', 300)]);
    await waitFor(() => announcements.length > before, 'the marker announcement');
    expect(announcements.slice(before).map((a) => a.ids)).toEqual([[String(marker.id)]]);
  });

  it('creates the partition of a month it has not seen, so nothing lands in the default one', async () => {
    const [inserted] = await insertLiquidations(database.db, [row('p-1', '2031-03-15T12:00:00Z', 10)]);
    const [{ partition }] = await database.db.query<{ partition: string }>(`SELECT tableoid::regclass::text AS partition FROM liquidation WHERE id = $1`, [inserted.id]);
    expect(partition).toBe('liquidation_2031_03');
  });

  it('writes nothing from a batch with an invalid event', async () => {
    const rows = [row('x-1', '2025-08-04T00:00:00Z', 10), row('x-2', '2025-08-04T00:00:01Z', 20, { price_kind: null as unknown as 'FILL' })];
    await expect(insertLiquidations(database.db, rows)).rejects.toThrow(/price_kind/);
    await expect(insertLiquidations(database.db, [row('x-3', '2025-08-04T00:00:02Z', 10, { asset_id: 1.5 })])).rejects.toThrow(TypeError);
    const [{ count }] = await database.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM liquidation WHERE event_key LIKE 'x-%'`);
    expect(count).toBe(0);
  });
});
