import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-source spot candles (issue 19 item 4, the Coinbase premium). `candle` keeps one candle per
 * (asset, resolution, start) whichever source won (Binance spot first, Coinbase where Binance has
 * nothing), so a Coinbase close next to a Binance close for the same minute was never stored.
 * `source_candle` keeps every source's candle under its own key, each in the currency it is
 * quoted in (BTC-USD in USD, BTCUSDT in USDT: never converted on the way in).
 *
 * `stablecoin_rate` holds the measured price of a stablecoin in USD (Coinbase Exchange USDT-USD
 * candles), which puts a USDT quote on the same footing as a USD one. Its key starts with the
 * stablecoin, not an asset_id: it is no tracked asset's observation but one reference series that
 * every asset's premium reads (a small table, replicated whole if the observation tables are ever
 * distributed by asset).
 *
 * The candles already stored are copied into source_candle under the source that wrote them
 * (their recorded_at kept), so the per-source history starts with what `candle` holds; the
 * candles another source replaced are in candle_revision and are copied too.
 */
export class SourceCandles1796409240563 implements MigrationInterface {
  name = 'SourceCandles1796409240563';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE source_candle (
        asset_id int NOT NULL REFERENCES asset(id),
        source text NOT NULL CHECK (source = lower(source)),
        resolution text NOT NULL CHECK (resolution IN ('M1','D1')),
        start timestamptz NOT NULL,
        quote_currency text NOT NULL CHECK (quote_currency = upper(quote_currency)),
        open double precision NOT NULL, high double precision NOT NULL, low double precision NOT NULL, close double precision NOT NULL,
        volume_quote double precision NOT NULL DEFAULT 0,
        origin data_origin NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (asset_id, source, resolution, start)
      );
      CREATE TABLE source_candle_revision (
        LIKE source_candle,
        superseded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX source_candle_revision_key_idx ON source_candle_revision (asset_id, source, resolution, start, recorded_at);

      CREATE TABLE stablecoin_rate (
        currency text NOT NULL CHECK (currency = upper(currency)),
        source text NOT NULL CHECK (source = lower(source)),
        resolution text NOT NULL CHECK (resolution IN ('M1','D1')),
        start timestamptz NOT NULL,
        open double precision NOT NULL, high double precision NOT NULL, low double precision NOT NULL, close double precision NOT NULL,
        origin data_origin NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (currency, source, resolution, start)
      );
      CREATE TABLE stablecoin_rate_revision (
        LIKE stablecoin_rate,
        superseded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX stablecoin_rate_revision_key_idx ON stablecoin_rate_revision (currency, source, resolution, start, recorded_at);
    `);
    // Coinbase quotes BTC-USD in USD, Binance spot BTCUSDT in USDT; candle.volume_usd is the quote
    // volume of each (Coinbase: base volume × close). Current rows first, then the replaced ones
    // of a source whose key the current rows do not already hold.
    const quote = `CASE c.source WHEN 'coinbase' THEN 'USD' ELSE 'USDT' END`;
    await q.query(`
      INSERT INTO source_candle (asset_id, source, resolution, start, quote_currency, open, high, low, close, volume_quote, origin, recorded_at)
      SELECT c.asset_id, c.source, c.resolution, c.start, ${quote}, c.open, c.high, c.low, c.close, c.volume_usd, c.origin, c.recorded_at
      FROM candle c
      WHERE c.source IN ('coinbase', 'binance-spot') AND c.open IS NOT NULL AND c.high IS NOT NULL AND c.low IS NOT NULL AND c.close IS NOT NULL;

      INSERT INTO source_candle (asset_id, source, resolution, start, quote_currency, open, high, low, close, volume_quote, origin, recorded_at)
      SELECT DISTINCT ON (c.asset_id, c.source, c.resolution, c.start)
             c.asset_id, c.source, c.resolution, c.start, ${quote}, c.open, c.high, c.low, c.close, c.volume_usd, c.origin, c.recorded_at
      FROM candle_revision c
      WHERE c.source IN ('coinbase', 'binance-spot') AND c.open IS NOT NULL AND c.high IS NOT NULL AND c.low IS NOT NULL AND c.close IS NOT NULL
      ORDER BY c.asset_id, c.source, c.resolution, c.start, c.recorded_at DESC
      ON CONFLICT (asset_id, source, resolution, start) DO NOTHING;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS stablecoin_rate_revision; DROP TABLE IF EXISTS stablecoin_rate;
      DROP TABLE IF EXISTS source_candle_revision; DROP TABLE IF EXISTS source_candle;
    `);
  }
}
