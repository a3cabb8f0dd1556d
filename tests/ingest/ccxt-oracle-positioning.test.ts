import { pro } from 'ccxt';
import { LongShortRatioDefinition } from '../../src/domains/positioning/positioning.definitions';
import * as binance from '../../src/ingest/sources/binance/map';
import { mapBinanceRatios } from '../../src/ingest/sources/binance/positioning';
import * as bybit from '../../src/ingest/sources/bybit/map';
import { mapBybitAccountRatios } from '../../src/ingest/sources/bybit/positioning';
import * as okx from '../../src/ingest/sources/okx/map';
import { mapOkxRatios } from '../../src/ingest/sources/okx/positioning';
import { closeTo, knownInstruments, offline, trackedAssets } from '../support/ccxt-offline';
import { fixture } from '../support/venue-server';

/**
 * The ccxt oracle (tests/ingest/ccxt-oracle.test.ts) on the long/short ratio fixtures: ccxt's
 * fetchLongShortRatioHistory builds its own request and parses the same payload Cascade stores
 * from, offline. ccxt's unified method reads one endpoint per venue (Binance's global account
 * ratio, Bybit's account ratio, OKX's contract account ratio); Binance's two top-trader endpoints
 * are asked through ccxt's implicit API and read by the same ccxt parser. OKX's top-trader and
 * all-contracts endpoints have no ccxt parser: they are compared to nothing here.
 */
const pairs = (rows: Array<{ at: Date; long_short_ratio: number }>) => rows.map((r) => [r.at.getTime(), r.long_short_ratio]).sort((a, b) => a[0] - b[0]);
const theirPairs = (rows: Array<{ timestamp?: number; longShortRatio?: number }>) => rows.map((r) => [r.timestamp!, r.longShortRatio!]).sort((a, b) => a[0] - b[0]);

describe('ccxt oracle: binance long/short ratios', () => {
  const info = fixture('binance', 'exchange-info');
  const files: Record<string, string> = {
    '/futures/data/globalLongShortAccountRatio': 'global-long-short-account-ratio',
    '/futures/data/topLongShortAccountRatio': 'top-long-short-account-ratio',
    '/futures/data/topLongShortPositionRatio': 'top-long-short-position-ratio',
  };
  const ex = offline(new pro.binanceusdm(), (url) => {
    if (url.pathname === '/fapi/v1/exchangeInfo') return info;
    const file = files[url.pathname];
    return file ? fixture('binance', `${file}.${url.searchParams.get('symbol')}`) : undefined;
  });
  const instruments = knownInstruments(binance.mapInstruments(info, fixture('binance', 'funding-info'), trackedAssets));
  beforeAll(() => ex.loadMarkets());

  it('global account ratio: the same ratio at the same stamps (one as a string stamp) as fetchLongShortRatioHistory', async () => {
    const theirs = await ex.fetchLongShortRatioHistory('BTC/USDT:USDT', '5m');
    const ours = mapBinanceRatios(fixture('binance', 'global-long-short-account-ratio.BTCUSDT'), LongShortRatioDefinition.GLOBAL_ACCOUNTS, instruments.get('BTCUSDT')!);
    expect(theirs).toHaveLength(4);
    expect(pairs(ours)).toEqual(theirPairs(theirs));
    expect(ex.requests.some((r) => r.includes('/futures/data/globalLongShortAccountRatio') && r.includes('period=5m'))).toBe(true);
  });

  it.each([
    [LongShortRatioDefinition.TOP_TRADER_ACCOUNTS, 'fapiDataGetTopLongShortAccountRatio', 'top-long-short-account-ratio'],
    [LongShortRatioDefinition.TOP_TRADER_POSITIONS, 'fapiDataGetTopLongShortPositionRatio', 'top-long-short-position-ratio'],
  ])('%s: ccxt’s parser reads the same ratios from the same payload', async (definition, method, file) => {
    const raw = await (ex as any)[method]({ symbol: 'BTCUSDT', period: '5m' });
    const theirs = ex.parseLongShortRatioHistory(raw, ex.market('BTC/USDT:USDT'));
    const ours = mapBinanceRatios(fixture('binance', `${file}.BTCUSDT`), definition, instruments.get('BTCUSDT')!);
    expect(theirs).toHaveLength(4);
    expect(pairs(ours)).toEqual(theirPairs(theirs));
  });
});

describe('ccxt oracle: bybit account ratio', () => {
  const ex = offline(new pro.bybit({ options: { fetchMarkets: { types: ['linear'] } } }), (url) => {
    switch (url.pathname) {
      case '/v5/market/instruments-info': return fixture('bybit', url.searchParams.get('cursor') ? 'instruments-info.page2' : 'instruments-info.page1');
      case '/v5/market/account-ratio': return fixture('bybit', `account-ratio.${url.searchParams.get('symbol')}`);
    }
  });
  const list = [...fixture('bybit', 'instruments-info.page1').result.list, ...fixture('bybit', 'instruments-info.page2').result.list];
  const instruments = knownInstruments(bybit.mapInstruments(list, trackedAssets));
  beforeAll(() => ex.loadMarkets());

  it('buyRatio / sellRatio: Cascade’s stored ratio is ccxt’s longShortRatio (ccxt divides the decimal strings exactly)', async () => {
    const theirs = await ex.fetchLongShortRatioHistory('BTC/USDT:USDT', '5min');
    const ours = mapBybitAccountRatios(fixture('bybit', 'account-ratio.BTCUSDT').result.list, instruments.get('BTCUSDT')!);
    expect(theirs).toHaveLength(4);
    const mine = pairs(ours);
    theirPairs(theirs).forEach(([timestamp, ratio], i) => {
      expect(mine[i][0]).toBe(timestamp);
      expect(closeTo(mine[i][1], ratio)).toBe(true);
    });
    expect(ex.requests.some((r) => r.includes('category=linear') && r.includes('period=5min'))).toBe(true);
  });
});

describe('ccxt oracle: okx contract account ratio', () => {
  const ex = offline(new pro.okx({ options: { fetchMarkets: { types: ['swap'] } } }), (url) => {
    switch (url.pathname) {
      case '/api/v5/public/instruments': return fixture('okx', 'instruments');
      case '/api/v5/rubik/stat/contracts/long-short-account-ratio-contract': return fixture('okx', `long-short-account-ratio-contract.${url.searchParams.get('instId')}`);
    }
  });
  const instruments = knownInstruments(okx.mapInstruments(fixture('okx', 'instruments').data, trackedAssets, new Map()));
  beforeAll(() => ex.loadMarkets());

  it('[ts, ratio] rows: the same ratio at the same stamps as fetchLongShortRatioHistory', async () => {
    const theirs = await ex.fetchLongShortRatioHistory('BTC/USDT:USDT', '5m');
    const btc = instruments.get('BTC-USDT-SWAP')!;
    const ours = mapOkxRatios(fixture('okx', 'long-short-account-ratio-contract.BTC-USDT-SWAP').data, LongShortRatioDefinition.GLOBAL_ACCOUNTS, { assetId: btc.assetId, venueId: btc.venueId, scope: btc.symbol });
    expect(theirs).toHaveLength(4);
    expect(pairs(ours)).toEqual(theirPairs(theirs));
    expect(ex.requests.some((r) => r.includes('instId=BTC-USDT-SWAP'))).toBe(true);
  });
});
