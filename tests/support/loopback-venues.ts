import { serveBinance, serveBybit } from '../ingest/venues';
import { serveBgeometrics, serveBinanceSpot, serveCoinbase, serveDeribit, serveFarside, serveHyperliquid, serveOkx } from '../ingest/venue-routes';
import { binanceKlines, coinbaseCandles } from '../ingest/spot-series';
import { eventually, startVenueServer, venueEnv, VenueServer } from './venue-server';
import { serveBinancePositioning, serveBybitPositioning, serveOkxPositioning } from '../ingest/positioning-routes';
import { serveTakerVolume } from '../ingest/taker-volume-routes';

/** Every source a worker schedules or streams, served from the connector tests' fixtures. */
export const venueRoutes: Record<string, (server: VenueServer) => void> = {
  // The long/short ratio and taker-volume endpoints too: a worker runs those datasets on the same venues.
  binance: (server) => (serveBinance(server), serveBinancePositioning(server), serveTakerVolume(server)),
  bybit: (server) => (serveBybit(server), serveBybitPositioning(server)),
  okx: (server) => (serveOkx(server), serveOkxPositioning(server), serveTakerVolume(server)),
  hyperliquid: serveHyperliquid,
  deribit: serveDeribit,
  'binance-spot': (server) => serveBinanceSpot(server, binanceKlines),
  coinbase: (server) => serveCoinbase(server, coinbaseCandles),
  farside: (server) => serveFarside(server),
  bgeometrics: serveBgeometrics,
};

/**
 * One loopback venue server per source, with the environment that points a worker at them, so
 * a worker process under test never reaches a real venue.
 */
export async function startLoopbackVenues(): Promise<{ venues: Record<string, VenueServer>; env: NodeJS.ProcessEnv; stop(): Promise<void> }> {
  const venues: Record<string, VenueServer> = {};
  const env: NodeJS.ProcessEnv = {};
  for (const [slug, serve] of Object.entries(venueRoutes)) {
    venues[slug] = await startVenueServer();
    serve(venues[slug]);
    Object.assign(env, venueEnv(venues[slug], slug));
  }
  return { venues, env, stop: async () => void (await Promise.all(Object.values(venues).map((server) => server.stop()))) };
}

/**
 * A subscription gives no acknowledgement, so a test feeds the worker's Binance stream fresh
 * liquidations (a second apart from 11 June 2024, clear of the fixtures' replayed 10 June) until
 * `delivered` holds; `count.pushed` says how many it took.
 */
export function pushLiquidationsUntil(binance: VenueServer, delivered: () => boolean, count = { pushed: 0 }, timeoutMs = 60_000): Promise<boolean> {
  return eventually(
    () => {
      if (delivered()) return true;
      const at = Date.UTC(2024, 5, 11) + count.pushed * 1000;
      count.pushed += 1;
      binance.push({ e: 'forceOrder', E: at + 4, o: { s: 'BTCUSDT', S: 'SELL', o: 'LIMIT', f: 'IOC', q: '0.010', p: '66000.00', ap: '66000.00', X: 'FILLED', l: '0.010', z: '0.010', T: at } });
      return false;
    },
    timeoutMs,
    400,
  );
}
