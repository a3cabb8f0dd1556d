import { fixture, VenueRequest, VenueServer } from '../support/venue-server';

function perSymbol(venue: string, name: string): any[] | null {
  try {
    return fixture(venue, name);
  } catch {
    return null;
  }
}

/** Binance: rows of [startTime, endTime] (both inclusive), at most `limit`, ascending. */
function binanceRange<T>(rows: T[], r: VenueRequest, stamp: (row: T) => number): T[] {
  const start = Number(r.query.get('startTime') ?? 0);
  const end = Number(r.query.get('endTime') ?? Number.MAX_SAFE_INTEGER);
  return rows.filter((row) => stamp(row) >= start && stamp(row) <= end).slice(0, Number(r.query.get('limit') ?? 30));
}

/** Binance's takerlongshortRatio with its 5m klines, and OKX's taker-volume-contract, as the venues answer them. */
export function serveTakerVolume(venue: VenueServer): void {
  venue
    .route('/futures/data/takerlongshortRatio', (r) => {
      if (r.query.get('period') !== '5m') return [];
      return binanceRange(perSymbol('binance', `taker-long-short-ratio.${r.query.get('symbol')}`) ?? [], r, (row: any) => Number(row.timestamp));
    })
    .route('/fapi/v1/klines', (r) => {
      if (r.query.get('interval') !== '5m') return [];
      return binanceRange(perSymbol('binance', `klines.${r.query.get('symbol')}.5m`) ?? [], r, (row: any) => row[0]);
    })
    .route('/api/v5/rubik/stat/taker-volume-contract', (r) => {
      const file = perSymbol('okx', `taker-volume-contract.${r.query.get('instId')}`) as any;
      if (!file) return { code: '51001', msg: 'Instrument ID does not exist', data: [] };
      // "end: records earlier than ts; begin: records newer than ts", newest first, at most `limit`.
      const begin = Number(r.query.get('begin') ?? 0);
      const end = Number(r.query.get('end') ?? Number.MAX_SAFE_INTEGER);
      const rows = (file.data as string[][]).filter((row) => Number(row[0]) > begin && Number(row[0]) < end);
      return { ...file, data: rows.slice(0, Number(r.query.get('limit') ?? 100)) };
    });
}
