import { fixture, VenueServer, VenueSocket } from '../support/venue-server';

/**
 * WebSocket sides of the loopback venues for the liquidation feeds added with issue 12: Deribit's
 * JSON-RPC trade channels and Hydromancer's keyed `liquidationFills`. Each answers its client's
 * requests as the documentation describes; the test pushes the notifications.
 */

interface RpcRequest {
  jsonrpc?: string;
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
}

/** Deribit: set_heartbeat → "ok", subscribe → the channels, test → the API version. */
export function serveDeribitStream(server: VenueServer): void {
  server.onClientMessage = (connection: VenueSocket, message: RpcRequest) => {
    const answer = (result: unknown) => connection.socket.send(JSON.stringify({ ...fixture('deribit', 'subscribe.result'), id: message.id, result }));
    switch (message?.method) {
      case 'public/set_heartbeat':
        return answer('ok');
      case 'public/subscribe':
        return answer(message.params?.channels ?? []);
      case 'public/test':
        return answer({ version: '1.2.26' });
      default:
        return connection.socket.send(JSON.stringify({ jsonrpc: '2.0', id: message?.id, error: { code: -32601, message: 'Method not found' } }));
    }
  };
}

/** The token a connection presented (`?token=`), if any. */
export function tokenOf(connection: VenueSocket): string | null {
  return new URL(connection.path, 'http://127.0.0.1').searchParams.get('token');
}

/**
 * Hydromancer: a connection without the right `token` gets an error and is closed; an
 * authorised one is answered nothing to its subscription (the test pushes the fills).
 */
export function serveHydromancerStream(server: VenueServer, apiKey: string): void {
  server.onConnection = (connection) => {
    if (tokenOf(connection) === apiKey) return;
    connection.routed = false;
    connection.socket.send(JSON.stringify({ type: 'error', message: 'Invalid or missing API key' }));
    connection.socket.close(4001, 'unauthorized');
  };
}
