import { pro } from 'ccxt';
import * as binance from '../../src/ingest/sources/binance/map';
import { BinanceKline, BinanceTakerVolume, mapTakerVolume } from '../../src/ingest/sources/binance/taker-volume';
import * as okx from '../../src/ingest/sources/okx/map';
import { mapOkxTakerVolume, OkxTakerVolume, quoteUnit } from '../../src/ingest/sources/okx/taker-volume';
import { closeTo, knownInstruments, offline, trackedAssets } from '../support/ccxt-offline';
import { fixture } from '../support/venue-server';

/**
 * ccxt as the oracle for aggressor flow (issue 19 item 2). ccxt 4.5.84 has NO parser for either
 * taker-volume endpoint: Binance's GET /futures/data/takerlongshortRatio is only the implicit
 * (raw) method `fapiDataGetTakerlongshortRatio`, OKX's GET /api/v5/rubik/stat/taker-volume-contract
 * only `publicGetRubikStatTakerVolumeContract`; neither has a unified fetch* method (a proposed
 * `fetchTakerBuySellVolume`, ccxt PR #28104, is unmerged). So ccxt cannot say what buyVol means.
 * What it can check, and does here, with its own code on the same fixtures:
 * - that both implicit methods exist and call the path Cascade calls, and hand back the same rows;
 * - Binance: its parseOHLCV of the same 5m klines gives the open times Cascade prices each period
 *   at, the base volume Cascade divides by, and a price range the VWAP Cascade uses must lie in;
 * - OKX: its market model says which currency unit=2 ("U") is per swap (USD on inverse, the
 *   linear swap's quote otherwise), the unit Cascade stores.
 */

describe('ccxt oracle: binance taker volume (implicit API only)', () => {
  const ex = offline(new pro.binanceusdm(), (url) => {
    const symbol = url.searchParams.get('symbol');
    switch (url.pathname) {
      case '/fapi/v1/exchangeInfo': return fixture('binance', 'exchange-info');
      case '/futures/data/takerlongshortRatio': return fixture('binance', `taker-long-short-ratio.${symbol}`);
      case '/fapi/v1/klines': return fixture('binance', `klines.${symbol}.5m`);
    }
  });
  const instruments = knownInstruments(binance.mapInstruments(fixture('binance', 'exchange-info'), fixture('binance', 'funding-info'), trackedAssets));
  beforeAll(() => ex.loadMarkets());

  it('has only the raw method, on the path Cascade calls, answering the same rows', async () => {
    expect(typeof (ex as any).fapiDataGetTakerlongshortRatio).toBe('function');
    expect((ex as any).fetchTakerBuySellVolume).toBeUndefined();
    const raw: BinanceTakerVolume[] = await (ex as any).fapiDataGetTakerlongshortRatio({ symbol: 'BTCUSDT', period: '5m' });
    expect(ex.requests.at(-1)).toMatch(/^GET \/futures\/data\/takerlongshortRatio\?symbol=BTCUSDT&period=5m/);
    expect(raw).toEqual(fixture('binance', 'taker-long-short-ratio.BTCUSDT'));
  });

  it("prices each period at a VWAP within ccxt's parsed high–low of the kline opening at the same time, dividing by ccxt's base volume", async () => {
    for (const symbol of ['BTCUSDT', 'ETHUSDT']) {
      const market = ex.market(ex.markets_by_id![symbol][0].symbol);
      const candles = await ex.fetchOHLCV(market.symbol, '5m');
      const klines = fixture<BinanceKline[]>('binance', `klines.${symbol}.5m`);
      const { rows } = mapTakerVolume(fixture('binance', `taker-long-short-ratio.${symbol}`), klines, instruments.get(symbol)!);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const candle = candles.find((c) => c[0] === row.at.getTime());
        expect(candle).toBeDefined();
        const [, , high, low, , volume] = candle!;
        expect(row.usd_price!).toBeGreaterThanOrEqual(low!);
        expect(row.usd_price!).toBeLessThanOrEqual(high!);
        const kline = klines.find((k) => k[0] === row.at.getTime())!;
        expect(closeTo(row.usd_price!, Number(kline[7]) / volume!)).toBe(true);
        // Taker buys and sells are the period's whole volume split by aggressor: never more than ccxt's volume.
        expect(row.buy_published + row.sell_published).toBeLessThanOrEqual(volume! * (1 + 1e-9));
      }
    }
  });
});

describe('ccxt oracle: okx taker volume (implicit API only)', () => {
  const ex = offline(new pro.okx({ options: { fetchMarkets: { types: ['swap'] } } }), (url) => {
    switch (url.pathname) {
      case '/api/v5/public/instruments': return fixture('okx', 'instruments');
      case '/api/v5/rubik/stat/taker-volume-contract': return fixture('okx', `taker-volume-contract.${url.searchParams.get('instId')}`);
    }
  });
  const listed = fixture('okx', 'instruments').data as any[];
  const instruments = knownInstruments(okx.mapInstruments(listed, trackedAssets, new Map()));
  beforeAll(() => ex.loadMarkets());

  it('has only the raw method, on the path Cascade calls, answering the same [ts, sellVol, buyVol] rows', async () => {
    expect(typeof (ex as any).publicGetRubikStatTakerVolumeContract).toBe('function');
    const raw = await (ex as any).publicGetRubikStatTakerVolumeContract({ instId: 'BTC-USDT-SWAP', period: '5m', unit: '2' });
    expect(ex.requests.at(-1)).toMatch(/^GET \/api\/v5\/rubik\/stat\/taker-volume-contract\?instId=BTC-USDT-SWAP&period=5m&unit=2/);
    const ours = mapOkxTakerVolume(raw.data as OkxTakerVolume[], instruments.get('BTC-USDT-SWAP')!, 'USDT');
    expect(ours.map((r) => [String(r.at.getTime()), String(r.sell_published), String(r.buy_published)])).toEqual(
      (raw.data as string[][]).map(([ts, sell, buy]) => [ts, String(Number(sell)), String(Number(buy))]),
    );
  });

  it("stores unit=2 volumes in the currency ccxt's market model gives: USD on inverse swaps, the quote on linear ones", () => {
    for (const [symbol, instrument] of instruments) {
      const market = ex.markets_by_id![symbol][0];
      expect({ symbol, unit: quoteUnit(instrument) }).toEqual({ symbol, unit: market.inverse ? 'USD' : market.quote });
    }
  });
});
