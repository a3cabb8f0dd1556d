import { Field, Float, ID, ObjectType } from 'type-graphql';
import { bucketStartDescription } from '../shared/series';

@ObjectType('HolderCohort', { description: 'A group of holders of an asset defined on-chain, whose supply is tracked daily.' })
export class HolderCohortType {
  @Field(() => ID, { description: 'Stable opaque id of the holder cohort: the same across requests and processes (Postgres row id as a string).' })
  id!: string;

  @Field({ description: 'Upper-case slug every `cohort` argument takes: LTH, STH, WHALES, EXCHANGES, MINERS, …' })
  slug!: string;

  @Field({ description: 'Display name: "Long-term holders".' })
  name!: string;

  @Field({ description: "Who is in it, precisely, as the provider computes it (e.g. LTH: coins weighted by a logistic function of their holder's averaged age, centred at 155 days with a 10-day transition)." })
  definition!: string;

  cohortId!: number;
  assetId!: number;
}

@ObjectType('CohortSupplyPoint', { description: "A cohort's supply over one bucket, in coins." })
export class CohortSupplyPointType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => Float, { nullable: true, description: "Coins held: the cohort's last daily value within the bucket; null when none." })
  supply!: number | null;

  @Field(() => Float, { nullable: true, description: 'Change since the previous bucket in coins (supply − previous supply), the first bucket included; null when either is unknown.' })
  change!: number | null;

  @Field(() => Date, { nullable: true, description: "When Cascade recorded the bucket's value (null when none): a stale date means a stalled provider, not a still market." })
  lastRecordedAt!: Date | null;
}

export interface CohortRow {
  id: number;
  asset_id: number;
  slug: string;
  name: string;
  definition: string;
}

export function toCohortType(row: CohortRow): HolderCohortType {
  return Object.assign(new HolderCohortType(), { id: String(row.id), slug: row.slug, name: row.name, definition: row.definition, cohortId: row.id, assetId: row.asset_id });
}
