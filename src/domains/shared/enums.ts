import { registerEnumType } from 'type-graphql';

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
});
registerEnumType(VenueKind, { name: 'VenueKind', description: 'CEX: a centralized exchange; DEX: an on-chain venue.' });
registerEnumType(ContractType, {
  name: 'ContractType',
  description: 'PERPETUAL: no expiry, kept near spot by funding; FUTURE: a dated contract that settles at expiry.',
});
registerEnumType(MarginType, {
  name: 'MarginType',
  description: 'LINEAR: margined and settled in the quote (USDT, USDC, USD); INVERSE: margined and settled in the coin.',
});
registerEnumType(DataOrigin, {
  name: 'DataOrigin',
  description:
    'Where a stored row came from. LIVE: collected as it happened; BACKFILL: fetched later from a history endpoint; IMPORT: loaded from a file; SAMPLE: the synthetic demo scenario.',
});
