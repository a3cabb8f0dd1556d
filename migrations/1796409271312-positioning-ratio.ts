import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Long/short ratios as the venues publish them (issue 19 item 1): Binance's global account ratio
 * and top-trader account and position ratios, Bybit's account ratio, OKX's contract and currency
 * account ratios and its top-trader account and position ratios. One row per reading of one
 * definition (`kind`) of one venue about one `scope`: the venue's symbol (BTCUSDT,
 * BTC-USDT-SWAP) or, for OKX's all-contracts ratio, the currency (BTC). The `period` is the
 * venue's own period value asked for ("5m", "5min"), kept in the key so a reading of another
 * period never overwrites one of this period.
 *
 * `long_share` and `short_share` are stored only where the venue publishes them (Binance, Bybit);
 * OKX publishes the ratio alone and they stay null. Definitions differ between venues (Binance's
 * top traders are the top 20 % by margin balance, OKX's the top 5 % by open position value), so
 * nothing here is ever averaged across kinds or venues (docs/analytics.md, "Positioning").
 */
export class PositioningRatio1796409271312 implements MigrationInterface {
  name = 'PositioningRatio1796409271312';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE positioning_ratio (
        asset_id int NOT NULL REFERENCES asset(id),
        venue_id int NOT NULL REFERENCES venue(id),
        kind text NOT NULL CHECK (kind IN ('GLOBAL_ACCOUNTS', 'TOP_TRADER_ACCOUNTS', 'TOP_TRADER_POSITIONS')),
        scope text NOT NULL,
        period text NOT NULL,
        at timestamptz NOT NULL,
        long_short_ratio double precision NOT NULL CHECK (long_short_ratio >= 0),
        long_share double precision CHECK (long_share BETWEEN 0 AND 1),
        short_share double precision CHECK (short_share BETWEEN 0 AND 1),
        origin data_origin NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (asset_id, venue_id, kind, scope, period, at)
      );
      CREATE TABLE positioning_ratio_revision (
        LIKE positioning_ratio,
        superseded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX positioning_ratio_revision_key_idx ON positioning_ratio_revision (asset_id, venue_id, kind, scope, period, at, recorded_at);
      CREATE INDEX positioning_ratio_asset_kind_at_idx ON positioning_ratio (asset_id, kind, at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS positioning_ratio_revision; DROP TABLE IF EXISTS positioning_ratio;');
  }
}
