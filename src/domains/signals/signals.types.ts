import { Field, Float, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { AssetType } from '../assets/asset.types';
import { LiquidationTotalsType } from '../liquidations/liquidation.types';
import { ConditionComparison, ConditionSeries } from './condition.types';

@ObjectType('MarketSnapshot', { description: 'The state of an asset’s market structure at one time, each figure from data at or before `asOf`.' })
export class MarketSnapshotType {
  @Field(() => AssetType, { description: 'The asset described.' })
  asset!: AssetType;

  @Field(() => Date, { description: 'The market time the snapshot describes (`at`, default now).' })
  asOf!: Date;

  @Field(() => Float, { nullable: true, description: 'Latest spot close at or before `asOf` (minute candles, else daily), USD.' })
  priceUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'priceUsd / (close 24 hours earlier) − 1, a fraction (−0.05 = down 5 %).' })
  change24h!: number | null;

  @Field(() => Float, { nullable: true, description: 'Fractional distance below the highest close on record (0.2 = 20 % below): 1 − priceUsd / max(daily closes, priceUsd).' })
  drawdownFromHigh!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "RSI(14), Wilder, at `asOf`: over the daily closes of the days that have closed by `asOf`, followed by priceUsd as a provisional close; simple-mean seed over the first 14 changes, then (previous × 13 + change) / 14; null with fewer than 15 closes in all. The same value recoverySignals, recoverySignalHistory and timeline give at the same instant.",
  })
  rsi14!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Aggregate open interest, USD: the sum over the asset's instruments of each one's latest reading at or before `asOf`, no older than 3 hours (an older one is left out and its venue counts as missing, as in `openInterestHistory`).",
  })
  openInterestUsd!: number | null;

  /** Slugs of the venues expected to report open interest with no reading fresh at `asOf` (the sum is partial when any). */
  openInterestMissingVenues?: string[];

  @Field(() => Float, { nullable: true, description: 'openInterestUsd minus the same sum 24 hours before `asOf`, USD.' })
  openInterestChange24hUsd!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Leverage ratio: openInterestUsd / (priceUsd × circulating supply as of `at`), the asset's open interest as a fraction of its market value. Circulating supply is long- plus short-term holder supply of the latest day published by `at` (within 30 days); null where the asset has no such holder-cohort supply.",
  })
  leverageRatio!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Σ(rate normalized to 8 h × open interest USD) / Σ open interest USD, over instruments' latest funding and open interest at or before `asOf`.",
  })
  openInterestWeightedFunding!: number | null;

  @Field(() => LiquidationTotalsType, { description: 'Liquidations in the 24 hours before `asOf` ([asOf − 24 h, asOf)).' })
  liquidations24h!: LiquidationTotalsType;

  @Field(() => Float, { nullable: true, description: "Net flow of the asset's US spot ETFs over the 7 UTC days ending on the latest day published by `asOf` (a day D counts from D + 1 18:00 UTC; days in (P − 7, P]), USD." })
  etfNetFlow7dUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'Long-term-holder (LTH) supply on the latest day published by `asOf` (a day D counts from D + 1 03:00 UTC) minus 30 days earlier, coins; negative = distributing.' })
  lthSupplyChange30d!: number | null;

  @Field(() => Float, { nullable: true, description: 'Whale (WHALES cohort) supply on the latest day published by `asOf` (D + 1 03:00 UTC) minus 30 days earlier, coins; positive = accumulating.' })
  whaleSupplyChange30d!: number | null;

  @Field(() => Float, { nullable: true, description: 'Exchange inflow − outflow over the 7 UTC days ending on the latest day published by `asOf` (D + 1 03:00 UTC), coins; positive = coins moving onto exchanges.' })
  exchangeNetflow7d!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Current ±2 % depth divided by its 30-day median: (sum over instruments of each one's latest bid+ask within 2 % in the hour to asOf) / median over the prior 30 days of the hourly aggregate.",
  })
  depthRatio!: number | null;
}

@InputType('RecoveryThresholds', { description: 'The published conditions for a sustained recovery; each may be overridden.' })
export class RecoveryThresholdsInput {
  @Field(() => Float, { nullable: true, defaultValue: 30_000_000_000, description: 'Aggregate open interest of the asset across all venues, in USD.' })
  maxOpenInterestUsd!: number;

  @Field(() => Float, { nullable: true, defaultValue: 5_000_000_000, description: "Net flow of the asset's US spot ETFs over the 7 UTC days ending on the latest day published by `at`, USD; the condition holds above it." })
  minWeeklyEtfInflowUsd!: number;

  @Field(() => Float, { nullable: true, defaultValue: 30, description: 'RSI (14, Wilder, daily, 0–100) at or below which the market counts as oversold (rsi14 ≤ threshold).' })
  rsiOversold!: number;
}

/** A condition's judgement: a third answer for "cannot tell", so a gap is never read as a signal. */
export enum RecoveryConditionStatus {
  MET = 'MET',
  NOT_MET = 'NOT_MET',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(RecoveryConditionStatus, {
  name: 'RecoveryConditionStatus',
  description: 'MET: the value holds against the threshold; NOT_MET: it does not; UNKNOWN: the data it needs is missing or partial (an expected venue without a fresh reading).',
  valuesConfig: {
    MET: { description: 'The value, from complete data, satisfies the threshold.' },
    NOT_MET: { description: 'The value, from complete data, does not satisfy the threshold.' },
    UNKNOWN: { description: 'The value could not be judged: missing, or standing on partial data (see `reason`).' },
  },
});

@ObjectType('RecoveryCondition', { description: 'One recovery condition: its measured value against its threshold.' })
export class RecoveryConditionType {
  @Field({ description: 'openInterestBelow, weeklyEtfInflowAbove or rsiOversold (the published conditions, judged against `thresholds`), then each rule\'s name (`ConditionInput.name`, default "<series>[@<venue>] <comparison> <value>").' })
  name!: string;

  @Field(() => Float, { nullable: true, description: 'The measured value (null when the data is missing).' })
  value!: number | null;

  @Field(() => Float, { description: 'The level the value is compared with, in the unit of `value` (USD for open interest and ETF flows, index points for RSI; a rule\'s in its series\' `unit`).' })
  threshold!: number;

  @Field({ description: 'Whether the condition holds; false when the value is unknown (status UNKNOWN), never true on partial data.' })
  met!: boolean;

  @Field(() => RecoveryConditionStatus, {
    description: 'MET or NOT_MET when the value stands on complete data; UNKNOWN when it is missing or partial (value is then null and met false), with the cause in `reason`.',
  })
  status!: RecoveryConditionStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why the status is UNKNOWN, in words (e.g. "open interest from okx has no reading within 3 hours of asOf"); null when MET or NOT_MET.',
  })
  reason!: string | null;

  @Field(() => ConditionSeries, { nullable: true, description: "A rule's series; null for the published conditions." })
  series?: string | null;

  @Field(() => String, { nullable: true, description: "A rule's venue slug; null for the aggregate and for the published conditions." })
  venue?: string | null;

  @Field(() => ConditionComparison, { nullable: true, description: "A rule's comparison (value against threshold); null for the published conditions." })
  comparison?: ConditionComparison | null;

  @Field(() => String, { nullable: true, description: "The unit of a rule's value and threshold (its series' unit); null for the published conditions." })
  unit?: string | null;
}

@ObjectType('RecoveryAssessment', { description: 'Whether the recovery conditions hold at a time.' })
export class RecoveryAssessmentType {
  @Field(() => Date, { description: "`at` for recoverySignals; in recoverySignalHistory the bucket's start (the bucket is judged on what was published by its end)." })
  asOf!: Date;

  @Field(() => [RecoveryConditionType], { description: 'Each condition with its value, threshold and verdict, in a fixed order.' })
  conditions!: RecoveryConditionType[];

  @Field({ description: 'True when every condition is met (the published ones and the rules).' })
  allMet!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'True when every rule (`rules`) is met, whatever the published conditions; null when no rules were given.' })
  rulesMet?: boolean | null;
}
