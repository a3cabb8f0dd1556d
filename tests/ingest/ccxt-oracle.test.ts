import { pro } from 'ccxt';
import { depthBands } from '../../src/ingest/depth';
import { liquidationRow } from '../../src/ingest/liquidation-stream';
import * as binance from '../../src/ingest/sources/binance/map';
import * as binanceSpot from '../../src/ingest/sources/binance-spot/map';
import * as coinbase from '../../src/ingest/sources/coinbase/map';
import { liquidationStreamPath } from '../../src/ingest/sources/binance/index';
import * as bybit from '../../src/ingest/sources/bybit/map';
import * as deribit from '../../src/ingest/sources/deribit/map';
import * as hyperliquid from '../../src/ingest/sources/hyperliquid/map';
import * as okx from '../../src/ingest/sources/okx/map';
import { ccxtLevelsInCoins, closeTo, knownInstruments, offline, trackedAssets } from '../support/ccxt-offline';
import { fixture } from '../support/venue-server';

/**
 * ccxt (4.5.84, a devDependency) is the independent parser: it reads the same raw fixture
 * payloads with its own market model and parsers, its markets loaded from the same fixtures and
 * every network call failing the test (tests/support/ccxt-offline.ts). Cascade's mapping must
 * agree with it on side, price, amount, USD notional, open interest and funding — to 1e-9
 * relative unless stated — or the test names the documented reason the two differ.
 */
const minute = 60_000;

describe('ccxt oracle: binance (binanceusdm)', () => {
  const info = fixture('binance', 'exchange-info');
  const premium = fixture<any[]>('binance', 'premium-index');
  const ex = offline(new pro.binanceusdm(), (url) => {
    const symbol = url.searchParams.get('symbol');
    switch (url.pathname) {
      case '/fapi/v1/exchangeInfo': return info;
      case '/fapi/v1/premiumIndex': return premium.find((row) => row.symbol === symbol);
      case '/fapi/v1/openInterest': return fixture('binance', `open-interest.${symbol}`);
      case '/futures/data/openInterestHist': return fixture('binance', `open-interest-hist.${symbol}`);
      case '/fapi/v1/fundingRate': return fixture('binance', `funding-rate.${symbol}`);
      case '/fapi/v1/depth': return fixture('binance', `depth.${symbol}`);
    }
  });
  const instruments = knownInstruments(binance.mapInstruments(info, fixture('binance', 'funding-info'), trackedAssets));
  beforeAll(() => ex.loadMarkets());

  it('reads the same contracts: 1 coin each, the same expiries', () => {
    for (const [symbol, instrument] of instruments) {
      const market = ex.markets_by_id![symbol][0];
      expect({ symbol, contractSize: market.contractSize, linear: market.linear, expiry: market.expiry ?? null }).toEqual({ symbol, contractSize: instrument.contractSize, linear: true, expiry: instrument.expiresAt?.getTime() ?? null });
    }
  });

  it('subscribes force orders on the /market route ccxt also uses since the 2026-04-23 routing change', () => {
    const ccxtRoute = ex.getWsUrl('future', ex.getFutureWsCategory('forceOrder'));
    expect(ccxtRoute).toBe('wss://fstream.binance.com/market/ws');
    expect(`wss://fstream.binance.com${liquidationStreamPath}`).toBe(`${ccxtRoute}/!forceOrder@arr`);
  });

  it('a forced SELL (ccxt side "sell", the order side) is a LONG liquidation of the same coins, price and notional', () => {
    const events = fixture<any[]>('binance', 'force-order').filter((event) => instruments.has(event.o.s));
    expect(events.length).toBeGreaterThan(2);
    for (const event of events) {
      const market = ex.market(ex.markets_by_id![event.o.s][0].symbol);
      const theirs = ex.parseWsLiquidation(event.o, market);
      const ours = liquidationRow(instruments.get(event.o.s)!, binance.mapForceOrder(event)!)!;
      expect(ours.side).toBe(theirs.side === 'sell' ? 'LONG' : 'SHORT');
      expect(ours.price).toBe(theirs.price);
      expect(closeTo(ours.quantity, theirs.contracts! * market.contractSize!)).toBe(true);
      // ccxt leaves quoteValue unset on this stream: its notional is contracts × contract size × price.
      expect(closeTo(ours.notional_usd, theirs.contracts! * market.contractSize! * theirs.price!)).toBe(true);
      expect(ours.occurred_at.getTime()).toBe(theirs.timestamp);
    }
  });

  it('on a partly filled force order Cascade counts the accumulated fill z, ccxt the last fill l (docs: z "Order Filled Accumulated Quantity")', () => {
    const [event] = fixture<any[]>('binance', 'force-order');
    const partly = { ...event, o: { ...event.o, X: 'PARTIALLY_FILLED', q: '0.250', l: '0.050', z: '0.200' } };
    const theirs = ex.parseWsLiquidation(partly.o, ex.market('BTC/USDT:USDT'));
    const ours = binance.mapForceOrder(partly)!;
    expect({ cascade: ours.size, ccxt: theirs.contracts }).toEqual({ cascade: 0.2, ccxt: 0.05 });
  });

  it('current open interest: the same coins; USD is those coins × the mark ccxt reads from premiumIndex', async () => {
    const theirs = await ex.fetchOpenInterest('BTC/USDT:USDT');
    const mark = (await ex.fetchFundingRate('BTC/USDT:USDT')).markPrice!;
    const ours = binance.mapOpenInterest(fixture('binance', 'open-interest.BTCUSDT'), mark, instruments.get('BTCUSDT')!);
    expect(ours.open_interest_contracts).toBe(theirs.openInterestAmount);
    expect(closeTo(ours.open_interest_usd, theirs.openInterestAmount! * mark)).toBe(true);
  });

  it('open-interest history: the same coins and the same USDT value at each 5-minute stamp', async () => {
    const theirs = await ex.fetchOpenInterestHistory('BTC/USDT:USDT', '5m');
    const ours = binance.mapOpenInterestHist(fixture('binance', 'open-interest-hist.BTCUSDT'), instruments.get('BTCUSDT')!);
    expect(ours.map((r) => [r.at.getTime(), r.open_interest_contracts, r.open_interest_usd])).toEqual(theirs.map((r) => [r.timestamp, r.openInterestAmount, r.openInterestValue]));
  });

  it('funding: the accruing rate at the next settlement, and each settled rate at its settlement (Cascade rounds the ms jitter to the hour)', async () => {
    const current = await ex.fetchFundingRate('BTC/USDT:USDT');
    const ours = binance.mapCurrentFunding(premium[0], instruments.get('BTCUSDT')!)!;
    expect([ours.rate, ours.at.getTime()]).toEqual([current.fundingRate, current.fundingTimestamp]);
    const history = await ex.fetchFundingRateHistory('BTC/USDT:USDT');
    const settled = binance.mapFundingHistory(fixture('binance', 'funding-rate.BTCUSDT'), instruments.get('BTCUSDT')!);
    expect(settled.map((r) => r.rate)).toEqual(history.map((r) => r.fundingRate));
    settled.forEach((row, i) => expect(Math.abs(row.at.getTime() - history[i].timestamp!)).toBeLessThan(minute));
  });

  it('depth: the same mid and ±1 %/±2 % USD bands from ccxt\'s parsed book (coins per level)', async () => {
    const book = await ex.fetchOrderBook('BTC/USDT:USDT', 1000);
    const bands = depthBands(ccxtLevelsInCoins(book.bids, (a) => a), ccxtLevelsInCoins(book.asks, (a) => a))!;
    const ours = binance.mapDepth(fixture('binance', 'depth.BTCUSDT'), instruments.get('BTCUSDT')!)!;
    expect([ours.mid_price, ours.bid_usd_1pct, ours.ask_usd_1pct, ours.bid_usd_2pct, ours.ask_usd_2pct]).toEqual([bands.midPrice, bands.bidUsd1pct, bands.askUsd1pct, bands.bidUsd2pct, bands.askUsd2pct]);
  });
});

describe('ccxt oracle: bybit', () => {
  const tickers = fixture('bybit', 'tickers').result.list as any[];
  const envelope = (result: unknown) => ({ retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: 1718010000000 });
  const ex = offline(new pro.bybit({ options: { fetchMarkets: { types: ['linear'] } } }), (url) => {
    const symbol = url.searchParams.get('symbol');
    switch (url.pathname) {
      case '/v5/market/instruments-info': return fixture('bybit', url.searchParams.get('cursor') ? 'instruments-info.page2' : 'instruments-info.page1');
      case '/v5/market/tickers': return envelope({ category: 'linear', list: tickers.filter((t) => !symbol || t.symbol === symbol) });
      case '/v5/market/open-interest': return fixture('bybit', `open-interest.${symbol}`);
      case '/v5/market/funding/history': return fixture('bybit', `funding-history.${symbol}`);
      case '/v5/market/orderbook': return fixture('bybit', `orderbook.${symbol}`);
    }
  });
  const list = [...fixture('bybit', 'instruments-info.page1').result.list, ...fixture('bybit', 'instruments-info.page2').result.list];
  const instruments = knownInstruments(bybit.mapInstruments(list, trackedAssets));
  const btc = () => instruments.get('BTCUSDT')!;
  beforeAll(() => ex.loadMarkets());

  it('reads the same linear contracts of 1 coin', () => {
    for (const [symbol, instrument] of instruments) {
      const market = ex.markets_by_id![symbol][0];
      expect({ symbol, contractSize: market.contractSize, linear: market.linear }).toEqual({ symbol, contractSize: instrument.contractSize, linear: true });
    }
  });

  it('allLiquidation "Buy" (ccxt side "buy", passed through) is a LONG liquidation: Bybit documents S as the position side', () => {
    const messages = fixture<any[]>('bybit', 'all-liquidation');
    let compared = 0;
    for (const message of messages) {
      const ours = bybit.mapAllLiquidation(message);
      const theirs = (message.data as any[]).filter((item) => Number(item.v) > 0).map((item) => ex.parseWsLiquidation(item, ex.market(ex.markets_by_id![item.s][0].symbol)));
      expect(ours.length).toBe(theirs.length);
      ours.forEach((event, i) => {
        const row = liquidationRow(instruments.get(event.symbol)!, event)!;
        // ccxt's liquidation leaves contractSize unset on this stream: take it from its market.
        const ccxtCoins = theirs[i].contracts! * ex.market(theirs[i].symbol).contractSize!;
        expect([row.side, row.price, row.occurred_at.getTime()]).toEqual([theirs[i].side === 'buy' ? 'LONG' : 'SHORT', theirs[i].price, theirs[i].timestamp]);
        expect(closeTo(row.quantity, ccxtCoins) && closeTo(row.notional_usd, ccxtCoins * theirs[i].price!)).toBe(true);
        compared += 1;
      });
    }
    expect(compared).toBe(3);
  });

  it('open interest: ccxt reports Bybit\'s raw openInterest (documented as both sides); Cascade stores one side — singleOpenInterest, else half', async () => {
    const theirs = await ex.fetchOpenInterestHistory('BTC/USDT:USDT', '5m');
    const points = fixture('bybit', 'open-interest.BTCUSDT').result.list as any[];
    const { rows } = bybit.mapOpenInterestHistory(points, fixture('bybit', 'mark-price-kline.BTCUSDT').result.list, btc());
    const ours = [...rows].sort((a, b) => a.at.getTime() - b.at.getTime());
    expect(ours.map((r) => r.at.getTime())).toEqual(theirs.map((r) => r.timestamp));
    ours.forEach((row, i) => {
      const single = theirs[i].info.singleOpenInterest;
      expect(closeTo(row.open_interest_contracts, single !== undefined ? Number(single) : theirs[i].openInterestAmount! / 2)).toBe(true);
      expect(closeTo(row.open_interest_contracts, theirs[i].openInterestAmount! / 2, 1e-6)).toBe(true);
    });
  });

  it('funding: the same accruing rate at the same next settlement, mark and index price; the same settled history', async () => {
    const current = await ex.fetchFundingRate('ETH/USDT:USDT');
    const eth = instruments.get('ETHUSDT')!;
    const ticker = tickers.find((t) => t.symbol === 'ETHUSDT');
    const ours = bybit.mapCurrentFunding(ticker, eth)!;
    const mark = bybit.mapMarkPrice(ticker, new Date(), eth)!;
    expect([ours.rate, ours.at.getTime(), mark.mark_price, mark.index_price]).toEqual([current.fundingRate, current.fundingTimestamp, current.markPrice, current.indexPrice]);
    const history = await ex.fetchFundingRateHistory('BTC/USDT:USDT');
    const settled = bybit.mapFundingHistory(fixture('bybit', 'funding-history.BTCUSDT').result.list, btc());
    expect(settled.map((r) => [r.at.getTime(), r.rate])).toEqual(history.map((r) => [r.timestamp, r.fundingRate]));
  });

  it('depth: the same mid and USD bands from ccxt\'s parsed book', async () => {
    const book = await ex.fetchOrderBook('BTC/USDT:USDT', 500);
    const bands = depthBands(ccxtLevelsInCoins(book.bids, (a) => a), ccxtLevelsInCoins(book.asks, (a) => a))!;
    const ours = bybit.mapDepth(fixture('bybit', 'orderbook.BTCUSDT').result, btc())!;
    expect([ours.mid_price, ours.bid_usd_1pct, ours.ask_usd_1pct, ours.bid_usd_2pct, ours.ask_usd_2pct]).toEqual([bands.midPrice, bands.bidUsd1pct, bands.askUsd1pct, bands.bidUsd2pct, bands.askUsd2pct]);
  });
});

describe('ccxt oracle: okx', () => {
  const okxEnvelope = (data: unknown) => ({ code: '0', msg: '', data });
  const ex = offline(new pro.okx({ options: { fetchMarkets: { types: ['swap'] } } }), (url) => {
    const instId = url.searchParams.get('instId');
    const only = (payload: any) => okxEnvelope((payload.data as any[]).filter((row) => !instId || row.instId === instId));
    switch (url.pathname) {
      case '/api/v5/public/instruments': return fixture('okx', 'instruments');
      case '/api/v5/public/open-interest': return only(fixture('okx', 'open-interest'));
      case '/api/v5/public/funding-rate': return fixture('okx', `funding-rate.${instId}`);
      case '/api/v5/public/funding-rate-history': return okxEnvelope(fixture('okx', `funding-rate-history.${instId}`));
      case '/api/v5/market/books': return fixture('okx', `books.${instId}`);
    }
  });
  const listed = fixture('okx', 'instruments').data as any[];
  const instruments = knownInstruments(okx.mapInstruments(listed, trackedAssets, new Map()));
  const marks = new Map((fixture('okx', 'mark-price').data as any[]).map((row) => [row.instId, Number(row.markPx)]));
  beforeAll(() => ex.loadMarkets());

  it('reads the same contract sizes where ctMult is 1; on ctMult ≠ 1 Cascade takes ctVal × ctMult, ccxt ctVal alone', () => {
    for (const [symbol, instrument] of instruments) {
      const market = ex.markets_by_id![symbol][0];
      const raw = listed.find((row) => row.instId === symbol);
      const multiplier = Number(raw.ctMult || 1);
      expect({ symbol, contractSize: market.contractSize! * multiplier, inverse: market.inverse }).toEqual({ symbol, contractSize: instrument.contractSize, inverse: instrument.marginType === 'INVERSE' });
    }
  });

  it('liquidation-orders: a forced "sell" (ccxt side, the order side) of a long is LONG; the same contracts → coins, bankruptcy price and notional', () => {
    for (const family of ['BTC-USDT', 'BTC-USD']) {
      const instId = `${family}-SWAP`;
      const details = fixture<any[]>('okx', `liquidation-orders.${family}`);
      // The channel's push groups details under the instrument; ccxt's parser reads one detail a group.
      const ours = okx.mapLiquidations([{ instId, instFamily: family, instType: 'SWAP', uly: family, details } as any]);
      expect(ours.length).toBe(details.length);
      ours.forEach((event, i) => {
        const theirs = ex.parseWsLiquidation({ instId, instFamily: family, instType: 'SWAP', uly: family, details: [details[i]] }, ex.market(ex.markets_by_id![instId][0].symbol));
        const row = liquidationRow(instruments.get(instId)!, event)!;
        const market = ex.market(theirs.symbol);
        const ccxtCoins = market.inverse ? (theirs.contracts! * instruments.get(instId)!.contractSize) / theirs.price! : theirs.contracts! * market.contractSize!;
        expect([row.side, row.price, row.occurred_at.getTime()]).toEqual([theirs.side === 'sell' ? 'LONG' : 'SHORT', theirs.price, theirs.timestamp]);
        expect(closeTo(row.quantity, ccxtCoins) && closeTo(row.notional_usd, ccxtCoins * theirs.price!)).toBe(true);
      });
    }
  });

  it('open interest: the same contracts (ccxt openInterestAmount = oi), coins (oiCcy) and USD (oiUsd, else coins × mark)', async () => {
    for (const symbol of ['BTC/USDT:USDT', 'ETH/USDT:USDT']) {
      const theirs = await ex.fetchOpenInterest(symbol);
      const row = (fixture('okx', 'open-interest').data as any[]).find((r) => r.instId === theirs.info.instId);
      const ours = okx.mapOpenInterest(row, instruments.get(row.instId)!, marks.get(row.instId))!;
      const coins = theirs.baseVolume!;
      const usd = theirs.openInterestValue ?? coins * marks.get(row.instId)!;
      expect([ours.open_interest_contracts, closeTo(ours.open_interest_usd, usd)]).toEqual([theirs.openInterestAmount, true]);
      expect(closeTo(ours.open_interest_contracts! * instruments.get(row.instId)!.contractSize, coins)).toBe(true);
    }
  });

  it('funding: the same accruing rate, settlement and interval; settled rates agree where realizedRate is sent (ccxt reads only realizedRate, Cascade falls back to fundingRate)', async () => {
    const current = await ex.fetchFundingRate('ETH/USDT:USDT');
    const raw = fixture('okx', 'funding-rate.ETH-USDT-SWAP').data[0];
    const ours = okx.mapCurrentFunding(raw, instruments.get('ETH-USDT-SWAP')!)!;
    expect([ours.rate, ours.at.getTime(), `${okx.fundingIntervalHours(raw)}h`]).toEqual([current.fundingRate, current.fundingTimestamp, current.interval]);
    const history = await ex.fetchFundingRateHistory('BTC/USDT:USDT');
    const settled = okx.mapFundingHistory(fixture('okx', 'funding-rate-history.BTC-USDT-SWAP'), instruments.get('BTC-USDT-SWAP')!).sort((a, b) => a.at.getTime() - b.at.getTime());
    expect(settled.map((r) => r.at.getTime())).toEqual(history.map((r) => r.timestamp));
    settled.forEach((row, i) => expect(row.rate).toBe(history[i].fundingRate ?? Number(history[i].info.fundingRate)));
    expect(history.filter((r) => r.fundingRate === undefined).length).toBe(1);
  });

  it('depth: ccxt\'s book is in contracts; times the contract size it gives the same mid and USD bands', async () => {
    const book = await ex.fetchOrderBook('BTC/USDT:USDT', 400);
    const size = ex.market('BTC/USDT:USDT').contractSize!;
    const bands = depthBands(ccxtLevelsInCoins(book.bids, (a) => a * size), ccxtLevelsInCoins(book.asks, (a) => a * size))!;
    const ours = okx.mapDepth(fixture('okx', 'books.BTC-USDT-SWAP').data[0], instruments.get('BTC-USDT-SWAP')!)!;
    expect([ours.mid_price, ours.bid_usd_1pct, ours.ask_usd_1pct, ours.bid_usd_2pct, ours.ask_usd_2pct].map((v) => v && Number(v.toPrecision(12)))).toEqual([bands.midPrice, bands.bidUsd1pct, bands.askUsd1pct, bands.bidUsd2pct, bands.askUsd2pct].map((v) => v && Number(v.toPrecision(12))));
  });
});

describe('ccxt oracle: deribit', () => {
  const rpc = (result: unknown) => ({ jsonrpc: '2.0', result, usIn: 1718009999000000, usOut: 1718009999000500, usDiff: 500, testnet: false });
  const summaries = ['BTC', 'ETH', 'USDC'].flatMap((currency) => fixture<any[]>('deribit', `book-summary.${currency}`));
  const listed = ['BTC', 'ETH', 'USDC'].flatMap((currency) => fixture<any[]>('deribit', `instruments.${currency}`));
  const ex = offline(new pro.deribit(), (url) => {
    const name = url.searchParams.get('instrument_name');
    switch (url.pathname) {
      case '/api/v2/public/get_instruments': return rpc(listed);
      case '/api/v2/public/get_book_summary_by_instrument': return rpc(summaries.filter((s) => s.instrument_name === name));
      case '/api/v2/public/get_funding_rate_history': return rpc(fixture('deribit', `funding-rate-history.${name}`));
      case '/api/v2/public/get_order_book': return rpc(fixture('deribit', `order-book.${name}`));
    }
  });
  const instruments = knownInstruments(deribit.mapInstruments(listed, trackedAssets));
  beforeAll(() => ex.loadMarkets());

  it('reads the same contract sizes and margin (inverse USD contracts, linear USDC coins)', () => {
    for (const [symbol, instrument] of instruments) {
      const market = ex.markets_by_id![symbol][0];
      expect({ symbol, contractSize: market.contractSize, inverse: market.inverse }).toEqual({ symbol, contractSize: instrument.contractSize, inverse: instrument.marginType === 'INVERSE' });
    }
  });

  it('trades flagged liquidation: ccxt parses the same price, amount and time; the liquidated side comes from the flag, which ccxt does not read', () => {
    const trades = fixture<any[]>('deribit', 'trades.future.notifications').flatMap((note) => note.params?.data ?? [])
      // Trades of instruments Cascade does not track are dropped by the connector too.
      .filter((t) => t.liquidation && instruments.has(t.instrument_name));
    expect(trades.length).toBeGreaterThan(2);
    for (const trade of trades) {
      const theirs = ex.parseTrade(trade, ex.market(ex.markets_by_id![trade.instrument_name][0].symbol));
      for (const event of deribit.mapLiquidationTrade(trade)) {
        const instrument = instruments.get(trade.instrument_name)!;
        const row = liquidationRow(instrument, event)!;
        // ccxt's trade amount is Deribit's `amount` as sent: USD on inverse, coins on linear.
        const deribitAmount = theirs.amount!;
        const coins = instrument.marginType === 'INVERSE' ? deribitAmount / theirs.price! : deribitAmount;
        expect([row.price, row.occurred_at.getTime(), closeTo(row.quantity, coins)]).toEqual([theirs.price, theirs.timestamp, true]);
        // The taker's own position is the liquidated one on "T": a taker sell closes a long.
        if (event.eventKey.endsWith(':T')) expect(row.side).toBe(theirs.side === 'sell' ? 'LONG' : 'SHORT');
        else expect(row.side).toBe(theirs.side === 'sell' ? 'SHORT' : 'LONG');
      }
    }
  });

  it('open interest: inverse is USD for both; on the linear USDC perpetual ccxt calls open_interest a USD value, Cascade (and the docs: linear amounts are coins) coins × mark', async () => {
    const inverse = await ex.fetchOpenInterest('BTC/USD:BTC');
    const ours = deribit.mapOpenInterest(summaries.find((s) => s.instrument_name === 'BTC-PERPETUAL'), instruments.get('BTC-PERPETUAL')!)!;
    expect(ours.open_interest_usd).toBe(inverse.openInterestValue);
    const linear = await ex.fetchOpenInterest('BTC/USDC:USDC');
    const summary = summaries.find((s) => s.instrument_name === 'BTC_USDC-PERPETUAL');
    const oursLinear = deribit.mapOpenInterest(summary, instruments.get('BTC_USDC-PERPETUAL')!)!;
    expect({ ccxtValue: linear.openInterestValue, ccxtAmount: linear.openInterestAmount }).toEqual({ ccxtValue: summary.open_interest, ccxtAmount: undefined });
    expect(closeTo(oursLinear.open_interest_usd, summary.open_interest * summary.mark_price)).toBe(true);
  });

  it('funding history: the same hourly stamps; ccxt reports interest_8h as the rate, Cascade interest_1h over a 1-hour interval', async () => {
    const rows = fixture<any[]>('deribit', 'funding-rate-history.BTC-PERPETUAL');
    const history = await ex.fetchFundingRateHistory('BTC/USD:BTC', rows[0].timestamp);
    const ours = deribit.mapFundingHistory(rows, instruments.get('BTC-PERPETUAL')!);
    expect(ours.map((r) => r.at.getTime())).toEqual(history.map((r) => r.timestamp));
    expect(history.map((r) => r.fundingRate)).toEqual(rows.map((r) => r.interest_8h));
    expect(ours.map((r) => [r.rate, r.interval_hours])).toEqual(rows.map((r) => [r.interest_1h, 1]));
  });

  it('depth: ccxt\'s book amounts are Deribit\'s (USD on inverse); ÷ price they give the same mid and USD bands', async () => {
    const book = await ex.fetchOrderBook('BTC/USD:BTC');
    const bands = depthBands(ccxtLevelsInCoins(book.bids, (a, p) => a / p), ccxtLevelsInCoins(book.asks, (a, p) => a / p))!;
    const ours = deribit.mapDepth(fixture('deribit', 'order-book.BTC-PERPETUAL'), instruments.get('BTC-PERPETUAL')!)!;
    expect([ours.mid_price, ours.bid_usd_1pct, ours.ask_usd_1pct, ours.bid_usd_2pct, ours.ask_usd_2pct]).toEqual([bands.midPrice, bands.bidUsd1pct, bands.askUsd1pct, bands.bidUsd2pct, bands.askUsd2pct]);
  });
});

describe('ccxt oracle: hyperliquid', () => {
  const metaAndCtxs = fixture('hyperliquid', 'meta-and-asset-ctxs');
  const ex = offline(new pro.hyperliquid({ options: { fetchMarkets: { types: ['swap'] } } }), (_url, body) => {
    switch (body?.type) {
      case 'metaAndAssetCtxs': return metaAndCtxs;
      case 'fundingHistory': return fixture('hyperliquid', `funding-history.${body.coin}`);
      case 'l2Book': return fixture('hyperliquid', `l2-book.${body.coin}`);
    }
  });
  const pairs = hyperliquid.pairUniverse(metaAndCtxs);
  const instruments = knownInstruments(hyperliquid.mapInstruments(pairs, trackedAssets));
  const ctxOf = (coin: string) => pairs.find((p) => p.entry.name === coin)!.ctx;
  beforeAll(() => ex.loadMarkets());

  it('has no liquidation parser in ccxt either: Hyperliquid\'s public API has no market-wide liquidation feed', () => {
    expect((ex as any).parseWsLiquidation).toBeUndefined();
  });

  it('open interest: the same coins as reported (not halved: ccxt reads the raw openInterest too); USD = coins × markPx', async () => {
    const theirs = await ex.fetchOpenInterests(['BTC/USDC:USDC', 'ETH/USDC:USDC']);
    for (const coin of ['BTC', 'ETH']) {
      const ours = hyperliquid.mapOpenInterest(ctxOf(coin), instruments.get(coin)!, new Date());
      const amount = theirs[`${coin}/USDC:USDC`].openInterestAmount!;
      expect([ours.open_interest_contracts, closeTo(ours.open_interest_usd, amount * Number(ctxOf(coin).markPx))]).toEqual([amount, true]);
    }
  });

  it('funding: the same hourly accruing rate and the same settled history (Cascade rounds the ms past the hour)', async () => {
    const current = (await ex.fetchFundingRates(['BTC/USDC:USDC']))['BTC/USDC:USDC'];
    const ours = hyperliquid.mapCurrentFunding(ctxOf('BTC'), instruments.get('BTC')!, new Date());
    expect([ours.rate, `${ours.interval_hours}h`]).toEqual([current.fundingRate, current.interval]);
    const rows = fixture<any[]>('hyperliquid', 'funding-history.BTC');
    const history = await ex.fetchFundingRateHistory('BTC/USDC:USDC', rows[0].time);
    const settled = hyperliquid.mapFundingHistory(rows, instruments.get('BTC')!);
    expect(settled.map((r) => r.rate)).toEqual(history.map((r) => r.fundingRate));
    settled.forEach((row, i) => expect(Math.abs(row.at.getTime() - history[i].timestamp!)).toBeLessThan(minute));
  });

  it('depth: the same levels in coins; ccxt\'s book gives the same mid and USD bands a book of that many levels does', async () => {
    const book = await ex.fetchOrderBook('BTC/USDC:USDC');
    const raw = fixture('hyperliquid', 'l2-book.BTC');
    expect(book.bids.map(([p, s]) => [p, s])).toEqual(raw.levels[0].map((l: any) => [Number(l.px), Number(l.sz)]));
    expect(book.asks.map(([p, s]) => [p, s])).toEqual(raw.levels[1].map((l: any) => [Number(l.px), Number(l.sz)]));
    const bands = depthBands(ccxtLevelsInCoins(book.bids, (a) => a), ccxtLevelsInCoins(book.asks, (a) => a))!;
    const ours = hyperliquid.mapDepth([{ book: raw, nSigFigs: null }], instruments.get('BTC')!)!;
    expect(ours.mid_price).toBe(bands.midPrice);
  });
});

/**
 * Spot candles, the two sides of the Coinbase premium: ccxt's coinbaseexchange and binance (spot)
 * fetchOHLCV build the same candle requests and parse the same fixture payloads. Their markets
 * are set by hand (one spot market each, as ccxt's own market shape): the candle endpoints are
 * what is compared, not the product listings, which Cascade does not read.
 */
describe('ccxt oracle: spot candles (coinbaseexchange, binance spot)', () => {
  const day = 86_400_000;
  const nowMs = Date.UTC(2024, 5, 10, 9, 0, 30);
  const spotMarket = (id: string, base: string, quote: string) => ({ id, symbol: `${base}/${quote}`, base, quote, baseId: base, quoteId: quote, type: 'spot', spot: true, active: true, precision: {}, limits: {} }) as any;
  const cb = offline(new pro.coinbaseexchange(), (url) => {
    const match = /^\/products\/([A-Z]+-[A-Z]+)\/candles$/.exec(url.pathname);
    if (match) return fixture('coinbase', `candles.${match[1]}.${url.searchParams.get('granularity')}`);
  });
  cb.setMarkets([spotMarket('BTC-USD', 'BTC', 'USD'), spotMarket('USDT-USD', 'USDT', 'USD')]);
  const bn = offline(new pro.binance(), (url) => {
    if (url.pathname === '/api/v3/klines' && url.searchParams.get('symbol') === 'BTCUSDT' && url.searchParams.get('interval') === '1d') return fixture('binance-spot', 'klines.BTCUSDT.1d');
  });
  bn.setMarkets([spotMarket('BTCUSDT', 'BTC', 'USDT')]);
  /** ccxt's candles that had closed at `nowMs`, oldest first, as [ms, open, high, low, close, volume]. */
  const closed = (rows: Array<Array<number | undefined>>, periodMs: number) => rows.filter((r) => r[0]! + periodMs <= nowMs).sort((a, b) => a[0]! - b[0]!);

  it('Coinbase BTC-USD days: the same start, open, high, low and close (Coinbase sends low and high first); volume_usd = ccxt volume × close, 0 where the row has none', async () => {
    const theirs = closed(await cb.fetchOHLCV('BTC/USD', '1d', Date.UTC(2024, 5, 8)), day);
    expect(cb.requests).toEqual([expect.stringMatching(/^GET \/products\/BTC-USD\/candles\?granularity=86400/)]);
    const ours = coinbase.mapCandles(fixture('coinbase', 'candles.BTC-USD.86400'), 1, 'D1', day, nowMs).candles;
    expect(ours.map((c) => [c.start.getTime(), c.open, c.high, c.low, c.close])).toEqual(theirs.map((r) => r.slice(0, 5)));
    ours.forEach((c, i) => expect(closeTo(c.volume_usd, (theirs[i][5] ?? 0) * c.close!)).toBe(true));
    expect(theirs.map((r) => r[5] ?? null)).toEqual([null, 9011.2345]);
  });

  it('Coinbase USDT-USD minutes (USD per USDT): the same rows, the two minutes without ticks missing from both', async () => {
    const theirs = closed(await cb.fetchOHLCV('USDT/USD', '1m', Date.UTC(2024, 5, 10, 8), 300), minute);
    const ours = coinbase.mapStablecoinRates(fixture('coinbase', 'candles.USDT-USD.60'), 'USDT', 'M1', minute, nowMs);
    expect(ours).toHaveLength(58);
    expect(ours.map((r) => [r.start.getTime(), r.open, r.high, r.low, r.close])).toEqual(theirs.map((r) => r.slice(0, 5)));
  });

  it('Binance BTCUSDT days: the same start and levels in USDT; ccxt\'s volume is the base volume (element 5), Cascade keeps the quote volume (element 7) the kline also carries', async () => {
    const theirs = closed(await bn.fetchOHLCV('BTC/USDT', '1d', Date.UTC(2024, 5, 8)), day);
    const raw = fixture<any[][]>('binance-spot', 'klines.BTCUSDT.1d');
    const ours = binanceSpot.mapKlines(raw as any, 1, 'D1', day, nowMs);
    expect(ours.map((c) => [c.start.getTime(), c.open, c.high, c.low, c.close])).toEqual(theirs.map((r) => r.slice(0, 5)));
    expect(theirs.map((r) => r[5])).toEqual(raw.slice(0, 2).map((k) => Number(k[5])));
    expect(ours.map((c) => c.volume_usd)).toEqual(raw.slice(0, 2).map((k) => Number(k[7])));
  });
});

describe('ccxt oracle: okx dated futures and index prices (basis)', () => {
  const okxEnvelope = (data: unknown) => ({ code: '0', msg: '', data });
  const ex = offline(new pro.okx({ options: { fetchMarkets: { types: ['swap', 'future'] } } }), (url) => {
    const instType = url.searchParams.get('instType');
    switch (url.pathname) {
      case '/api/v5/public/instruments': return instType === 'FUTURES' ? fixture('okx', 'instruments.futures') : fixture('okx', 'instruments');
      case '/api/v5/public/mark-price': return instType === 'FUTURES' ? fixture('okx', 'mark-price.futures') : fixture('okx', 'mark-price');
    }
  });
  const listed = [...fixture<any>('okx', 'instruments').data, ...fixture<any>('okx', 'instruments.futures').data];
  const instruments = knownInstruments(okx.mapInstruments(listed, trackedAssets, new Map()));
  const indexes = okx.indexPrices([...fixture<any>('okx', 'index-tickers.USD').data, ...fixture<any>('okx', 'index-tickers.USDT').data]);
  beforeAll(() => ex.loadMarkets());

  it('reads FUTURES instruments as the same dated contracts: expiry (expTime), inverse or linear, contract size', () => {
    const dated = [...instruments.values()].filter((i) => i.contractType === 'FUTURE');
    expect(dated.map((i) => i.symbol).sort()).toEqual(['BTC-USD-240614', 'BTC-USD-240628', 'BTC-USDT-240628']);
    for (const instrument of dated) {
      const market = ex.markets_by_id![instrument.symbol][0];
      expect({ symbol: instrument.symbol, type: market.type, expiry: market.expiry, inverse: market.inverse, contractSize: market.contractSize })
        .toEqual({ symbol: instrument.symbol, type: 'future', expiry: instrument.expiresAt!.getTime(), inverse: instrument.marginType === 'INVERSE', contractSize: instrument.contractSize });
    }
  });

  it('fetchMarkPrices (swap and future): the same mark price and time for every tracked contract', async () => {
    const theirs = { ...(await ex.fetchMarkPrices(undefined, { type: 'swap' })), ...(await ex.fetchMarkPrices(undefined, { type: 'future' })) };
    const raw = [...fixture<any>('okx', 'mark-price').data, ...fixture<any>('okx', 'mark-price.futures').data].filter((row) => instruments.has(row.instId));
    expect(raw.length).toBe(6);
    for (const row of raw) {
      const ours = okx.mapMarkPrice(row, instruments.get(row.instId)!, indexes);
      const ticker = theirs[ex.markets_by_id![row.instId][0].symbol];
      expect([row.instId, ours.mark_price, ours.at.getTime()]).toEqual([row.instId, ticker.markPrice, ticker.timestamp]);
    }
  });

  it('index-tickers: ccxt\'s ticker indexPrice (idxPx) is the index Cascade stores beside each contract of the family', () => {
    for (const quote of ['USD', 'USDT']) {
      for (const row of fixture<any>('okx', `index-tickers.${quote}`).data) {
        const theirs = ex.parseTicker(row);
        expect([row.instId, indexes.get(row.instId), theirs.timestamp]).toEqual([row.instId, theirs.indexPrice, Number(row.ts)]);
      }
    }
    // Each contract is marked against its family's index: BTC-USD-240628 and BTC-USD-SWAP against BTC-USD.
    const mark = (instId: string) => okx.mapMarkPrice({ instId, markPx: '1', ts: '1718009995000' }, instruments.get(instId)!, indexes).index_price;
    expect([mark('BTC-USD-240628'), mark('BTC-USD-SWAP'), mark('BTC-USDT-240628'), mark('ETH-USDT-SWAP')]).toEqual([67000.5, 67000.5, 66995.2, 3649.1]);
  });
});
