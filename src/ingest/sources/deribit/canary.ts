import { VenueCanary } from '../../stream-silence';

/**
 * `deribit_price_index.btc_usd`: the BTC index, pushed about every second on the same JSON-RPC
 * connection. It needs no instrument, and its channel is subscribed with the trade channels.
 */
export const deribitCanaryChannel = 'deribit_price_index.btc_usd';

export const deribitCanary: VenueCanary = {
  name: deribitCanaryChannel,
  matches: (message) => {
    const note = message as { method?: unknown; params?: { channel?: unknown } };
    return note?.method === 'subscription' && note.params?.channel === deribitCanaryChannel;
  },
};
