import { VenueCanary } from '../../stream-silence';

/**
 * The `mark-price` channel of one swap on the same public connection: pushed every 200 ms while
 * the mark moves and at least every 10 s when it does not, so the 60 s default bound holds.
 */
export function okxCanary(instId: string): VenueCanary {
  return {
    name: `mark-price ${instId}`,
    subscriptions: [{ op: 'subscribe', args: [{ channel: 'mark-price', instId }] }],
    matches: (message) => {
      const push = message as { arg?: { channel?: unknown }; data?: unknown };
      return push?.arg?.channel === 'mark-price' && Array.isArray(push.data);
    },
  };
}
