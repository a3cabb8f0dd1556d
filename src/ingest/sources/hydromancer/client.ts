/**
 * Hydromancer's WebSocket (docs.hydromancer.xyz/readme/websocket, read 2026-12-03): a keyed
 * provider of Hyperliquid data. `liquidationFills` streams every liquidation fill on Hyperliquid,
 * which Hyperliquid's own public WebSocket does not offer (it serves fills per wallet only).
 */

export const hydromancerKeyVariable = 'CASCADE_HYDROMANCER_API_KEY';

/** A fill as Hyperliquid reports it (numbers as strings, times in ms), with Hydromancer's txIndex. */
export interface HydromancerFill {
  coin: string;
  px: string;
  sz: string;
  /** B = buy, A = sell, from the wallet the fill belongs to. */
  side: 'B' | 'A';
  time: number;
  /** Signed position of that wallet before the fill (positive: long). */
  startPosition: string;
  dir: string;
  closedPnl: string;
  hash: string;
  oid: number;
  crossed: boolean;
  fee: string;
  tid: number;
  cloid?: string;
  feeToken: string;
  /** Present on liquidation fills: whose position was liquidated, the mark then, and how. */
  liquidation?: { liquidatedUser: string; markPx: string; method: string };
  /** Index of the transaction in its block; (time, txIndex) orders fills across messages. */
  txIndex?: number;
}

/** [wallet whose order was filled, fill]: the liquidated user's own fill or its counterparty's. */
export type HydromancerAddressedFill = [string, HydromancerFill];

/** One push of the channel: the liquidation fills of one block. */
export interface HydromancerLiquidationFills {
  type: 'liquidationFills';
  channel?: 'liquidationFills';
  /** Per connection, from 1: a gap means a lost message. */
  seq: number;
  /** block:timestamp:txIndex of the last fill. */
  cursor: string;
  fills: HydromancerAddressedFill[];
}

/** The subscription, sent after every (re)connect. */
export const liquidationFillsSubscription = { type: 'subscribe', subscription: { type: 'liquidationFills' } };

/** The connection URL: the key travels as the `token` query parameter, as the docs prescribe. */
export function hydromancerSocketUrl(wsUrl: string, apiKey: string): string {
  const url = new URL(wsUrl);
  url.searchParams.set('token', apiKey);
  return url.toString();
}
