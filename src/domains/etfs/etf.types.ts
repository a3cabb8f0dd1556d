import { DateResolver } from 'graphql-scalars';
import { bucketStartDescription } from '../shared/series';
import { Field, Float, ID, ObjectType } from 'type-graphql';

@ObjectType('Etf', { description: 'A spot exchange-traded fund holding an asset (one row per fund, whatever its trading counters).' })
export class EtfType {
  @Field(() => ID, { description: 'Stable opaque id of the fund: the same across requests and processes (Postgres row id as a string).' })
  id!: string;

  @Field({ description: 'Listing ticker: IBIT, GBTC; for Hong Kong funds the HKD counter (3042).' })
  ticker!: string;

  @Field({ description: "The fund's name." })
  name!: string;

  @Field({ description: 'Issuer or sponsor: BlackRock, Fidelity, China Asset Management, …' })
  issuer!: string;

  @Field({ description: 'ISO country of listing: US, HK, …' })
  region!: string;

  etfId!: number;
  assetId!: number;
}

@ObjectType('EtfFlow', { description: "One fund's net creations and redemptions on one trading day." })
export class EtfFlowType {
  @Field(() => DateResolver, { description: 'Trading day (the fund’s local calendar).' })
  date!: string;

  @Field(() => Float, { description: 'Net flow in USD: creations minus redemptions (negative = outflow).' })
  netFlowUsd!: number;

  @Field(() => Float, { nullable: true, description: "Coins held at the day's close, where the source reports it." })
  holdings!: number | null;

  etfId!: number;
}

@ObjectType('FundCoverage', { description: 'Which funds contributed to an ETF-flow bucket and which listed funds reported nothing.' })
export class FundCoverageType {
  @Field(() => [String], { description: 'Tickers with a reported flow in the bucket.' })
  reportingFunds!: string[];

  @Field(() => [String], { description: 'Tickers listed by the end of the bucket with no flow reported in it (late issuers, a table not yet updated).' })
  missingFunds!: string[];
}

@ObjectType('EtfFlowBucket', { description: 'Net ETF flow of an asset over one bucket.' })
export class EtfFlowBucketType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => Float, { description: 'Sum of the daily net flows of the selected funds whose trading day starts in the bucket, USD; 0 for none.' })
  netFlowUsd!: number;

  @Field(() => FundCoverageType, { description: 'Which funds the sum stands on: a fund not yet reported reads as missing, not as zero flow.' })
  coverage!: FundCoverageType;
}

export interface EtfRow {
  id: number;
  ticker: string;
  name: string;
  issuer: string;
  region: string;
  asset_id: number;
}

export function toEtfType(row: EtfRow): EtfType {
  return Object.assign(new EtfType(), { id: String(row.id), ticker: row.ticker, name: row.name, issuer: row.issuer, region: row.region, etfId: row.id, assetId: row.asset_id });
}
