import { registerEnumType } from 'type-graphql';

/** The `interval` argument of every series: one definition. */
export const intervalArgDescription =
  'Bucket width, M1 to W1; buckets align to UTC boundaries (H4 at 00/04/08…, D1 at 00:00, W1 Monday 00:00). Each series caps the bucket count it answers.';
/** The `from` argument of every bucketed series. */
export const fromArgDescription = 'Inclusive start: the first bucket is the one holding `from`.';

export enum Interval {
  M1 = 'M1',
  M5 = 'M5',
  M15 = 'M15',
  H1 = 'H1',
  H4 = 'H4',
  D1 = 'D1',
  W1 = 'W1',
}
export enum PositionSide {
  LONG = 'LONG',
  SHORT = 'SHORT',
}
export enum VenueKind {
  CEX = 'CEX',
  DEX = 'DEX',
}
export enum ContractType {
  PERPETUAL = 'PERPETUAL',
  FUTURE = 'FUTURE',
}
export enum MarginType {
  LINEAR = 'LINEAR',
  INVERSE = 'INVERSE',
}
export enum DataOrigin {
  LIVE = 'LIVE',
  BACKFILL = 'BACKFILL',
  IMPORT = 'IMPORT',
  SAMPLE = 'SAMPLE',
}

registerEnumType(Interval, {
  name: 'Interval',
  description: 'Bucket width of a series. Buckets align to UTC: H4 at 00/04/08…, D1 at 00:00, W1 on Monday 00:00.',
  valuesConfig: {
    M1: { description: '1 minute' },
    M5: { description: '5 minutes' },
    M15: { description: '15 minutes' },
    H1: { description: '1 hour' },
    H4: { description: '4 hours, starting 00:00 UTC' },
    D1: { description: '1 day, starting 00:00 UTC' },
    W1: { description: '1 week, starting Monday 00:00 UTC' },
  },
});
registerEnumType(PositionSide, {
  name: 'PositionSide',
  description: 'The side of a position. For a liquidation, the side that was closed: LONG means a long was force-sold.',
  valuesConfig: {
    LONG: { description: 'A long position (profits when the price rises); a LONG liquidation is a forced sell.' },
    SHORT: { description: 'A short position (profits when the price falls); a SHORT liquidation is a forced buy.' },
  },
});
registerEnumType(VenueKind, {
  name: 'VenueKind',
  description: 'CEX: a centralized exchange; DEX: an on-chain venue.',
  valuesConfig: {
    CEX: { description: 'A centralized exchange (Binance, Bybit, OKX, Deribit): custody and matching run by the operator.' },
    DEX: { description: 'An on-chain venue (Hyperliquid): positions and liquidations settle on its chain.' },
  },
});
registerEnumType(ContractType, {
  name: 'ContractType',
  description: 'PERPETUAL: no expiry, kept near spot by funding; FUTURE: a dated contract that settles at expiry.',
  valuesConfig: {
    PERPETUAL: { description: 'No expiry; longs and shorts exchange funding every interval to keep its price near the index.' },
    FUTURE: { description: 'A dated contract that settles at `expiresAt`; its premium over spot is its basis.' },
  },
});
registerEnumType(MarginType, {
  name: 'MarginType',
  description: 'LINEAR: margined and settled in the quote (USDT, USDC, USD); INVERSE: margined and settled in the coin.',
  valuesConfig: {
    LINEAR: { description: 'Margined and settled in the quote currency (USDT, USDC or USD); a contract is a number of coins.' },
    INVERSE: { description: 'Margined and settled in the coin; a contract is a number of USD (e.g. Deribit BTC-PERPETUAL: 10 USD).' },
  },
});
registerEnumType(DataOrigin, {
  name: 'DataOrigin',
  description:
    'Where a stored row came from. LIVE: collected as it happened; BACKFILL: fetched later from a history endpoint; IMPORT: loaded from a file; SAMPLE: the synthetic demo scenario.',
  valuesConfig: {
    LIVE: { description: 'Collected as it happened, from a venue stream or a scheduled poll.' },
    BACKFILL: { description: "Fetched later from the venue's history endpoint (`cascade backfill`, or gap repair)." },
    IMPORT: { description: 'Loaded from a file with `cascade import`.' },
    SAMPLE: { description: 'The synthetic October–November 2025 demo scenario: not market data.' },
  },
});
