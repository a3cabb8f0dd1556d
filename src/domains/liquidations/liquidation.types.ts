import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BucketCoverageType } from '../shared/coverage';
import { Completeness } from '../shared/completeness';
import { PageInfoType } from '../shared/page-info';
import { DataOrigin, PositionSide } from '../shared/enums';
import { InstrumentType, VenueType } from '../venues/venue.types';

const lowerBoundNote =
  'Where a venue samples its feed or is not collected, its figures under-report: `completeness` (here and on each `Venue`) says which; `dataSources` lists why.';

const completenessNote =
  'How much of the liquidations these sums cover: COMPLETE only when every venue in them (those listing the asset, within the venue filter) is collected completely; see `Venue.completeness`.';

@ObjectType('Liquidation', { description: `One forced closure of a position on a venue. ${lowerBoundNote}` })
export class LiquidationType {
  @Field(() => ID, { description: 'Stable opaque id of the liquidation event: the same across requests and processes (Postgres row id as a string).' })
  id!: string;

  @Field(() => PositionSide, { description: 'The side of the position that was closed: LONG means a long was force-sold.' })
  side!: PositionSide;

  @Field(() => Float, { description: "Price of the closure in the instrument's quote currency (USDT, USDC or USD)." })
  price!: number;

  @Field(() => Float, { description: 'Size closed, in coins of the asset (contracts already converted).' })
  quantity!: number;

  @Field(() => Float, { description: 'Value closed in USD: quantity × price.' })
  notionalUsd!: number;

  @Field({ description: 'When the venue executed the closure (UTC, microsecond precision).' })
  occurredAt!: Date;

  @Field(() => DataOrigin, { description: 'How Cascade got the event: LIVE from the venue stream, BACKFILL from a history endpoint, IMPORT from a file, SAMPLE for the demo scenario.' })
  origin!: DataOrigin;

  @Field({
    description: 'This event\'s position in the newest-first order: the same cursor a `liquidations` edge carries, and what `liquidationOccurred(after:)` resumes from.',
  })
  cursor!: string;

  /** Storage ids and the joined instrument, for the field resolvers; not exposed. */
  assetId!: number;
  venueId!: number;
  instrument!: InstrumentType;
}

@InputType('LiquidationFilter', { description: 'Every given condition must hold; an omitted one matches everything.' })
export class LiquidationFilterInput {
  @Field(() => String, { nullable: true, description: 'Asset ticker ("BTC").' })
  asset?: string | null;

  @Field(() => [String], { nullable: true, description: 'Venue slugs ("binance"); null or empty means every venue.' })
  venues?: string[] | null;

  @Field(() => PositionSide, { nullable: true, description: 'Only closures of this position side.' })
  side?: PositionSide | null;

  @Field(() => Date, { nullable: true, description: 'Inclusive lower bound on `occurredAt`.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Exclusive upper bound on `occurredAt`.' })
  to?: Date | null;

  @Field(() => Float, { nullable: true, description: 'Only closures worth at least this much, in USD (≥ 0).' })
  minNotionalUsd?: number | null;
}

@ObjectType('LiquidationEdge', { description: 'One liquidation of a page, with its cursor.' })
export class LiquidationEdgeType {
  @Field({ description: 'Opaque position of this row; pass it as `after` to continue after it.' })
  cursor!: string;

  @Field(() => LiquidationType, { description: 'The liquidation event.' })
  node!: LiquidationType;
}

@ObjectType('LiquidationConnection', { description: 'A page of liquidations, newest first (Relay connection).' })
export class LiquidationConnectionType {
  @Field(() => [LiquidationEdgeType], { description: 'The events of this page, newest first; at most `first`.' })
  edges!: LiquidationEdgeType[];

  @Field(() => PageInfoType, { description: 'Whether more events follow, and the cursor to continue from (`endCursor` as `after`).' })
  pageInfo!: PageInfoType;
}

@ObjectType('LiquidationBucket', { description: `Liquidations summed over one bucket of a series. ${lowerBoundNote}` })
export class LiquidationBucketType {
  @Field({ description: "Bucket start, aligned to the interval's UTC boundary." })
  start!: Date;

  @Field(() => Float, { description: 'USD value of long positions closed; 0 for an empty bucket.' })
  longUsd!: number;

  @Field(() => Float, { description: 'USD value of short positions closed; 0 for an empty bucket.' })
  shortUsd!: number;

  @Field(() => Float, { description: 'longUsd + shortUsd, in USD.' })
  totalUsd!: number;

  @Field(() => Int, { description: 'Number of liquidation events.' })
  count!: number;

  @Field(() => Float, { nullable: true, description: 'longUsd / totalUsd, a fraction in [0, 1]; null for an empty bucket.' })
  longShare!: number | null;

  @Field(() => Completeness, {
    description: completenessNote,
  })
  completeness!: Completeness;

  @Field(() => BucketCoverageType, {
    nullable: true,
    description:
      'Venues with liquidations in the bucket, and venues listing the asset with none. No liquidations can be a quiet market or an outage: `ingestionStatus` tells which.',
  })
  coverage?: BucketCoverageType | null;
}

@ObjectType('LiquidationTotals', { description: `Liquidations summed over a window. ${lowerBoundNote}` })
export class LiquidationTotalsType {
  @Field(() => Float, { description: 'USD value of long positions closed.' })
  longUsd!: number;

  @Field(() => Float, { description: 'USD value of short positions closed.' })
  shortUsd!: number;

  @Field(() => Float, { description: 'longUsd + shortUsd, in USD.' })
  totalUsd!: number;

  @Field(() => Int, { description: 'Number of liquidation events.' })
  count!: number;

  @Field(() => Float, { nullable: true, description: 'longUsd / totalUsd, a fraction in [0, 1]; null when nothing was liquidated.' })
  longShare!: number | null;

  @Field(() => Completeness, {
    description: completenessNote,
  })
  completeness!: Completeness;
}

@ObjectType('VenueLiquidationTotals', { description: `One venue's liquidations summed over a window. ${lowerBoundNote}` })
export class VenueLiquidationTotalsType extends LiquidationTotalsType {
  @Field(() => VenueType, { description: "The venue summed; its `completeness` is this row's `completeness`." })
  venue!: VenueType;
}

export interface LiquidationSums {
  long_usd: number;
  short_usd: number;
  event_count: number;
  /** What the sums cover: the SQL's combined completeness (shared/completeness.ts), or the one venue's. */
  completeness: Completeness;
}

/** Long/short sums into the API shape; the share is null where there is no total to divide. */
export function toTotals(sums: Omit<LiquidationSums, 'completeness'> | undefined, completeness: Completeness): LiquidationTotalsType {
  const longUsd = sums?.long_usd ?? 0;
  const shortUsd = sums?.short_usd ?? 0;
  const totalUsd = longUsd + shortUsd;
  return Object.assign(new LiquidationTotalsType(), {
    longUsd,
    shortUsd,
    totalUsd,
    count: Number(sums?.event_count ?? 0),
    longShare: totalUsd > 0 ? longUsd / totalUsd : null,
    completeness,
  });
}
