import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bybit's open interest was stored as Bybit reports it, both sides summed (v5
 * `/v5/market/open-interest`: "openInterest … The value is the sum of both sides"; the tickers'
 * openInterest likewise), while every other venue reports one side, so Bybit's share of
 * aggregate OI and its weight in OI-weighted funding were doubled. The connector now stores one
 * side; this halves the rows it stored before. Each replaced row moves to the revision table with
 * its own `recorded_at`, as any revision does (src/db/bulk.ts), so a `knownAt` read before now
 * still sees what was known then. The hourly rollup is rebuilt from the corrected rows.
 * Sample rows (origin SAMPLE) were generated one-sided and are left alone.
 */
export class BybitOpenInterestOneSide1765200000000 implements MigrationInterface {
  name = 'BybitOpenInterestOneSide1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await rescaleBybitOpenInterest(q, 0.5);
  }

  /** Back to both sides, the convention of the code before: the halves become the revisions. */
  async down(q: QueryRunner): Promise<void> {
    await rescaleBybitOpenInterest(q, 2);
  }
}

async function rescaleBybitOpenInterest(q: QueryRunner, factor: number): Promise<void> {
  const bybitInstruments = `SELECT i.id FROM instrument i JOIN venue v ON v.id = i.venue_id WHERE v.slug = 'bybit'`;
  await q.query(
    `WITH stored AS (
       SELECT o.* FROM open_interest o
       WHERE o.instrument_id IN (${bybitInstruments}) AND o.origin IN ('LIVE', 'BACKFILL')
     ),
     archived AS (
       INSERT INTO open_interest_revision (asset_id, instrument_id, at, open_interest_usd, open_interest_contracts, origin, recorded_at)
       SELECT asset_id, instrument_id, at, open_interest_usd, open_interest_contracts, origin, recorded_at FROM stored
     )
     UPDATE open_interest o
       SET open_interest_usd = s.open_interest_usd * $1, open_interest_contracts = s.open_interest_contracts * $1, recorded_at = now()
     FROM stored s
     WHERE o.asset_id = s.asset_id AND o.instrument_id = s.instrument_id AND o.at = s.at`,
    [factor],
  );
  // The rollup keeps each hour's last reading (migrations/1764300000000-hourly-rollups.ts).
  await q.query(`DELETE FROM open_interest_hourly WHERE instrument_id IN (${bybitInstruments})`);
  await q.query(`
    INSERT INTO open_interest_hourly (asset_id, instrument_id, hour, last_at, open_interest_usd, recorded_at)
    SELECT DISTINCT ON (asset_id, instrument_id, date_trunc('hour', at, 'UTC'))
           asset_id, instrument_id, date_trunc('hour', at, 'UTC'), at, open_interest_usd, recorded_at
    FROM open_interest WHERE instrument_id IN (${bybitInstruments})
    ORDER BY asset_id, instrument_id, date_trunc('hour', at, 'UTC'), at DESC`);
}
