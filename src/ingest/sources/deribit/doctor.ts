import { expectShape, nonEmpty, probeAssets, probeInstrument, SourceProbes } from '../../doctor/probe';
import { hourMs } from '../../paging';
import { deribitCanary, deribitCanaryChannel } from './canary';
import { DeribitBookSummary, DeribitClient, DeribitFundingRow, DeribitIndexPrice, DeribitInstrument, DeribitNotification, DeribitOrderBook, DeribitTrade } from './client';
import { liquidationChannels } from './liquidations';
import * as map from './map';

const name = 'BTC-PERPETUAL';
const btc = probeInstrument(name, { marginType: 'INVERSE', contractSize: 10 });

/** One call per public method the Deribit connector uses (BTC only: the others answer alike), and the JSON-RPC stream. */
export function deribitProbes(): SourceProbes {
  return {
    rest: [
      {
        dataset: 'instruments',
        endpoint: 'GET /api/v2/public/get_instruments?currency=BTC&kind=future',
        call: (http) => new DeribitClient(http).instruments('BTC'),
        check: (answer) => {
          const listed = map.mapInstruments(answer as DeribitInstrument[], probeAssets);
          expectShape(listed.some((i) => i.symbol === name), `get_instruments: no ${name} read as a tracked perpetual`);
        },
      },
      {
        dataset: 'open-interest',
        endpoint: 'GET /api/v2/public/get_book_summary_by_currency?currency=BTC&kind=future',
        call: (http) => new DeribitClient(http).bookSummaries('BTC'),
        check: (answer) => {
          const summary = nonEmpty<DeribitBookSummary>(answer, 'get_book_summary_by_currency').find((s) => s.instrument_name === name);
          expectShape(summary, `get_book_summary_by_currency: no ${name}`);
          expectShape(map.mapOpenInterest(summary!, btc), 'get_book_summary_by_currency: no open_interest or mark_price read');
          expectShape(map.mapMarkPrice(summary!, btc), 'get_book_summary_by_currency: no mark_price read');
        },
      },
      {
        dataset: 'mark-price',
        endpoint: `GET /api/v2/public/get_index_price?index_name=${map.indexName(name)}`,
        call: (http) => new DeribitClient(http).indexPrice(map.indexName(name)),
        check: (answer) => expectShape((answer as DeribitIndexPrice | undefined)?.index_price, 'get_index_price: no index_price read'),
      },
      {
        dataset: 'funding',
        endpoint: `GET /api/v2/public/get_funding_rate_history?instrument_name=${name}`,
        call: (http) => new DeribitClient(http).fundingRateHistory(name, Date.now() - 3 * hourMs, Date.now()),
        check: (answer) => void map.mapFundingHistory(answer as DeribitFundingRow[], btc),
      },
      {
        dataset: 'depth',
        endpoint: `GET /api/v2/public/get_order_book?instrument_name=${name}&depth=5`,
        call: (http) => new DeribitClient(http).orderBook(name, 5),
        check: (answer) => expectShape(map.mapDepth(answer as DeribitOrderBook, btc), 'get_order_book: no bid or no ask read'),
      },
    ],
    streams: [
      {
        dataset: 'liquidations',
        endpoint: `public/subscribe ${liquidationChannels[0]} + ${deribitCanaryChannel}`,
        url: (wsUrl) => wsUrl,
        subscriptions: [{ jsonrpc: '2.0', id: 1, method: 'public/subscribe', params: { channels: [liquidationChannels[0], deribitCanaryChannel] } }],
        isData: (message) => {
          const note = message as DeribitNotification;
          return note?.method === 'subscription' && typeof note.params?.channel === 'string' && note.params.channel.startsWith('trades.');
        },
        check: (message) => {
          const trades = (message as DeribitNotification).params?.data;
          expectShape(Array.isArray(trades), `${(message as DeribitNotification).params?.channel}: data is not a list of trades`);
          for (const trade of trades as DeribitTrade[]) map.mapLiquidationTrade(trade);
        },
        canary: deribitCanary,
      },
    ],
  };
}
