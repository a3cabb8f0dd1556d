import { loadInstruments } from '../../catalog';
import { InstrumentIndex } from '../../instruments';
import { liquidationSink, liquidationStreamHandle } from '../../liquidation-stream';
import { Source, StreamContext, StreamHandle } from '../../source';
import { WsCollector } from '../../ws';
import { hyperliquidVenue } from '../hyperliquid';
import { HydromancerLiquidationFills, hydromancerKeyVariable, hydromancerSocketUrl, liquidationFillsSubscription } from './client';
import { FillPosition, isAfter, lastPosition, mapLiquidationFills } from './map';

export const hydromancerSlug = 'hydromancer';

/**
 * Hyperliquid's liquidations through Hydromancer's `liquidationFills`: without
 * CASCADE_HYDROMANCER_API_KEY the stream is not started and Hyperliquid's liquidations are not
 * collected (the data-source catalog then reports them NOT_COLLECTED).
 */
async function streamLiquidations(ctx: StreamContext): Promise<StreamHandle> {
  const key = ctx.env[hydromancerKeyVariable]?.trim();
  if (!key) throw new Error(`hydromancer: no API key — set ${hydromancerKeyVariable} to collect Hyperliquid liquidations`);
  if (!ctx.endpoints.wsUrl) throw new Error('hydromancer: no WebSocket URL configured');
  // The fills name Hyperliquid coins: they are stored against Hyperliquid's instruments, which
  // the hyperliquid source lists (its instruments dataset); until then there is nothing to map to.
  const known = await loadInstruments(ctx.db, hyperliquidVenue.slug);
  if (known.length === 0) throw new Error('hydromancer: no Hyperliquid instruments stored yet (run the hyperliquid instruments dataset)');
  const sink = liquidationSink(ctx, await new InstrumentIndex(ctx.db, hyperliquidVenue.slug).load(known));
  // Replayed and live fills may overlap: those at or before the last (time, txIndex) are skipped.
  let last: FillPosition | null = null;
  const collector = new WsCollector({
    name: 'hydromancer:liquidations',
    url: hydromancerSocketUrl(ctx.endpoints.wsUrl, key),
    subscriptions: () => [liquidationFillsSubscription],
    heartbeat: ctx.settings.heartbeat,
    reconnect: ctx.settings.reconnect,
    onMessage: (message, send) => {
      const push = message as Partial<Omit<HydromancerLiquidationFills, 'type' | 'channel'>> & { type?: string; channel?: string; message?: string; error?: string };
      const kind = push.type ?? push.channel;
      // The server's keep-alive ping (every 60 s) wants a pong.
      if (kind === 'ping') return send({ type: 'pong' });
      if (kind === 'error') return ctx.log.warn({ source: hydromancerSlug, err: String(push.message ?? push.error ?? 'error') }, 'liquidation stream request refused');
      if (kind !== 'liquidationFills' || !Array.isArray(push.fills)) return;
      const fresh = push.fills.filter(([, fill]) => isAfter(fill, last));
      last = lastPosition(fresh, last);
      const events = mapLiquidationFills(fresh);
      if (events.length > 0) sink.add(events);
    },
    // The URL holds the key: errors name the collector, never the URL.
    onError: (error) => ctx.log.warn({ source: hydromancerSlug, err: error.message.replaceAll(key, '***') }, 'liquidation stream problem'),
  }).start();
  return liquidationStreamHandle(collector, sink);
}

export const hydromancerSource: Source = {
  slug: hydromancerSlug,
  name: 'Hydromancer (Hyperliquid liquidations)',
  requiredEnv: [hydromancerKeyVariable],
  secretParams: ['token'],
  datasets: {
    liquidations: { stream: streamLiquidations },
  },
};
