import { fixture, reply, textFixture, textReply, VenueRequest, VenueServer } from '../support/venue-server';

/**
 * Loopback routes of the sources added after Binance and Bybit (those live in venues.ts),
 * answering like each venue: by symbol, within the time bounds asked, in the venue's order
 * and page size.
 */

function maybeFixture(venue: string, name: string): any | null {
  try {
    return fixture(venue, name);
  } catch {
    return null;
  }
}

const okxEnvelope = (data: unknown[]) => ({ code: '0', msg: '', data });

/** Rows newest first, older than `after` (ms) when given, at most `pageSize`. */
export function okxPage<T>(rows: T[], request: VenueRequest, stamp: (row: T) => number, pageSize: number): T[] {
  const after = request.query.get('after');
  const limit = Math.min(Number(request.query.get('limit') ?? 100), pageSize);
  return rows
    .filter((row) => after === null || stamp(row) < Number(after))
    .sort((a, b) => stamp(b) - stamp(a))
    .slice(0, limit);
}

/** A listing asked per instType: the SWAP fixture, `<name>.futures` for FUTURES, nothing for other types. */
const byInstType = (r: VenueRequest, name: string) => {
  const instType = r.query.get('instType');
  return instType === 'SWAP' ? fixture('okx', name) : instType === 'FUTURES' ? fixture('okx', `${name}.futures`) : okxEnvelope([]);
};

/** OKX v5: string envelopes, `after` paging; liquidation pages hold 2 events so paging is exercised. */
export function serveOkx(server: VenueServer): void {
  server
    .route('/api/v5/public/instruments', (r) => byInstType(r, 'instruments'))
    .route('/api/v5/public/open-interest', fixture('okx', 'open-interest'))
    .route('/api/v5/public/mark-price', (r) => byInstType(r, 'mark-price'))
    // An index-tickers call needs instId or quoteCcy (OKX 50014 "parameter can not be empty" otherwise).
    .route('/api/v5/market/index-tickers', (r) => maybeFixture('okx', `index-tickers.${r.query.get('quoteCcy')}`) ?? (r.query.get('quoteCcy') ? okxEnvelope([]) : { code: '50014', msg: 'Parameter quoteCcy can not be empty', data: [] }))
    .route('/api/v5/public/funding-rate', (r) => maybeFixture('okx', `funding-rate.${r.query.get('instId')}`) ?? { code: '51001', msg: 'Instrument ID does not exist', data: [] })
    .route('/api/v5/public/funding-rate-history', (r) => {
      const rows = maybeFixture('okx', `funding-rate-history.${r.query.get('instId')}`) ?? [];
      return okxEnvelope(okxPage(rows, r, (row: any) => Number(row.fundingTime), 100));
    })
    .route('/api/v5/market/books', (r) => maybeFixture('okx', `books.${r.query.get('instId')}`) ?? fixture('okx', 'books.empty'))
    .route('/api/v5/public/liquidation-orders', (r) => {
      const family = r.query.get('instFamily');
      if (!family || r.query.get('state') !== 'filled') return { code: '50015', msg: 'Either parameter uly or instFamily is required', data: [] };
      const details = okxPage(maybeFixture('okx', `liquidation-orders.${family}`) ?? [], r, (d: any) => Number(d.ts), 2);
      return okxEnvelope(details.length ? [{ instType: 'SWAP', instId: `${family}-SWAP`, instFamily: family, uly: family, totalLoss: '0', details }] : []);
    });
}

/**
 * OKX's public WebSocket, on its route only (`/ws/v5/public`): each subscribe is acknowledged
 * with an `event: "subscribe"` per arg, and the text "ping" is answered with the text "pong".
 */
export function serveOkxPublicStream(server: VenueServer): void {
  server.wsRoutes = new Set(['/ws/v5/public']);
  server.onClientMessage = (connection, message) => {
    if (message === 'ping') connection.socket.send('pong');
    if (message?.op === 'subscribe') {
      for (const arg of message.args ?? []) connection.socket.send(JSON.stringify({ event: 'subscribe', arg, connId: 'a4d3ae55' }));
    }
  };
}

/** Hyperliquid: one POST /info route dispatching on the body's `type`. */
export function serveHyperliquid(server: VenueServer): void {
  server.route('/info', (r) => {
    const body = r.body as { type?: string; coin?: string; startTime?: number; endTime?: number };
    switch (body?.type) {
      case 'metaAndAssetCtxs':
        return fixture('hyperliquid', 'meta-and-asset-ctxs');
      case 'fundingHistory': {
        const rows: any[] = maybeFixture('hyperliquid', `funding-history.${body.coin}`) ?? [];
        const end = body.endTime ?? Number.MAX_SAFE_INTEGER;
        // Pages of 500 oldest first, as the venue caps them.
        return rows.filter((row) => row.time >= (body.startTime ?? 0) && row.time <= end).slice(0, 500);
      }
      case 'l2Book':
        return maybeFixture('hyperliquid', `l2-book.${body.coin}`);
      default:
        return reply(422, 'Failed to deserialize the JSON body into the target type');
    }
  });
}

const deribitEnvelope = (result: unknown) => ({ jsonrpc: '2.0', result, usIn: 1718009999000000, usOut: 1718009999000500, usDiff: 500, testnet: false });

/** Deribit: JSON-RPC over GET; an unknown instrument answers HTTP 400 with an `error` member. */
export function serveDeribit(server: VenueServer): void {
  const unknown = () => reply(400, { jsonrpc: '2.0', error: { code: 10020, message: 'instrument_not_found' }, testnet: false });
  server
    .route('/api/v2/public/get_instruments', (r) => deribitEnvelope(maybeFixture('deribit', `instruments.${r.query.get('currency')}`) ?? []))
    .route('/api/v2/public/get_book_summary_by_currency', (r) => deribitEnvelope(maybeFixture('deribit', `book-summary.${r.query.get('currency')}`) ?? []))
    .route('/api/v2/public/get_funding_rate_history', (r) => {
      const rows: any[] | null = maybeFixture('deribit', `funding-rate-history.${r.query.get('instrument_name')}`);
      if (!rows) return unknown();
      const [start, end] = [Number(r.query.get('start_timestamp')), Number(r.query.get('end_timestamp'))];
      return deribitEnvelope(rows.filter((row) => row.timestamp >= start && row.timestamp <= end));
    })
    .route('/api/v2/public/get_index_price', (r) => {
      const index = maybeFixture('deribit', `index-price.${r.query.get('index_name')}`);
      return index ? deribitEnvelope(index) : reply(400, { jsonrpc: '2.0', error: { code: -32602, message: 'Invalid params', data: { param: 'index_name', reason: 'must be one of the supported index names' } }, testnet: false });
    })
    .route('/api/v2/public/get_order_book', (r) => {
      const book = maybeFixture('deribit', `order-book.${r.query.get('instrument_name')}`);
      return book ? deribitEnvelope(book) : deribitEnvelope({ ...fixture<Record<string, unknown>>('deribit', 'order-book.empty'), instrument_name: r.query.get('instrument_name') });
    });
}

/** Spot candles: generated minute and day series, each venue's layout, order and page cap. */
export function serveBinanceSpot(server: VenueServer, klines: (symbol: string, interval: string) => unknown[][] | null): void {
  server.route('/api/v3/klines', (r) => {
    const rows = klines(r.query.get('symbol') ?? '', r.query.get('interval') ?? '');
    if (!rows) return reply(400, { code: -1121, msg: 'Invalid symbol.' });
    const [start, end] = [Number(r.query.get('startTime') ?? 0), Number(r.query.get('endTime') ?? Number.MAX_SAFE_INTEGER)];
    return rows.filter((row) => Number(row[0]) >= start && Number(row[0]) <= end).slice(0, Number(r.query.get('limit') ?? 500));
  });
}

export function serveCoinbase(server: VenueServer, candles: (product: string, granularity: number) => unknown[][] | null): void {
  for (const product of ['BTC-USD', 'ETH-USD', 'SOL-USD', 'USDT-USD']) {
    server.route(`/products/${product}/candles`, (r) => {
      const rows = candles(product, Number(r.query.get('granularity')));
      if (!rows) return reply(404, { message: 'NotFound' });
      const [start, end] = [Date.parse(r.query.get('start')!) / 1000, Date.parse(r.query.get('end')!) / 1000];
      if ((end - start) / Number(r.query.get('granularity')) > 300) return reply(400, { message: 'granularity too small for the requested time range' });
      return rows.filter((row) => Number(row[0]) >= start && Number(row[0]) <= end).sort((a, b) => Number(b[0]) - Number(a[0]));
    });
  }
}

/** Farside's public page, from our own HTML fixture. */
export function serveFarside(server: VenueServer, page = 'btc.html'): void {
  server.route('/btc/', () => textReply(textFixture('farside', page)));
}

/** bitcoin-data.com metrics filtered by startday/endday (inclusive). */
export function serveBgeometrics(server: VenueServer): void {
  for (const slug of ['lth-supply', 'sth-supply']) {
    server.route(`/v1/${slug}`, (r) => {
      const [start, end] = [r.query.get('startday') ?? '0000-00-00', r.query.get('endday') ?? '9999-99-99'];
      return (fixture('bgeometrics', slug) as Array<{ d: string }>).filter((row) => row.d >= start && row.d <= end);
    });
  }
}

/** Glassnode metrics; a request without the expected key answers 401 as the API does. */
export function serveGlassnode(server: VenueServer, apiKey: string): void {
  const metrics = ['supply/lth_sum', 'supply/sth_sum', 'distribution/balance_exchanges', 'transactions/transfers_volume_to_exchanges_sum', 'transactions/transfers_volume_from_exchanges_sum'];
  for (const metric of metrics) {
    server.route(`/v1/metrics/${metric}`, (r) => {
      if (r.query.get('api_key') !== apiKey) return reply(401, { message: 'invalid api key' });
      const [since, until] = [Number(r.query.get('s') ?? 0), Number(r.query.get('u') ?? Number.MAX_SAFE_INTEGER)];
      return (fixture('glassnode', metric.replace('/', '.')) as Array<{ t: number }>).filter((point) => point.t >= since && point.t <= until);
    });
  }
}
