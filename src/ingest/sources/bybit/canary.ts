import { VenueCanary } from '../../stream-silence';

/** `tickers.<symbol>` on the same public linear connection: a snapshot, then deltas every 100 ms. */
export function bybitCanary(symbol: string): VenueCanary {
  const topic = `tickers.${symbol}`;
  return {
    name: topic,
    subscriptions: [{ op: 'subscribe', args: [topic] }],
    matches: (message) => (message as { topic?: unknown })?.topic === topic,
  };
}
