import { VenueLiquidation } from '../../liquidation-stream';
import { eventDigest, msTime, num } from '../../parse';
import { HydromancerAddressedFill, HydromancerFill } from './client';

/** A fill's place in the stream: later fills have a larger (time, txIndex). */
export interface FillPosition {
  time: number;
  txIndex: number;
}

export function isAfter(fill: HydromancerFill, last: FillPosition | null): boolean {
  if (!last || fill.txIndex === undefined) return true;
  return fill.time > last.time || (fill.time === last.time && fill.txIndex > last.txIndex);
}

/** The largest (time, txIndex) among the fills, or `last` when none is later. */
export function lastPosition(fills: HydromancerAddressedFill[], last: FillPosition | null): FillPosition | null {
  let position = last;
  for (const [, fill] of fills) {
    if (fill.txIndex !== undefined && isAfter(fill, position)) position = { time: fill.time, txIndex: fill.txIndex };
  }
  return position;
}

/**
 * One event per liquidated position: the fills of a push grouped by (liquidated user, coin,
 * time). A liquidation shows up twice in the stream, as the liquidated user's own fills and as
 * its counterparties' (a liquidator, a market maker, or the backstop vault), so the liquidated
 * user's own fills are used when present and the counterparties' only otherwise. A liquidated
 * LONG is closed by sells: the user's own fill sells ("A"), its counterparty buys ("B").
 * Quantity is the summed size in coins, price the size-weighted average fill price.
 */
export function mapLiquidationFills(fills: HydromancerAddressedFill[]): VenueLiquidation[] {
  const groups = new Map<string, { user: string; coin: string; time: number; fills: HydromancerAddressedFill[] }>();
  for (const entry of fills) {
    const [, fill] = entry;
    const user = fill.liquidation?.liquidatedUser?.toLowerCase();
    if (!user) continue;
    const key = `${user}|${fill.coin}|${fill.time}`;
    const group = groups.get(key) ?? { user, coin: fill.coin, time: fill.time, fills: [] };
    group.fills.push(entry);
    groups.set(key, group);
  }
  const events: VenueLiquidation[] = [];
  for (const group of groups.values()) {
    const own = group.fills.filter(([address]) => address.toLowerCase() === group.user);
    const chosen = own.length > 0 ? own : group.fills;
    const sellsClose = own.length > 0 ? 'A' : 'B';
    let size = 0;
    let value = 0;
    for (const [, fill] of chosen) {
      const sz = num(fill.sz, 'sz');
      size += sz;
      value += sz * num(fill.px, 'px');
    }
    if (!(size > 0)) continue;
    events.push({
      symbol: group.coin,
      side: chosen[0][1].side === sellsClose ? 'LONG' : 'SHORT',
      price: value / size,
      size,
      occurredAt: msTime(group.time, 'time'),
      eventKey: eventDigest(['hyperliquid-liquidation', group.user, group.coin, group.time]),
      priceKind: 'FILL',
    });
  }
  return events;
}
