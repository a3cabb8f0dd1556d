import { VenueCanary } from '../../stream-silence';

/**
 * `<symbol>@markPrice@1s`: a mark-price update every second, subscribed on the liquidation
 * stream's own `/market` connection (Binance USDⓈ-M "Mark Price Stream"; markPrice is routed
 * under `/market` with forceOrder). A retired or misrouted URL delivers neither, so its silence
 * is the forceOrder stream's silence.
 */
export function binanceCanary(symbol: string): VenueCanary {
  const stream = `${symbol.toLowerCase()}@markPrice@1s`;
  return {
    name: stream,
    subscriptions: [{ method: 'SUBSCRIBE', params: [stream], id: 1 }],
    matches: (message) => {
      // Combined-stream URLs wrap the event as {stream, data}.
      const event = ((message as { data?: unknown })?.data ?? message) as { e?: unknown };
      return event?.e === 'markPriceUpdate';
    },
  };
}
