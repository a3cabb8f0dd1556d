import { InstrumentIndex, instrumentsOrDiscover } from '../../instruments';
import { liquidationSink, liquidationStreamHandle } from '../../liquidation-stream';
import { StreamContext, StreamHandle } from '../../source';
import { storedCanary } from '../../stream-silence';
import { defaultWsSettings, WsCollector } from '../../ws';
import { deribitCanary, deribitCanaryChannel } from './canary';
import { DeribitNotification, DeribitTrade, deribitCurrencies } from './client';
import { mapLiquidationTrade } from './map';

/**
 * Public trades of every future (perpetuals and dated, inverse and linear USDC) of each settlement
 * currency. `100ms` batches the trades of each 100 ms into one notification, every trade kept;
 * `raw` is for authorised connections only, so an anonymous collector uses 100ms.
 */
export const liquidationChannels = deribitCurrencies.map((currency) => `trades.future.${currency}.100ms`);

/**
 * Deribit's own heartbeat (public/set_heartbeat): every `interval` seconds (10 at least) the
 * server sends a `test_request`, which must be answered with public/test or the connection is
 * closed. 30 s keeps the collector's 45 s silence limit from firing on a quiet market.
 */
export const heartbeatIntervalSeconds = 30;

let requestId = 0;
const rpc = (method: string, params: Record<string, unknown> = {}) => ({ jsonrpc: '2.0', id: ++requestId, method, params });

/** Liquidations from the public trade stream: trades flagged `liquidation` T, M or MT. */
export async function streamDeribitLiquidations(ctx: StreamContext, discover: () => Promise<unknown>): Promise<StreamHandle> {
  if (!ctx.endpoints.wsUrl) throw new Error('deribit: no WebSocket URL configured');
  const known = await instrumentsOrDiscover(ctx.db, 'deribit', discover);
  const sink = liquidationSink(ctx, await new InstrumentIndex(ctx.db, 'deribit').load(known));
  const heartbeat = ctx.settings.heartbeat ?? defaultWsSettings.heartbeat;
  const collector = new WsCollector({
    name: 'deribit:liquidations',
    url: ctx.endpoints.wsUrl,
    // Sent again after every reconnect: a new connection has neither heartbeat nor channels.
    subscriptions: () => [rpc('public/set_heartbeat', { interval: heartbeatIntervalSeconds }), rpc('public/subscribe', { channels: [...liquidationChannels, deribitCanaryChannel] })],
    heartbeat: { ...heartbeat, message: () => rpc('public/test') },
    reconnect: ctx.settings.reconnect,
    canary: storedCanary(ctx, deribitCanary),
    onMessage: (message, send) => {
      const note = message as DeribitNotification & { error?: { code: number; message: string } };
      if (note.error) {
        ctx.log.warn({ source: 'deribit', err: `${note.error.code} ${note.error.message}` }, 'liquidation stream request refused');
        return;
      }
      if (note.method === 'heartbeat') {
        if (note.params?.type === 'test_request') send(rpc('public/test'));
        return;
      }
      if (note.method !== 'subscription' || !note.params?.channel?.startsWith('trades.')) return;
      const trades = Array.isArray(note.params.data) ? (note.params.data as DeribitTrade[]) : [];
      const events = trades.flatMap(mapLiquidationTrade);
      if (events.length > 0) sink.add(events);
    },
    onError: (error) => ctx.log.warn({ source: 'deribit', err: error.message }, 'liquidation stream problem'),
  }).start();
  return liquidationStreamHandle(collector, sink);
}
