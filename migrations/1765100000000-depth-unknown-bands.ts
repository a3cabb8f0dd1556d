import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A depth band the fetched book does not reach is unknown, not small (issue 12, item 5): the band
 * columns become nullable, `depth_gap` says why a band is null, and the hourly rollup counts the
 * known snapshots of each band and side so an hour averages only what was known. Existing rows
 * were all summed as complete: their counts are their snapshots.
 */
const bandColumns = ['bid_usd_1pct', 'ask_usd_1pct', 'bid_usd_2pct', 'ask_usd_2pct'];
const countColumns = ['bid_1pct_snapshots', 'ask_1pct_snapshots', 'bid_2pct_snapshots', 'ask_2pct_snapshots'];

export class DepthUnknownBands1765100000000 implements MigrationInterface {
  name = 'DepthUnknownBands1765100000000';

  async up(q: QueryRunner): Promise<void> {
    const nullable = bandColumns.map((c) => `ALTER COLUMN ${c} DROP NOT NULL`).join(', ');
    for (const table of ['order_book_depth', 'order_book_depth_revision']) {
      await q.query(`ALTER TABLE ${table} ${nullable}, ADD COLUMN depth_gap text`);
    }
    await q.query(`ALTER TABLE order_book_depth_hourly ${nullable}, ${countColumns.map((c) => `ADD COLUMN ${c} int`).join(', ')}, ADD COLUMN depth_gap text`);
    await q.query(`UPDATE order_book_depth_hourly SET ${countColumns.map((c) => `${c} = snapshots`).join(', ')}`);
    await q.query(`ALTER TABLE order_book_depth_hourly ${countColumns.map((c) => `ALTER COLUMN ${c} SET NOT NULL`).join(', ')}`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The old model cannot hold an unknown band: snapshots with one are dropped, hours rebuilt.
    const anyUnknown = bandColumns.map((c) => `${c} IS NULL`).join(' OR ');
    await q.query(`DELETE FROM order_book_depth WHERE ${anyUnknown}`);
    await q.query(`DELETE FROM order_book_depth_revision WHERE ${anyUnknown}`);
    await q.query(`DELETE FROM order_book_depth_hourly`);
    await q.query(`ALTER TABLE order_book_depth_hourly ${countColumns.map((c) => `DROP COLUMN ${c}`).join(', ')}, DROP COLUMN depth_gap`);
    await q.query(`INSERT INTO order_book_depth_hourly
      SELECT asset_id, instrument_id, date_trunc('hour', at, 'UTC'), count(*), sum(bid_usd_1pct), sum(ask_usd_1pct), sum(bid_usd_2pct), sum(ask_usd_2pct), max(recorded_at)
      FROM order_book_depth GROUP BY 1, 2, 3`);
    const notNull = bandColumns.map((c) => `ALTER COLUMN ${c} SET NOT NULL`).join(', ');
    for (const table of ['order_book_depth', 'order_book_depth_revision', 'order_book_depth_hourly']) {
      await q.query(`ALTER TABLE ${table} ${notNull}${table === 'order_book_depth_hourly' ? '' : ', DROP COLUMN depth_gap'}`);
    }
  }
}
