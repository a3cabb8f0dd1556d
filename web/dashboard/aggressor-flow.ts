/**
 * The aggressor-flow panel: taker buy and sell volume in USD per bucket from the timeline, summed
 * over the venues that publish a taker-volume series (Binance and OKX); Bybit, Deribit and
 * Hyperliquid publish none, so the bars are a floor of the market's flow, not all of it.
 */
export interface AggressorFlowBucket {
  takerBuyUsd: number | null;
  takerSellUsd: number | null;
}

/** The timeline fields the panel needs. */
export const aggressorFlowTimelineFields = 'takerBuyUsd takerSellUsd';

export const aggressorFlowTitle = 'Taker buy vs sell (USD; Binance + OKX, the venues that publish it)';

/** Buy and sell bars aligned to the timeline's buckets (null where no venue reported). */
export function aggressorFlowBars(buckets: AggressorFlowBucket[]) {
  return [
    { label: 'taker buys', values: buckets.map((b) => b.takerBuyUsd), color: '#1a7f37', bars: true },
    { label: 'taker sells', values: buckets.map((b) => b.takerSellUsd), color: '#cf222e', bars: true },
  ];
}
