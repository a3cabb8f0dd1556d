import { fixture, VenueServer } from '../support/venue-server';
import { serveOkxPublicStream } from './venue-routes';
import { serveDeribitStream } from './venue-streams';

/**
 * Loopback venues for liveness by data: each acknowledges every subscription as the venue does,
 * and pushes its canary only while told to. A venue that acknowledges and then sends nothing is
 * the silent venue the canary exists for (Binance's retired route behaved exactly so).
 */
export interface CanaryVenue {
  /** Pushes the venue's canary every `everyMs` to every routed connection until `stop`. */
  startCanary(everyMs?: number): void;
  stopCanary(): void;
}

/** Binance `/market`: SUBSCRIBE answered `{"result":null,"id":…}` (Binance "Live Subscribing"). */
function acknowledgeBinance(server: VenueServer): void {
  server.onClientMessage = (connection, message) => {
    if (message?.method === 'SUBSCRIBE') connection.socket.send(JSON.stringify({ result: null, id: message.id }));
  };
}

/** Bybit public: each subscribe answered `{success: true, op: "subscribe"}`; `{"op":"ping"}` with a pong. */
function acknowledgeBybit(server: VenueServer): void {
  server.onClientMessage = (connection, message) => {
    if (message?.op === 'subscribe' || message?.op === 'ping') {
      connection.socket.send(JSON.stringify({ success: true, ret_msg: message.op === 'ping' ? 'pong' : '', conn_id: 'c1a2', req_id: '', op: message.op }));
    }
  };
}

const acknowledge: Record<string, (server: VenueServer) => void> = {
  binance: acknowledgeBinance,
  bybit: acknowledgeBybit,
  okx: serveOkxPublicStream,
  deribit: serveDeribitStream,
};

const canaryFixture: Record<string, [string, string]> = {
  binance: ['binance', 'mark-price-update'],
  bybit: ['bybit', 'tickers.channel'],
  okx: ['okx', 'mark-price.channel'],
  deribit: ['deribit', 'price-index.notification'],
};

/** The venue's stream side: subscriptions acknowledged, the canary pushed only between startCanary and stopCanary. */
export function serveCanaryVenue(server: VenueServer, slug: 'binance' | 'bybit' | 'okx' | 'deribit'): CanaryVenue {
  acknowledge[slug](server);
  const [venue, name] = canaryFixture[slug];
  const message = fixture(venue, name);
  let timer: NodeJS.Timeout | undefined;
  return {
    startCanary(everyMs = 20) {
      this.stopCanary();
      timer = setInterval(() => server.push(message), everyMs);
    },
    stopCanary() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
