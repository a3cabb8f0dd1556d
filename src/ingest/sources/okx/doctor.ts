import { expectShape, nonEmpty, probeAssets, probeInstrument, SourceProbes } from '../../doctor/probe';
import { okxCanary } from './canary';
import { OkxBook, OkxClient, OkxFundingHistoryRow, OkxFundingRate, OkxIndexTicker, OkxInstrument, OkxLiquidationGroup, OkxLiquidationPush, OkxMarkPrice, OkxOpenInterest, okxLiquidationSubscription } from './client';
import * as map from './map';

const instId = 'BTC-USDT-SWAP';
const btc = probeInstrument(instId, { contractSize: 0.01 });

/** One call per endpoint the OKX connector uses (each 1 of its 10–40 per 2 s), and the public route. */
export function okxProbes(): SourceProbes {
  return {
    rest: [
      {
        dataset: 'instruments',
        endpoint: 'GET /api/v5/public/instruments?instType=SWAP',
        call: (http) => new OkxClient(http).instruments(),
        check: (answer) => {
          const listed = map.mapInstruments(answer as OkxInstrument[], probeAssets, new Map());
          expectShape(listed.some((i) => i.symbol === instId), `instruments: no ${instId} read as a tracked swap`);
        },
      },
      {
        dataset: 'open-interest',
        endpoint: 'GET /api/v5/public/open-interest?instType=SWAP',
        call: (http) => new OkxClient(http).openInterest(),
        check: (answer) => {
          const row = nonEmpty<OkxOpenInterest>(answer, 'open-interest').find((r) => r.instId === instId);
          expectShape(row, `open-interest: no ${instId}`);
          expectShape(map.mapOpenInterest(row!, btc, 1), 'open-interest: neither oiUsd nor oi read');
        },
      },
      {
        dataset: 'funding',
        endpoint: `GET /api/v5/public/funding-rate?instId=${instId}`,
        call: (http) => new OkxClient(http).fundingRate(instId),
        check: (answer) => {
          const [rate] = nonEmpty<OkxFundingRate>(answer, 'funding-rate');
          expectShape(map.fundingIntervalHours(rate), 'funding-rate: no funding interval read (fundingTime, nextFundingTime)');
          map.mapCurrentFunding(rate, btc);
        },
      },
      {
        dataset: 'funding',
        endpoint: `GET /api/v5/public/funding-rate-history?instId=${instId}`,
        call: (http) => new OkxClient(http).fundingRateHistory(instId),
        check: (answer) => void map.mapFundingHistory(answer as OkxFundingHistoryRow[], btc),
      },
      {
        dataset: 'mark-price',
        endpoint: 'GET /api/v5/public/mark-price?instType=SWAP',
        call: (http) => new OkxClient(http).markPrices(),
        check: (answer) => {
          const row = nonEmpty<OkxMarkPrice>(answer, 'mark-price').find((m) => m.instId === instId);
          expectShape(row, `mark-price: no ${instId}`);
          map.mapMarkPrice(row!, btc);
        },
      },
      {
        dataset: 'instruments',
        endpoint: 'GET /api/v5/public/instruments?instType=FUTURES',
        call: (http) => new OkxClient(http).instruments('FUTURES'),
        check: (answer) => {
          const listed = map.mapInstruments(answer as OkxInstrument[], probeAssets, new Map());
          expectShape(listed.some((i) => i.contractType === 'FUTURE' && i.expiresAt), 'instruments (FUTURES): no tracked dated future with an expTime read');
        },
      },
      {
        dataset: 'mark-price',
        endpoint: 'GET /api/v5/market/index-tickers?quoteCcy=USDT',
        call: (http) => new OkxClient(http).indexTickers('USDT'),
        check: (answer) => expectShape(map.indexPrices(answer as OkxIndexTicker[]).get(map.instrumentFamily(instId)), `index-tickers: no idxPx read for ${map.instrumentFamily(instId)}`),
      },
      {
        dataset: 'depth',
        endpoint: `GET /api/v5/market/books?instId=${instId}&sz=5`,
        call: (http) => new OkxClient(http).book(instId, 5),
        check: (answer) => expectShape(answer && map.mapDepth(answer as OkxBook, btc, 5), 'books: no bid or no ask read'),
      },
      {
        dataset: 'liquidations',
        endpoint: 'GET /api/v5/public/liquidation-orders?instType=SWAP&instFamily=BTC-USDT',
        call: (http) => new OkxClient(http).liquidationOrders('BTC-USDT'),
        check: (answer) => void map.mapLiquidations(answer as OkxLiquidationGroup[]),
      },
    ],
    streams: [
      {
        dataset: 'liquidations',
        endpoint: `/ws/v5/public liquidation-orders + mark-price ${instId}`,
        url: (wsUrl) => `${wsUrl}/ws/v5/public`,
        subscriptions: [okxLiquidationSubscription],
        isData: (message) => (message as Partial<OkxLiquidationPush>)?.arg?.channel === 'liquidation-orders' && Array.isArray((message as OkxLiquidationPush).data),
        check: (message) => void map.mapLiquidations((message as OkxLiquidationPush).data),
        canary: okxCanary(instId),
        ping: () => 'ping',
        pingReply: 'pong',
      },
    ],
  };
}
