import { upsertObservations } from '../../src/db/bulk';
import { knownAtSource } from '../../src/db/known-at';
import { openInterestTable } from '../../src/domains/open-interest/open-interest.table';
import { createTestDatabase, TestDatabase } from '../support/database';

describe('observations: idempotent writes, revisions and point-in-time reads', () => {
  let database: TestDatabase;
  const at = new Date('2025-10-10T21:00:00Z');
  const row = (usd: number) => ({ asset_id: 1, instrument_id: 1, at, open_interest_usd: usd, open_interest_contracts: null, origin: 'LIVE' });
  const learned: Date[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`
      INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin');
      INSERT INTO venue (slug, name, kind) VALUES ('okx', 'OKX', 'CEX');
      INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, origin)
        VALUES (1, 1, 'BTC-USDT-SWAP', 'PERPETUAL', 'LINEAR', 'USDT', 0.01, 'LIVE')`);
  });
  afterAll(async () => database.drop());

  const stamp = async () => learned.push((await database.db.query<{ now: Date }>('SELECT clock_timestamp() AS now'))[0].now);

  it('writes a new key, ignores the identical row, and keeps a changed value as a revision', async () => {
    await stamp();
    expect(await upsertObservations(database.db, openInterestTable, [row(100)])).toEqual({ inserted: 1, revised: 0, unchanged: 0 });
    await stamp();
    expect(await upsertObservations(database.db, openInterestTable, [row(100)])).toEqual({ inserted: 0, revised: 0, unchanged: 1 });
    expect(await upsertObservations(database.db, openInterestTable, [row(120)])).toEqual({ inserted: 0, revised: 1, unchanged: 0 });
    await stamp();
    expect(await database.db.query('SELECT open_interest_usd FROM open_interest')).toEqual([{ open_interest_usd: 120 }]);
    expect(await database.db.query('SELECT open_interest_usd FROM open_interest_revision')).toEqual([{ open_interest_usd: 100 }]);
  });

  it('keeps the last of two rows for one key in the same batch', async () => {
    expect(await upsertObservations(database.db, openInterestTable, [row(130), row(140)])).toMatchObject({ revised: 1 });
    expect(await database.db.query('SELECT open_interest_usd FROM open_interest')).toEqual([{ open_interest_usd: 140 }]);
  });

  it('answers with what was known at a time: nothing before the first write, then each value in turn', async () => {
    const asOf = async (knownAt: Date) =>
      (await database.db.query<{ usd: number }>(`SELECT o.open_interest_usd AS usd FROM ${knownAtSource('open_interest', 'o', '$1')}`, [knownAt])).map((r) => r.usd);
    expect(await asOf(new Date(learned[0].getTime() - 1000))).toEqual([]);
    expect(await asOf(learned[1])).toEqual([100]);
    expect(await asOf(learned[2])).toEqual([120]);
    expect(await asOf(new Date(Date.now() + 60_000))).toEqual([140]);
  });
});
