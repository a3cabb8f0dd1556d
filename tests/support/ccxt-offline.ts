import { Exchange } from 'ccxt';
import { KnownInstrument, ListedInstrument } from '../../src/ingest/catalog';

/** Answers one ccxt request from our fixtures, or undefined when no fixture serves it. */
export type FixtureRoute = (url: URL, body: Record<string, unknown> | undefined) => unknown;

/**
 * A ccxt exchange that never touches the network: each HTTP request its own code builds is
 * answered by `route` from the fixtures (so its market loading, request building and parsing all
 * run as shipped), and a request no fixture serves throws, failing the test that made it.
 * `requests` lists what was asked, for the test to show.
 */
export function offline<T extends Exchange>(exchange: T, route: FixtureRoute): T & { requests: string[] } {
  const requests: string[] = [];
  exchange.enableRateLimit = false;
  // fetchCurrencies needs private endpoints on some venues and is not what is compared.
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  exchange.fetch = async (url: string, method = 'GET', _headers?: unknown, body?: unknown) => {
    const parsed = new URL(url);
    requests.push(`${method} ${parsed.pathname}${parsed.search}`);
    const answer = route(parsed, typeof body === 'string' && body !== '' ? JSON.parse(body) : undefined);
    if (answer === undefined) throw new Error(`${exchange.id}: the oracle made a network call no fixture serves: ${method} ${url}`);
    // ccxt parses the same JSON text the venue would send.
    return JSON.parse(JSON.stringify(answer));
  };
  return Object.assign(exchange, { requests });
}

/** Cascade's own instrument mapping, numbered as the catalog would store it. */
export function knownInstruments(listed: ListedInstrument[], venueId = 1): Map<string, KnownInstrument> {
  return new Map(listed.map((item, i) => [item.symbol, { ...item, id: i + 1, venueId }]));
}

export const trackedAssets = new Map([
  ['BTC', 1],
  ['ETH', 2],
  ['SOL', 3],
]);

/** |a − b| within `relative` of the larger magnitude (or absolutely, near zero). */
export function closeTo(a: number | null | undefined, b: number | null | undefined, relative = 1e-9): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a === b;
  return Math.abs(a - b) <= relative * Math.max(1, Math.abs(a), Math.abs(b));
}

/** ccxt's parsed book sides as [price, coins] levels, with ccxt's own market model for the unit. */
export function ccxtLevelsInCoins(levels: Array<Array<number | undefined>>, toCoins: (amount: number, price: number) => number): Array<[number, number]> {
  return levels.map(([price, amount]) => [Number(price), toCoins(Number(amount), Number(price))]);
}
