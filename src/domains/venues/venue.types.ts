import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Completeness } from '../shared/completeness';
import { ContractType, MarginType, VenueKind } from '../shared/enums';
import { fromRow } from '../shared/planned/json-shape';
import type { VenueRecord } from '../shared/registry';
import { instrumentShape, venueShape } from './venue.shape';

@ObjectType('Venue', { description: 'A derivatives venue: a centralized exchange or an on-chain perp DEX.' })
export class VenueType {
  @Field(() => ID, { description: 'Stable opaque id of the venue: the same across requests and processes (Postgres row id as a string).' })
  id!: string;

  @Field({ description: 'Lower-case slug that every `venue`/`venues` argument takes: "binance".' })
  slug!: string;

  @Field({ description: 'Display name: "Binance", "Hyperliquid".' })
  name!: string;

  @Field(() => VenueKind, { description: 'CEX (centralized exchange) or DEX (on-chain venue).' })
  kind!: VenueKind;

  @Field(() => Completeness, {
    description:
      "How much of the venue's liquidations Cascade collects: COMPLETE (its feed is documented as complete), LOWER_BOUND (its feed is sampled), NOT_COLLECTED (no source, or a keyed source without a key). `dataSources` says which feed and why.",
  })
  completeness!: Completeness;

  @Field({
    description: 'True unless `completeness` is COMPLETE: the venue\'s liquidation totals under-report. Kept for existing clients; derived from `completeness`.',
  })
  liquidationsLowerBound!: boolean;

  venueId!: number;
}

@ObjectType('Instrument', { description: 'A derivatives contract listed on a venue.' })
export class InstrumentType {
  @Field(() => ID, { description: 'Stable opaque id of the instrument: the same across requests and processes (Postgres row id as a string).' })
  id!: string;

  @Field({ description: "The venue's own symbol, e.g. BTCUSDT, BTC-USDT-SWAP, BTC." })
  symbol!: string;

  @Field(() => ContractType, { description: 'PERPETUAL (no expiry, funded) or FUTURE (dated, settles at `expiresAt`).' })
  contractType!: ContractType;

  @Field(() => MarginType, { description: 'LINEAR: margined and settled in the quote (USDT, USDC, USD); INVERSE: in the coin.' })
  marginType!: MarginType;

  @Field({ description: 'Currency the price is quoted in: USDT, USDC or USD.' })
  quoteCurrency!: string;

  @Field(() => Float, {
    description: 'Units one contract represents: coins for linear contracts (1 where size is quoted in coins), USD for inverse ones.',
  })
  contractSize!: number;

  @Field(() => Date, { nullable: true, description: 'Expiry of a dated future; null for perpetuals.' })
  expiresAt!: Date | null;

  @Field({ description: 'False once the venue has delisted or settled it.' })
  active!: boolean;

  @Field(() => Float, { nullable: true, description: 'Hours between funding payments: venues use 1, 4 or 8, and may change it. Null for dated futures.' })
  fundingIntervalHours!: number | null;

  instrumentId!: number;
  venueId!: number;
  assetId!: number;
}

/** A row of `rowColumns(instrumentShape(…))` (instrument.service.ts): the shape's columns by field name, storage ids included. */
export type InstrumentRow = Record<string, unknown> & { instrumentId: number; venueId: number; assetId: number };

// Aliases only name the SQL; reading a row needs the fields' kinds, the same for any alias.
const instrumentRow = instrumentShape('i');
const venueRow = venueShape('venue');

export const toInstrumentType = (row: InstrumentRow): InstrumentType => fromRow<InstrumentType>(instrumentRow, row);

/** A registry record (shared/registry.ts reads venueShape's columns) as the GraphQL object. */
export const toVenueType = (record: VenueRecord): VenueType => fromRow<VenueType>(venueRow, record as unknown as Record<string, unknown>);
