import { fixture, reply, VenueRequest, VenueServer } from '../support/venue-server';

/**
 * Loopback routes of the venues' long/short ratio endpoints, answering like each venue: by symbol
 * (or currency), within the time bounds asked, in the venue's order and page size.
 */

function maybeFixture(venue: string, name: string): any | null {
  try {
    return fixture(venue, name);
  } catch {
    return null;
  }
}

const binanceRatioFixtures: Record<string, string> = {
  '/futures/data/globalLongShortAccountRatio': 'global-long-short-account-ratio',
  '/futures/data/topLongShortAccountRatio': 'top-long-short-account-ratio',
  '/futures/data/topLongShortPositionRatio': 'top-long-short-position-ratio',
};

const okxRatioFixtures: Record<string, { name: string; by: 'instId' | 'ccy' }> = {
  '/api/v5/rubik/stat/contracts/long-short-account-ratio-contract': { name: 'long-short-account-ratio-contract', by: 'instId' },
  '/api/v5/rubik/stat/contracts/long-short-account-ratio-contract-top-trader': { name: 'long-short-account-ratio-contract-top-trader', by: 'instId' },
  '/api/v5/rubik/stat/contracts/long-short-position-ratio-contract-top-trader': { name: 'long-short-position-ratio-contract-top-trader', by: 'instId' },
  '/api/v5/rubik/stat/contracts/long-short-account-ratio': { name: 'long-short-account-ratio', by: 'ccy' },
};

const binancePeriods = new Set(['5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d']);

/** Binance: the FIRST `limit` rows (default 30, max 500) within startTime/endTime, oldest first; a bad period is -1130. */
export function serveBinancePositioning(server: VenueServer): void {
  for (const [path, name] of Object.entries(binanceRatioFixtures)) {
    server.route(path, (r: VenueRequest) => {
      if (!binancePeriods.has(r.query.get('period') ?? '')) return reply(400, { code: -1130, msg: "Data sent for parameter 'period' is not valid." });
      const rows: any[] = maybeFixture('binance', `${name}.${r.query.get('symbol')}`) ?? [];
      const start = Number(r.query.get('startTime') ?? 0);
      const end = Number(r.query.get('endTime') ?? Number.MAX_SAFE_INTEGER);
      return rows.filter((row) => Number(row.timestamp) >= start && Number(row.timestamp) <= end).slice(0, Math.min(500, Number(r.query.get('limit') ?? 30)));
    });
  }
}

/** Bybit: category and period required (retCode 10001 otherwise), newest first within startTime/endTime. */
export function serveBybitPositioning(server: VenueServer): void {
  server.route('/v5/market/account-ratio', (r: VenueRequest) => {
    if (r.query.get('category') !== 'linear' || r.query.get('period') !== '5min') return { retCode: 10001, retMsg: 'params error', result: {}, retExtInfo: {}, time: 1718010000000 };
    const page = maybeFixture('bybit', `account-ratio.${r.query.get('symbol')}`) ?? { retCode: 0, retMsg: 'OK', result: { list: [], nextPageCursor: '' }, retExtInfo: {}, time: 1718010000000 };
    const start = Number(r.query.get('startTime') ?? 0);
    const end = Number(r.query.get('endTime') ?? Number.MAX_SAFE_INTEGER);
    page.result.list = page.result.list.filter((row: any) => Number(row.timestamp) >= start && Number(row.timestamp) <= end).slice(0, Number(r.query.get('limit') ?? 50));
    return page;
  });
}

/** OKX rubik: rows [ts, ratio] newest first, ts > begin and ts < end, at most `limit` (100). */
export function serveOkxPositioning(server: VenueServer): void {
  for (const [path, { name, by }] of Object.entries(okxRatioFixtures)) {
    server.route(path, (r: VenueRequest) => {
      const id = r.query.get(by);
      if (!id) return { code: '50014', msg: `Parameter ${by} can not be empty`, data: [] };
      const rows: string[][] = maybeFixture('okx', `${name}.${id}`)?.data ?? [];
      const begin = Number(r.query.get('begin') ?? 0);
      const end = Number(r.query.get('end') ?? Number.MAX_SAFE_INTEGER);
      const limit = Math.min(100, Number(r.query.get('limit') ?? 100));
      return { code: '0', msg: '', data: rows.filter(([ts]) => Number(ts) > begin && Number(ts) < end).slice(0, limit) };
    });
  }
}

export function servePositioning(server: VenueServer): void {
  serveBinancePositioning(server);
  serveBybitPositioning(server);
  serveOkxPositioning(server);
}
