import { Db } from '../../src/db/sql';
import { findFundingBuckets } from '../../src/domains/funding/funding.service';
import { fundingPointShape } from '../../src/domains/funding/funding.shape';
import { FundingPointType } from '../../src/domains/funding/funding.types';
import { fromRow, rowColumns } from '../../src/domains/shared/planned/json-shape';
import { Interval } from '../../src/domains/shared/enums';
import { bucketRange } from '../../src/domains/shared/series';
import { manualClock } from '../../src/ingest/clock';
import { IngestLog } from '../../src/ingest/source';
import { StreamOptions } from '../../src/ingest/streams';
import { fixture, reply, venueEnv, VenueRequest, VenueServer } from '../support/venue-server';

/** "Now" for connector tests: 2024-06-10T09:00:00Z, just after the fixtures' stamps. */
export const testNowMs = Date.UTC(2024, 5, 10, 9);

export const silentLog: IngestLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Options that point a source at the loopback venue, with no real sleeps and short timeouts. */
export function loopbackOptions(server: VenueServer, slug: string): StreamOptions & { clock: ReturnType<typeof manualClock> } {
  return {
    env: venueEnv(server, slug),
    clock: manualClock(testNowMs),
    http: { timeoutMs: 1000, retries: 3, backoff: { baseMs: 100, maxMs: 1000 } },
    budget: null,
    log: silentLog,
    settings: { reconnect: { baseMs: 5, maxMs: 20 }, heartbeat: { intervalMs: 50, deadAfterMs: 2000 }, batchMaxDelayMs: 20 },
  };
}

function timeFilter<T>(rows: T[], request: VenueRequest, stamp: (row: T) => number, startParam = 'startTime', endParam = 'endTime'): T[] {
  const start = Number(request.query.get(startParam) ?? 0);
  const end = Number(request.query.get(endParam) ?? Number.MAX_SAFE_INTEGER);
  return rows.filter((row) => stamp(row) >= start && stamp(row) <= end);
}

function perSymbol(venue: string, name: string, symbol: string | null): any | null {
  try {
    return fixture(venue, `${name}.${symbol}`);
  } catch {
    return null;
  }
}

const binanceInvalidSymbol = () => reply(400, { code: -1121, msg: 'Invalid symbol.' });

/**
 * Binance USD-M routes answering like the venue: by symbol, within startTime/endTime. WebSocket
 * streams only on their routed paths (/market for forceOrder): the retired unrouted `/ws/...`
 * accepts a connection and delivers nothing, as the venue has since 2026-04-23.
 */
export function serveBinance(server: VenueServer): void {
  server.wsRoutes = new Set(['/market/ws/!forceOrder@arr']);
  server
    .route('/fapi/v1/exchangeInfo', fixture('binance', 'exchange-info'))
    .route('/fapi/v1/fundingInfo', fixture('binance', 'funding-info'))
    .route('/fapi/v1/premiumIndex', fixture('binance', 'premium-index'))
    .route('/fapi/v1/openInterest', (r) => perSymbol('binance', 'open-interest', r.query.get('symbol')) ?? binanceInvalidSymbol())
    .route('/futures/data/openInterestHist', (r) => {
      const rows = perSymbol('binance', 'open-interest-hist', r.query.get('symbol')) ?? [];
      return timeFilter(rows, r, (row: any) => Number(row.timestamp)).slice(0, Number(r.query.get('limit') ?? 30));
    })
    .route('/fapi/v1/fundingRate', (r) => {
      const rows = perSymbol('binance', 'funding-rate', r.query.get('symbol')) ?? [];
      return timeFilter(rows, r, (row: any) => row.fundingTime).slice(0, Number(r.query.get('limit') ?? 100));
    })
    .route('/fapi/v1/depth', (r) => perSymbol('binance', 'depth', r.query.get('symbol')) ?? fixture('binance', 'depth.empty'));
}

/** Bybit v5 linear routes: instruments over two cursor pages, newest-first history lists. */
export function serveBybit(server: VenueServer): void {
  const envelope = (result: unknown) => ({ retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: testNowMs });
  server
    .route('/v5/market/instruments-info', (r) => fixture('bybit', r.query.get('cursor') ? 'instruments-info.page2' : 'instruments-info.page1'))
    .route('/v5/market/tickers', fixture('bybit', 'tickers'))
    .route('/v5/market/open-interest', (r) => {
      const page = perSymbol('bybit', 'open-interest', r.query.get('symbol'));
      if (!page) return envelope({ category: 'linear', symbol: r.query.get('symbol'), list: [], nextPageCursor: '' });
      page.result.list = timeFilter(page.result.list, r, (row: any) => Number(row.timestamp));
      return page;
    })
    .route('/v5/market/mark-price-kline', (r) => {
      const page = perSymbol('bybit', 'mark-price-kline', r.query.get('symbol'));
      if (!page) return envelope({ category: 'linear', symbol: r.query.get('symbol'), list: [] });
      page.result.list = timeFilter(page.result.list, r, (row: any) => Number(row[0]), 'start', 'end');
      return page;
    })
    .route('/v5/market/funding/history', (r) => {
      if (!r.query.get('endTime')) return { retCode: 10001, retMsg: 'startTime without endTime', result: {}, time: testNowMs };
      const page = perSymbol('bybit', 'funding-history', r.query.get('symbol'));
      if (!page) return envelope({ category: 'linear', list: [] });
      // Like the venue: the NEWEST `limit` rows of the range (default 200), newest first.
      page.result.list = timeFilter(page.result.list, r, (row: any) => Number(row.fundingRateTimestamp))
        .sort((a: any, b: any) => Number(b.fundingRateTimestamp) - Number(a.fundingRateTimestamp))
        .slice(0, Number(r.query.get('limit') ?? 200));
      return page;
    })
    .route('/v5/market/orderbook', (r) => perSymbol('bybit', 'orderbook', r.query.get('symbol')) ?? fixture('bybit', 'orderbook.empty'));
}

/**
 * ETHUSDT's funding as the API serves it, per H4 bucket from 2024-06-09 to 2024-06-10T12:00: the
 * 8-hour-normalised mean by bucket start, and the annualised rate of the 06-09T08:00 and
 * 06-10T04:00 settlements (one on each side of the move from 8 h to 4 h).
 */
export async function ethFundingAsServed(db: Db): Promise<{ eightHour: Record<string, number | null>; annualised: number[] }> {
  const [eth] = await db.query<{ asset_id: number; venue_id: number }>(`SELECT asset_id, venue_id FROM instrument WHERE symbol = 'ETHUSDT'`);
  const range = bucketRange(Interval.H4, new Date('2024-06-09T00:00:00Z'), new Date('2024-06-10T12:00:00Z'));
  const buckets = await findFundingBuckets(db, eth.asset_id, [eth.venue_id], range);
  const eightHour = Object.fromEntries(buckets.filter((b) => b.average_rate !== null).map((b) => [b.start.toISOString(), b.average_rate]));
  // Read as the resolvers read a FundingPoint: its shape's columns, annualizedRate computed there.
  const stored = await db.query<Record<string, unknown>>(`SELECT ${rowColumns(fundingPointShape('f'))} FROM funding_rate f
    JOIN instrument i ON i.id = f.instrument_id WHERE i.symbol = 'ETHUSDT' AND f.at IN ('2024-06-09T08:00:00Z', '2024-06-10T04:00:00Z') ORDER BY f.at`);
  return { eightHour, annualised: stored.map((row) => fromRow<FundingPointType>(fundingPointShape('f'), row).annualizedRate) };
}

/** What ethFundingAsServed must read when each row carries the interval it settled at. */
export const ethFundingByOwnInterval = {
  eightHour: {
    '2024-06-09T00:00:00.000Z': 0.0001,
    '2024-06-09T08:00:00.000Z': 0.00008,
    '2024-06-09T16:00:00.000Z': 0.00012,
    '2024-06-10T00:00:00.000Z': 0.0001,
    '2024-06-10T04:00:00.000Z': (0.00004 * 8) / 4,
    '2024-06-10T08:00:00.000Z': (0.00005 * 8) / 4,
  },
  annualised: [0.00008 * 1095, 0.00004 * 2190],
};

/** Every observation and liquidation row, without recorded_at, in a stable order. */
export async function storedRows(db: Db): Promise<Record<string, unknown[]>> {
  const tables = {
    open_interest: 'SELECT asset_id, instrument_id, at, open_interest_usd, open_interest_contracts FROM open_interest ORDER BY 1, 2, 3',
    funding_rate: 'SELECT asset_id, instrument_id, at, rate, interval_hours FROM funding_rate ORDER BY 1, 2, 3',
    mark_price: 'SELECT asset_id, instrument_id, at, mark_price, index_price FROM mark_price ORDER BY 1, 2, 3',
    order_book_depth: 'SELECT * FROM order_book_depth ORDER BY 1, 2, 3',
    liquidation: 'SELECT asset_id, venue_id, instrument_id, side, price, quantity, notional_usd, occurred_at, event_key FROM liquidation ORDER BY occurred_at, event_key',
    liquidation_hourly: 'SELECT * FROM liquidation_hourly ORDER BY 1, 2, 3, 4',
    candle: 'SELECT asset_id, resolution, start, open, high, low, close, volume_usd, source FROM candle ORDER BY 1, 2, 3',
    source_candle: 'SELECT asset_id, source, resolution, start, quote_currency, open, high, low, close, volume_quote FROM source_candle ORDER BY 1, 2, 3, 4',
    stablecoin_rate: 'SELECT currency, source, resolution, start, open, high, low, close FROM stablecoin_rate ORDER BY 1, 2, 3, 4',
    etf_flow: 'SELECT asset_id, etf_id, day, net_flow_usd, holdings FROM etf_flow ORDER BY 1, 2, 3',
    cohort_supply: 'SELECT asset_id, cohort_id, day, supply FROM cohort_supply ORDER BY 1, 2, 3',
    exchange_flow: 'SELECT asset_id, day, inflow, outflow FROM exchange_flow ORDER BY 1, 2',
    instrument: 'SELECT venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, expires_at, active, funding_interval_hours FROM instrument ORDER BY symbol',
  };
  const result: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(tables)) {
    result[name] = (await db.query(sql)).map((row) => {
      const { recorded_at: _ignored, ...rest } = row as Record<string, unknown>;
      return rest;
    });
  }
  return result;
}

/** Empties what ingestion writes, keeping assets (ids stay stable between runs). */
export async function clearIngested(db: Db): Promise<void> {
  await db.query(`TRUNCATE open_interest, open_interest_revision, funding_rate, funding_rate_revision, mark_price, mark_price_revision,
    order_book_depth, order_book_depth_revision, liquidation, liquidation_hourly, ingestion_run, ingestion_watermark,
    candle, candle_revision, source_candle, source_candle_revision, stablecoin_rate, stablecoin_rate_revision, etf_flow, etf_flow_revision, cohort_supply, cohort_supply_revision, exchange_flow, exchange_flow_revision`);
}
