import { Completeness } from '../shared/completeness';

/** Whether a figure counts one side of the market's positions, both, or neither applies. */
export type Sidedness = 'ONE_SIDE' | 'BOTH_SIDES' | 'NOT_APPLICABLE';

/**
 * One dataset Cascade reads from one source, with the evidence it rests on: the documentation
 * page the mapping follows and the day it was read. This list is the single definition the
 * `dataSources` query serves, each venue's liquidation completeness is derived from, and
 * docs/data-sources.md's table is checked against (tests/integration/data-sources.test.ts); the
 * fixtures' manifests (tests/fixtures/venues/<source>/manifest.json) cite the same pages.
 */
export interface DataSourceEntry {
  /** Source slug (src/ingest/sources/<source>/). */
  source: string;
  /** Venue the rows belong to, when the source fills a venue's data (a keyed provider may fill another venue's). */
  venue: string | null;
  dataset: 'instruments' | 'open-interest' | 'funding' | 'mark-price' | 'depth' | 'liquidations' | 'candles' | 'etf-flows' | 'cohorts' | 'exchange-flows' | 'taker-volume' | 'positioning';
  /** Method and path, or WebSocket route and channel. */
  endpoint: string;
  units: string;
  sidedness: Sidedness;
  completeness: Completeness;
  /** How far back the venue serves history; null when it serves none (snapshots only) or none is documented. */
  historyLimit: string | null;
  /** Request weight or rate-limit cost per call, as the venue counts it. */
  rateLimitWeight: string;
  docUrl: string;
  /** ISO date the page was read. */
  read: string;
  /** Environment variable the source needs (a keyed provider); unset, the dataset is not collected. */
  requiresEnv?: string;
  notes?: string;
}

const binanceDocs = 'https://developers.binance.com/docs/derivatives/usds-margined-futures';
const bybitDocs = 'https://bybit-exchange.github.io/docs/v5';
const okxDocs = 'https://www.okx.com/docs-v5/en/';
const hyperliquidInfo = 'https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint';
const deribitDocs = 'https://docs.deribit.com/api-reference/market-data';
const read = '2026-12-03';

export const dataSourceCatalog: DataSourceEntry[] = [
  // Binance USDⓈ-M futures
  { source: 'binance', venue: 'binance', dataset: 'instruments', endpoint: 'GET /fapi/v1/exchangeInfo; GET /fapi/v1/fundingInfo', units: '1 coin per contract', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '1 (exchangeInfo); fundingInfo shares 500/5 min', docUrl: `${binanceDocs}/market-data/rest-api/Exchange-Information`, read },
  { source: 'binance', venue: 'binance', dataset: 'open-interest', endpoint: 'GET /fapi/v1/openInterest; GET /futures/data/openInterestHist (period 5m)', units: 'coins; sumOpenInterestValue USDT (at par)', sidedness: 'ONE_SIDE', completeness: Completeness.COMPLETE, historyLimit: '30 days (openInterestHist)', rateLimitWeight: '1 (openInterest); 0 weight, 1000/5 min per IP (openInterestHist)', docUrl: `${binanceDocs}/market-data/rest-api/Open-Interest-Statistics`, read },
  { source: 'binance', venue: 'binance', dataset: 'funding', endpoint: 'GET /fapi/v1/fundingRate', units: 'rate per interval (fraction); interval from consecutive fundingTime', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: 'since listing, 1000 rows a page', rateLimitWeight: 'shares 500/5 min with fundingInfo', docUrl: `${binanceDocs}/market-data/rest-api/Get-Funding-Rate-History`, read },
  { source: 'binance', venue: 'binance', dataset: 'mark-price', endpoint: 'GET /fapi/v1/premiumIndex', units: 'USDT per coin (at par)', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '10 (all symbols)', docUrl: `${binanceDocs}/market-data/rest-api/Mark-Price`, read },
  { source: 'binance', venue: 'binance', dataset: 'depth', endpoint: 'GET /fapi/v1/depth?limit=1000', units: 'coins per level; bands in USD', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '20 (limit 1000)', docUrl: `${binanceDocs}/market-data/rest-api/Order-Book`, read },
  { source: 'binance', venue: 'binance', dataset: 'liquidations', endpoint: 'wss://fstream.binance.com/market/ws/!forceOrder@arr', units: 'coins (q) × average price (ap), USDT at par', sidedness: 'NOT_APPLICABLE', completeness: Completeness.LOWER_BOUND, historyLimit: null, rateLimitWeight: 'stream (no weight)', docUrl: `${binanceDocs}/websocket-market-streams/All-Market-Liquidation-Order-Streams`, read, notes: 'At most one liquidation per symbol per 1000 ms is pushed: the totals are a floor. The /market route since the 2026-04-23 routing change (the unrouted /ws path delivers nothing).' },
  // Bybit v5, category linear
  { source: 'bybit', venue: 'bybit', dataset: 'instruments', endpoint: 'GET /v5/market/instruments-info?category=linear', units: '1 coin per contract', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '1 request (600 per 5 s per IP)', docUrl: `${bybitDocs}/market/instrument`, read },
  { source: 'bybit', venue: 'bybit', dataset: 'open-interest', endpoint: 'GET /v5/market/open-interest?intervalTime=5min', units: 'coins; stored one side: singleOpenInterest, else openInterest ÷ 2', sidedness: 'BOTH_SIDES', completeness: Completeness.COMPLETE, historyLimit: 'since listing, 200 rows a page', rateLimitWeight: '1 request', docUrl: `${bybitDocs}/market/open-interest`, read, notes: '`openInterest` is documented as the sum of both sides; Cascade stores one side.' },
  { source: 'bybit', venue: 'bybit', dataset: 'funding', endpoint: 'GET /v5/market/funding/history', units: 'rate per interval (fraction); interval from consecutive fundingRateTimestamp', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: 'since listing, 200 rows a page', rateLimitWeight: '1 request', docUrl: `${bybitDocs}/market/history-fund-rate`, read },
  { source: 'bybit', venue: 'bybit', dataset: 'mark-price', endpoint: 'GET /v5/market/tickers?category=linear', units: 'USDT per coin (at par)', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '1 request', docUrl: `${bybitDocs}/market/tickers`, read },
  { source: 'bybit', venue: 'bybit', dataset: 'depth', endpoint: 'GET /v5/market/orderbook?limit=200', units: 'coins per level; bands in USD', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '1 request', docUrl: `${bybitDocs}/market/orderbook`, read },
  { source: 'bybit', venue: 'bybit', dataset: 'liquidations', endpoint: 'wss://stream.bybit.com/v5/public/linear allLiquidation.<symbol>', units: 'coins (v) × bankruptcy price (p)', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: 'stream (no weight)', docUrl: `${bybitDocs}/websocket/public/all-liquidation`, read, notes: 'Documented as every liquidation, pushed every 500 ms.' },
  // OKX v5 swaps
  { source: 'okx', venue: 'okx', dataset: 'instruments', endpoint: 'GET /api/v5/public/instruments?instType=SWAP', units: 'ctVal × ctMult of ctValCcy per contract', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '20 requests / 2 s', docUrl: `${okxDocs}#public-data-rest-api-get-instruments`, read },
  { source: 'okx', venue: 'okx', dataset: 'open-interest', endpoint: 'GET /api/v5/public/open-interest?instType=SWAP', units: 'contracts; oiCcy coins; oiUsd USD', sidedness: 'ONE_SIDE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '20 requests / 2 s', docUrl: `${okxDocs}#public-data-rest-api-get-open-interest`, read },
  { source: 'okx', venue: 'okx', dataset: 'funding', endpoint: 'GET /api/v5/public/funding-rate-history; GET /api/v5/public/funding-rate', units: 'rate per interval (fraction); interval from consecutive fundingTime', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: '3 months, 100 rows a page', rateLimitWeight: '10 requests / 2 s', docUrl: `${okxDocs}#public-data-rest-api-get-funding-rate-history`, read },
  { source: 'okx', venue: 'okx', dataset: 'mark-price', endpoint: 'GET /api/v5/public/mark-price?instType=SWAP', units: 'quote per coin', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '10 requests / 2 s', docUrl: `${okxDocs}#public-data-rest-api-get-mark-price`, read },
  { source: 'okx', venue: 'okx', dataset: 'depth', endpoint: 'GET /api/v5/market/books?sz=400', units: 'contracts per level → coins; bands in USD', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '40 requests / 2 s', docUrl: `${okxDocs}#order-book-trading-market-data-get-order-book`, read },
  { source: 'okx', venue: 'okx', dataset: 'liquidations', endpoint: 'wss://ws.okx.com:8443/ws/v5/public liquidation-orders (instType SWAP)', units: 'contracts (sz) × ctVal → coins, bankruptcy price (bkPx)', sidedness: 'NOT_APPLICABLE', completeness: Completeness.LOWER_BOUND, historyLimit: null, rateLimitWeight: 'stream (no weight)', docUrl: `${okxDocs}#public-data-websocket-liquidation-orders-channel`, read, notes: '"Each contract will only show a maximum of one order per one-second period. This data doesn\'t represent the total number of liquidations": a floor.' },
  // Hyperliquid
  { source: 'hyperliquid', venue: 'hyperliquid', dataset: 'instruments', endpoint: 'POST /info {"type":"metaAndAssetCtxs"}', units: '1 coin per contract, USDC', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '20 of 1200 a minute', docUrl: `${hyperliquidInfo}/perpetuals`, read },
  { source: 'hyperliquid', venue: 'hyperliquid', dataset: 'open-interest', endpoint: 'POST /info {"type":"metaAndAssetCtxs"}', units: 'coins × markPx', sidedness: 'ONE_SIDE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '20 of 1200 a minute', docUrl: `${hyperliquidInfo}/perpetuals`, read, notes: 'Not defined by the docs; stored as reported (see docs/data-sources.md).' },
  { source: 'hyperliquid', venue: 'hyperliquid', dataset: 'funding', endpoint: 'POST /info {"type":"fundingHistory"}', units: 'rate per hour (fraction)', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: '500 rows a page', rateLimitWeight: '20 + 1 per 20 rows', docUrl: `${hyperliquidInfo}/perpetuals`, read },
  { source: 'hyperliquid', venue: 'hyperliquid', dataset: 'mark-price', endpoint: 'POST /info {"type":"metaAndAssetCtxs"}', units: 'USDC per coin (at par)', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '20 of 1200 a minute', docUrl: `${hyperliquidInfo}/perpetuals`, read },
  { source: 'hyperliquid', venue: 'hyperliquid', dataset: 'depth', endpoint: 'POST /info {"type":"l2Book"} at full precision, then nSigFigs 4, 3, 2', units: 'coins per level; bands in USD', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: '2 of 1200 a minute per request, up to 4 requests a coin', docUrl: hyperliquidInfo, read, notes: 'At most 20 levels a side per request: coarser aggregations (nSigFigs) are read until every band is reached; a band still unreached is unknown (null, with the reason in coverage).' },
  // Deribit
  { source: 'deribit', venue: 'deribit', dataset: 'instruments', endpoint: 'GET /api/v2/public/get_instruments?kind=future', units: 'USD per contract (inverse), coins (linear USDC)', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: 'non-matching-engine credits', docUrl: `${deribitDocs}/public-get_instruments`, read },
  { source: 'deribit', venue: 'deribit', dataset: 'open-interest', endpoint: 'GET /api/v2/public/get_book_summary_by_currency?kind=future', units: 'USD (inverse), coins (linear USDC)', sidedness: 'ONE_SIDE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: 'non-matching-engine credits', docUrl: `${deribitDocs}/public-get_book_summary_by_currency`, read },
  { source: 'deribit', venue: 'deribit', dataset: 'funding', endpoint: 'GET /api/v2/public/get_funding_rate_history', units: 'interest_1h per hour (fraction)', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: 'non-matching-engine credits', docUrl: `${deribitDocs}/public-get_funding_rate_history`, read },
  { source: 'deribit', venue: 'deribit', dataset: 'mark-price', endpoint: 'GET /api/v2/public/get_book_summary_by_currency?kind=future', units: 'USD per coin', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: 'non-matching-engine credits', docUrl: `${deribitDocs}/public-get_book_summary_by_currency`, read },
  { source: 'deribit', venue: 'deribit', dataset: 'depth', endpoint: 'GET /api/v2/public/get_order_book?depth=1000', units: 'USD amounts (inverse) ÷ price → coins; bands in USD', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: 'non-matching-engine credits', docUrl: `${deribitDocs}/public-get_order_book`, read },
  { source: 'deribit', venue: 'deribit', dataset: 'liquidations', endpoint: 'wss://www.deribit.com/ws/api/v2 public/subscribe trades.future.{BTC,ETH,USDC}.100ms', units: 'amount USD (inverse) or coins (linear USDC) × price', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: 'stream (subscription credits)', docUrl: 'https://docs.deribit.com/subscriptions/trades/tradeskindcurrencyinterval', read, notes: 'Trades carrying `liquidation` T (taker liquidated), M (maker), MT (both: two events).' },
  // Hyperliquid liquidations through a keyed provider
  { source: 'hydromancer', venue: 'hyperliquid', dataset: 'liquidations', endpoint: 'liquidationFills (Hydromancer, keyed)', units: 'fills grouped by liquidated user, coin and time: coins × price (USDC at par)', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: null, rateLimitWeight: 'per the provider plan', docUrl: 'https://docs.hydromancer.xyz/readme/websocket/trades-data/liquidationfills', read, requiresEnv: 'CASCADE_HYDROMANCER_API_KEY', notes: "Hyperliquid's public API has no market-wide liquidation feed; without the key Hyperliquid's liquidations are not collected." },
  // Aggressor flow (issue 19 item 2): only Binance and OKX publish a taker-volume series; Bybit, Deribit and Hyperliquid have none (not collected).
  { source: 'binance', venue: 'binance', dataset: 'taker-volume', endpoint: 'GET /futures/data/takerlongshortRatio (period 5m); GET /fapi/v1/klines (interval 5m)', units: 'buyVol/sellVol coins (no unit on the page; base asset per the COIN-M sibling and the example) × the period kline VWAP (quote volume ÷ volume, USDT at par)', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: '30 days', rateLimitWeight: '0 weight, 1000/5 min per IP (takerlongshortRatio); 5 (klines, limit 500)', docUrl: `${binanceDocs}/market-data/rest-api/Taker-BuySell-Volume`, read: '2026-12-04', notes: '`timestamp` is read as the period start (the kline open time it is priced with).' },
  { source: 'okx', venue: 'okx', dataset: 'taker-volume', endpoint: 'GET /api/v5/rubik/stat/taker-volume-contract?period=5m&unit=2', units: 'unit=2 "U": USD (inverse) or USDT/USDC (linear) at par', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: 'latest 1,440 periods (5 days at 5m)', rateLimitWeight: '5 requests / 2 s per IP and instrument', docUrl: `${okxDocs}#trading-statistics-rest-api-get-contract-taker-volume`, read: '2026-12-04', notes: 'Rows are [ts, sellVol, buyVol]: sell before buy.' },
  // Spot, ETFs, on-chain
  { source: 'binance-spot', venue: null, dataset: 'candles', endpoint: 'GET /api/v3/klines?interval=1m|1d', units: 'USDT (at par); quote volume', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: 'since listing, 1000 rows a page', rateLimitWeight: '2', docUrl: 'https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints', read },
  { source: 'coinbase', venue: null, dataset: 'candles', endpoint: 'GET /products/<ASSET>-USD/candles', units: 'USD; volume_usd = base volume × close', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: '300 rows a request', rateLimitWeight: '1 of 10 a second', docUrl: 'https://docs.cdp.coinbase.com/exchange/reference/exchangerestapi_getproductcandles', read },
  { source: 'farside', venue: null, dataset: 'etf-flows', endpoint: 'GET https://farside.co.uk/btc/ (HTML table)', units: 'US$ millions per fund and day', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: 'since launch (2024-01-11)', rateLimitWeight: 'one page a run', docUrl: 'https://farside.co.uk/btc/', read },
  { source: 'bgeometrics', venue: null, dataset: 'cohorts', endpoint: 'GET /v1/lth-supply; GET /v1/sth-supply', units: 'coins per day', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: 'since 2009', rateLimitWeight: '8 an hour, 15 a day (free tier)', docUrl: 'https://bitcoin-data.com/api/redoc.html', read },
  { source: 'glassnode', venue: null, dataset: 'cohorts', endpoint: 'GET /v1/metrics/supply/lth_sum, sth_sum; /v1/metrics/distribution/balance_exchanges', units: 'coins per day', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: 'since 2009', rateLimitWeight: '1 credit (600 a minute)', docUrl: 'https://docs.glassnode.com/basic-api/endpoints', read, requiresEnv: 'CASCADE_GLASSNODE_API_KEY' },
  { source: 'glassnode', venue: null, dataset: 'exchange-flows', endpoint: 'GET /v1/metrics/transactions/transfers_volume_to_exchanges_sum, _from_exchanges_sum', units: 'coins per day', sidedness: 'NOT_APPLICABLE', completeness: Completeness.COMPLETE, historyLimit: 'since 2009', rateLimitWeight: '1 credit (600 a minute)', docUrl: 'https://docs.glassnode.com/basic-api/endpoints', read, requiresEnv: 'CASCADE_GLASSNODE_API_KEY' },
];

/**
 * A venue's liquidation completeness for a worker configured by `env`: from the catalog's
 * liquidation sources for that venue whose key (if any) is set. None → not collected; all
 * complete → complete; otherwise a lower bound.
 */
export function liquidationCompleteness(venue: string, env: NodeJS.ProcessEnv): Completeness {
  const sources = dataSourceCatalog.filter((e) => e.venue === venue && e.dataset === 'liquidations' && (!e.requiresEnv || env[e.requiresEnv]));
  if (sources.length === 0) return Completeness.NOT_COLLECTED;
  return sources.every((e) => e.completeness === Completeness.COMPLETE) ? Completeness.COMPLETE : Completeness.LOWER_BOUND;
}
