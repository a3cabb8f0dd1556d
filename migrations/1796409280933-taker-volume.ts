import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Aggressor flow as the venues publish it (issue 19 item 2): per contract and 5-minute period,
 * the volume takers bought and sold. `at` is the period's start. The USD figures are what
 * Cascade serves; the published figures are kept beside them in the venue's own unit
 * (`published_unit`: COIN for Binance's takerlongshortRatio, USD/USDT for OKX's
 * taker-volume-contract asked with unit=2), with Binance's own buySellRatio, so a conversion
 * can be checked or redone. `usd_price` is the price a COIN figure was converted at (the
 * period's VWAP from the contract's own kline; null when the venue published USD).
 */
export class TakerVolume1796409280933 implements MigrationInterface {
  name = 'TakerVolume1796409280933';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE taker_volume (
        asset_id int NOT NULL REFERENCES asset(id),
        instrument_id int NOT NULL REFERENCES instrument(id),
        at timestamptz NOT NULL,
        buy_usd double precision NOT NULL CHECK (buy_usd >= 0),
        sell_usd double precision NOT NULL CHECK (sell_usd >= 0),
        buy_published double precision NOT NULL CHECK (buy_published >= 0),
        sell_published double precision NOT NULL CHECK (sell_published >= 0),
        published_unit text NOT NULL CHECK (published_unit IN ('COIN', 'USD', 'USDT', 'USDC')),
        published_ratio double precision,
        usd_price double precision CHECK (usd_price > 0),
        origin data_origin NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (asset_id, instrument_id, at)
      );
      CREATE TABLE taker_volume_revision (
        LIKE taker_volume,
        superseded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX taker_volume_revision_key_idx ON taker_volume_revision (asset_id, instrument_id, at, recorded_at);
      CREATE INDEX taker_volume_asset_at_idx ON taker_volume (asset_id, at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS taker_volume_revision; DROP TABLE IF EXISTS taker_volume;');
  }
}
