import { Db } from '../../src/db/sql';
import { LiquidationRow } from '../../src/domains/liquidations/liquidation.writer';

/** Storage ids of the hand-built registry below. */
export interface FixtureIds {
  asset: Record<'BTC' | 'ETH', number>;
  venue: Record<'binance' | 'bybit' | 'okx', number>;
  /** Instrument per `${venue}:${asset}`. */
  instrument: Record<string, number>;
}

/**
 * Two assets, three venues (Binance flagged as a lower bound), one perpetual per pair except
 * ETH on OKX, which lists none — so OKX has an instrument but never an ETH liquidation.
 */
export async function seedRegistry(db: Db): Promise<FixtureIds> {
  await db.query(`
    INSERT INTO asset (symbol, name) VALUES ('BTC', 'Bitcoin'), ('ETH', 'Ether');
    INSERT INTO venue (slug, name, kind, liquidation_completeness) VALUES
      ('binance', 'Binance', 'CEX', 'LOWER_BOUND'), ('bybit', 'Bybit', 'CEX', 'COMPLETE'), ('okx', 'OKX', 'CEX', 'COMPLETE');
    INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
    SELECT v.id, a.id, a.symbol || 'USDT', 'PERPETUAL', 'LINEAR', 'USDT', 1, 8, 'IMPORT'
    FROM venue v CROSS JOIN asset a WHERE NOT (v.slug = 'okx' AND a.symbol = 'ETH');`);
  const assets = await db.query<{ id: number; symbol: 'BTC' | 'ETH' }>('SELECT id, symbol FROM asset');
  const venues = await db.query<{ id: number; slug: 'binance' | 'bybit' | 'okx' }>('SELECT id, slug FROM venue');
  const instruments = await db.query<{ id: number; key: string }>(
    `SELECT i.id, v.slug || ':' || a.symbol AS key FROM instrument i JOIN venue v ON v.id = i.venue_id JOIN asset a ON a.id = i.asset_id`,
  );
  return {
    asset: Object.fromEntries(assets.map((a) => [a.symbol, a.id])) as FixtureIds['asset'],
    venue: Object.fromEntries(venues.map((v) => [v.slug, v.id])) as FixtureIds['venue'],
    instrument: Object.fromEntries(instruments.map((i) => [i.key, i.id])),
  };
}

export interface EventSpec {
  asset: 'BTC' | 'ETH';
  venue: 'binance' | 'bybit' | 'okx';
  side: 'LONG' | 'SHORT';
  /** USD; multiples of 0.5 keep every sum exact in binary floating point. */
  notionalUsd: number;
  at: Date;
  key?: string;
}

export function toRow(ids: FixtureIds, event: EventSpec, index: number): LiquidationRow {
  const price = event.asset === 'BTC' ? 100_000 : 4_000;
  return {
    asset_id: ids.asset[event.asset],
    venue_id: ids.venue[event.venue],
    instrument_id: ids.instrument[`${event.venue}:${event.asset}`],
    side: event.side,
    price,
    quantity: event.notionalUsd / price,
    notional_usd: event.notionalUsd,
    occurred_at: event.at,
    event_key: event.key ?? `e${index}-${event.at.getTime()}`,
    price_kind: 'FILL',
    origin: 'LIVE',
  };
}

/**
 * A deterministic spread of events: a Park–Miller sequence picks venue, side, size and
 * a time offset within [start, start + spanMs), so tests can recompute every figure by hand.
 */
export function generateEvents(count: number, start: Date, spanMs: number, seed = 7): EventSpec[] {
  let state = seed;
  // Park–Miller: the product stays below 2^53, so the sequence is exact in JS numbers.
  const next = () => (state = (state * 48271) % 2147483647);
  const venues = ['binance', 'bybit', 'okx'] as const;
  return Array.from({ length: count }, () => {
    const asset = next() % 4 === 0 ? 'ETH' : 'BTC';
    const venuePick = venues[next() % 3];
    return {
      asset,
      venue: asset === 'ETH' && venuePick === 'okx' ? 'bybit' : venuePick,
      side: next() % 3 === 0 ? 'SHORT' : 'LONG',
      notionalUsd: 500 + (next() % 4000) * 0.5,
      at: new Date(start.getTime() + (next() % Math.floor(spanMs / 1000)) * 1000),
    };
  });
}

/** Re-runs `probe` until it returns a value or the deadline passes (no fixed sleeps). */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
