import { expectShape, nonEmpty, probeAssets, probeInstrument, SourceProbes } from '../../doctor/probe';
import { hourMs } from '../../paging';
import { msTime } from '../../parse';
import { bybitCanary } from './canary';
import { BybitAllLiquidationMessage, BybitClient, BybitEnvelope, BybitFundingPoint, BybitInstrument, BybitKline, BybitOpenInterestPoint, BybitOrderBook, BybitTicker } from './client';
import * as map from './map';

const symbol = 'BTCUSDT';
const btc = probeInstrument(symbol);

type Answer<Result> = BybitEnvelope<Result>;

/** One call per endpoint the Bybit connector uses (one request of its 600 per 5 s each), and the public linear route. */
export function bybitProbes(): SourceProbes {
  return {
    rest: [
      {
        dataset: 'instruments',
        endpoint: 'GET /v5/market/instruments-info?category=linear',
        call: (http) => new BybitClient(http).instruments(),
        check: (answer) => {
          const listed = map.mapInstruments((answer as Answer<{ list: BybitInstrument[] }>).result.list, probeAssets);
          expectShape(listed.some((i) => i.symbol === symbol), `instruments-info: no ${symbol} read as a tracked perpetual`);
        },
      },
      {
        dataset: 'open-interest',
        endpoint: `GET /v5/market/open-interest?symbol=${symbol}&intervalTime=5min`,
        call: (http) => new BybitClient(http).openInterest(symbol, Date.now() - hourMs, Date.now(), undefined, 2),
        check: (answer) => {
          const points = (answer as Answer<{ list: BybitOpenInterestPoint[] }>).result.list;
          expectShape(Array.isArray(points), 'open-interest: result.list is not a list');
          for (const point of points) msTime(point.timestamp, 'timestamp');
        },
      },
      {
        dataset: 'open-interest',
        endpoint: `GET /v5/market/mark-price-kline?symbol=${symbol}&interval=5`,
        call: (http) => new BybitClient(http).markPriceKlines(symbol, 5, Date.now() - hourMs, Date.now(), 2),
        check: (answer) => {
          const klines = (answer as Answer<{ list: BybitKline[] }>).result.list;
          expectShape(Array.isArray(klines), 'mark-price-kline: result.list is not a list');
          if (klines.length > 0) expectShape(map.markPriceAt(klines, new Date(Number(klines[0][0]))) !== null, 'mark-price-kline: no close price read');
        },
      },
      {
        dataset: 'funding',
        endpoint: `GET /v5/market/funding/history?symbol=${symbol}`,
        call: (http) => new BybitClient(http).fundingHistory(symbol, Date.now() - 24 * hourMs, Date.now(), 3),
        check: (answer) => void map.mapFundingHistory((answer as Answer<{ list: BybitFundingPoint[] }>).result.list, btc),
      },
      {
        dataset: 'mark-price',
        endpoint: 'GET /v5/market/tickers?category=linear',
        call: (http) => new BybitClient(http).tickers(),
        check: (answer) => {
          const body = answer as Answer<{ list: BybitTicker[] }>;
          const ticker = nonEmpty<BybitTicker>(body.result.list, 'tickers').find((t) => t.symbol === symbol);
          expectShape(ticker, `tickers: no ${symbol}`);
          const at = msTime(body.time, 'time');
          expectShape(map.mapMarkPrice(ticker!, at, btc), 'tickers: no markPrice read');
          expectShape(map.mapCurrentOpenInterest(ticker!, at, btc), 'tickers: no openInterest read');
          map.mapCurrentFunding(ticker!, btc);
        },
      },
      {
        dataset: 'depth',
        endpoint: `GET /v5/market/orderbook?symbol=${symbol}&limit=5`,
        call: (http) => new BybitClient(http).orderBook(symbol, 5),
        check: (answer) => expectShape(map.mapDepth((answer as Answer<BybitOrderBook>).result, btc, 5), 'orderbook: no bid or no ask read'),
      },
    ],
    streams: [
      {
        dataset: 'liquidations',
        endpoint: `/v5/public/linear allLiquidation.${symbol} + tickers.${symbol}`,
        url: (wsUrl) => `${wsUrl}/v5/public/linear`,
        subscriptions: [{ op: 'subscribe', args: [`allLiquidation.${symbol}`] }],
        isData: (message) => typeof (message as { topic?: unknown })?.topic === 'string' && (message as { topic: string }).topic.startsWith('allLiquidation.'),
        check: (message) => void map.mapAllLiquidation(message as BybitAllLiquidationMessage),
        canary: bybitCanary(symbol),
        ping: () => ({ op: 'ping' }),
      },
    ],
  };
}
