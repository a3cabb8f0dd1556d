import { expectShape, nonEmpty, probeAssets, probeInstrument, SourceProbes } from '../../doctor/probe';
import { hourMs } from '../../paging';
import { binanceCanary } from './canary';
import { BinanceClient, BinanceDepth, BinanceExchangeInfo, BinanceForceOrderEvent, BinanceFundingRate, BinanceOpenInterest, BinanceOpenInterestHist, BinancePremiumIndex } from './client';
import { liquidationStreamPath } from './index';
import * as map from './map';

const symbol = 'BTCUSDT';
const btc = probeInstrument(symbol);

/** One call per endpoint the Binance connector uses (about 20 weight units in all), and the liquidation route. */
export function binanceProbes(): SourceProbes {
  const client = (http: Parameters<SourceProbes['rest'][number]['call']>[0]) => new BinanceClient(http);
  return {
    rest: [
      {
        dataset: 'instruments',
        endpoint: 'GET /fapi/v1/exchangeInfo',
        call: (http) => client(http).exchangeInfo(),
        check: (answer) => {
          const listed = map.mapInstruments(answer as BinanceExchangeInfo, [], probeAssets);
          expectShape(listed.some((i) => i.symbol === symbol), `exchangeInfo.symbols: no ${symbol} read as a tracked perpetual`);
        },
      },
      {
        dataset: 'instruments',
        endpoint: 'GET /fapi/v1/fundingInfo',
        call: (http) => client(http).fundingInfo(),
        check: (answer) => {
          for (const row of nonEmpty<{ symbol?: unknown; fundingIntervalHours?: unknown }>(answer, 'fundingInfo')) {
            expectShape(typeof row.symbol === 'string' && typeof row.fundingIntervalHours === 'number', 'fundingInfo: each row needs symbol and a numeric fundingIntervalHours');
          }
        },
      },
      {
        dataset: 'open-interest',
        endpoint: `GET /fapi/v1/openInterest?symbol=${symbol}`,
        call: (http) => client(http).openInterest(symbol),
        check: (answer) => void map.mapOpenInterest(answer as BinanceOpenInterest, 1, btc),
      },
      {
        dataset: 'open-interest',
        endpoint: `GET /futures/data/openInterestHist?symbol=${symbol}&period=5m`,
        call: (http) => client(http).openInterestHist(symbol, '5m', Date.now() - hourMs, Date.now(), 2),
        check: (answer) => void map.mapOpenInterestHist(answer as BinanceOpenInterestHist[], btc),
      },
      {
        dataset: 'mark-price',
        endpoint: 'GET /fapi/v1/premiumIndex',
        call: (http) => client(http).premiumIndexAll(),
        check: (answer) => {
          const premium = nonEmpty<BinancePremiumIndex>(answer, 'premiumIndex').find((p) => p.symbol === symbol);
          expectShape(premium, `premiumIndex: no ${symbol}`);
          map.mapMarkPrice(premium!, btc);
          map.mapCurrentFunding(premium!, btc);
        },
      },
      {
        dataset: 'funding',
        endpoint: `GET /fapi/v1/fundingRate?symbol=${symbol}`,
        call: (http) => client(http).fundingRate(symbol, Date.now() - 24 * hourMs, Date.now(), 3),
        check: (answer) => void map.mapFundingHistory(answer as BinanceFundingRate[], btc),
      },
      {
        dataset: 'depth',
        endpoint: `GET /fapi/v1/depth?symbol=${symbol}&limit=5`,
        call: (http) => client(http).depth(symbol, 5),
        check: (answer) => expectShape(map.mapDepth(answer as BinanceDepth, btc, 5), 'depth: no bid or no ask read'),
      },
    ],
    streams: [
      {
        dataset: 'liquidations',
        endpoint: `${liquidationStreamPath} + ${symbol.toLowerCase()}@markPrice@1s`,
        url: (wsUrl) => `${wsUrl}${liquidationStreamPath}`,
        subscriptions: [],
        isData: (message) => (((message as { data?: unknown })?.data ?? message) as { e?: unknown })?.e === 'forceOrder',
        check: (message) => void map.mapForceOrder((((message as { data?: unknown }).data ?? message) as BinanceForceOrderEvent)),
        canary: binanceCanary(symbol),
      },
    ],
  };
}
