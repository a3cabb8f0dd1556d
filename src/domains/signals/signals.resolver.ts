import { Arg, Ctx, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { Context } from '../context';
import { badInput } from '../../core/errors';
import { Interval, intervalArgDescription, fromArgDescription } from '../shared/enums';
import { knownAtDescription } from '../shared/known-at-arg';
import { bucketRange } from '../shared/series';
import { recoveryHistory } from './recovery-history';
import { RecoveryWatch } from './recovery-watch';
import { assessRecovery, marketSnapshot } from './signals.service';
import { MarketSnapshotType, RecoveryAssessmentType, RecoveryThresholdsInput } from './signals.types';
import { judgeRules, resolveRules, withRules } from './condition-rules';
import { maxRules } from './condition-series';
import { ConditionInput } from './condition.types';

const rulesArgDescription = `Rules judged beside the published conditions, each a series (of a venue or the aggregate) compared with a value (see \`ConditionInput\`), answered after them in the order given; \`thresholds\` keeps its meaning. At most ${maxRules}. \`rulesMet\` says whether every rule holds.`;

const defaults = { maxOpenInterestUsd: 30_000_000_000, minWeeklyEtfInflowUsd: 5_000_000_000, rsiOversold: 30 };

function validThresholds(input: Partial<RecoveryThresholdsInput> | null | undefined): RecoveryThresholdsInput {
  const thresholds = Object.assign(new RecoveryThresholdsInput(), defaults);
  for (const [key, value] of Object.entries(input ?? {})) {
    if (value !== null && value !== undefined) (thresholds as unknown as Record<string, number>)[key] = value as number;
  }
  if (!(thresholds.maxOpenInterestUsd >= 0)) throw badInput('thresholds.maxOpenInterestUsd', '`thresholds.maxOpenInterestUsd` must be a non-negative USD amount.');
  if (!Number.isFinite(thresholds.minWeeklyEtfInflowUsd)) throw badInput('thresholds.minWeeklyEtfInflowUsd', '`thresholds.minWeeklyEtfInflowUsd` must be a finite USD amount.');
  if (!(thresholds.rsiOversold >= 0 && thresholds.rsiOversold <= 100)) throw badInput('thresholds.rsiOversold', '`thresholds.rsiOversold` must be between 0 and 100.');
  return thresholds;
}

@Resolver()
export class SignalsResolver {
  @Query(() => MarketSnapshotType, {
    nullable: true,
    description: "The asset's market structure at `at` (default now), every figure from data at or before it and, for daily datasets, only days published by then (ETF flows of day D from D + 1 18:00 UTC, on-chain values from D + 1 03:00 UTC), in one SQL statement.",
  })
  async marketSnapshot(
    @Arg('asset', () => String, { description: 'Asset ticker ("BTC").' }) asset: string,
    @Arg('at', () => Date, { nullable: true, description: 'Market time; defaults to now.' }) at: Date | null,
    @Arg('knownAt', () => Date, {
      nullable: true,
      description: knownAtDescription,
    })
    knownAt: Date | null,
    @Ctx() ctx: Context,
  ): Promise<MarketSnapshotType> {
    return marketSnapshot(ctx.db, await ctx.registry.requireAsset(asset), at ?? new Date(), knownAt);
  }

  @Query(() => RecoveryAssessmentType, {
    nullable: true,
    description:
      'The published recovery conditions at `at`: aggregate open interest under $30B (openInterestBelow), US spot ETF net inflow over the 7 UTC days ending on the latest day published by `at` (D + 1 18:00 UTC) above $5B (weeklyEtfInflowAbove), daily RSI(14) at or below 30 (rsiOversold); then each of `rules`, its series read at `at` from data published by then.',
  })
  async recoverySignals(
    @Arg('asset', () => String, { description: 'Asset ticker ("BTC").' }) asset: string,
    @Arg('at', () => Date, { nullable: true, description: 'Market time; defaults to now.' }) at: Date | null,
    @Arg('thresholds', () => RecoveryThresholdsInput, { nullable: true, description: 'The levels the conditions are judged against; each omitted level takes its default (see `RecoveryThresholdsInput`: open interest $30B, weekly ETF inflow $5B, RSI(14) 30).' }) thresholds: RecoveryThresholdsInput | null,
    @Arg('rules', () => [ConditionInput], { nullable: true, description: rulesArgDescription }) rules: ConditionInput[] | null,
    @Arg('knownAt', () => Date, {
      nullable: true,
      description: knownAtDescription,
    })
    knownAt: Date | null,
    @Ctx() ctx: Context,
  ): Promise<RecoveryAssessmentType> {
    const judged = validThresholds(thresholds);
    const judgedRules = await resolveRules(rules, ctx.registry);
    const record = await ctx.registry.requireAsset(asset);
    const moment = at ?? new Date();
    const [snapshot, [ruleConditions]] = await Promise.all([marketSnapshot(ctx.db, record, moment, knownAt), judgeRules(ctx.db, record.id, [moment], judgedRules, knownAt)]);
    return withRules(assessRecovery(snapshot, judged), ruleConditions, judgedRules);
  }

  @Query(() => [RecoveryAssessmentType], {
    description:
      "The recovery conditions judged per bucket (asOf = the bucket's start), so an analyst sees when a regime began and ended. Per bucket: open interest = each instrument's latest value at or before the bucket's end within 3 hours, summed (a condition on a sum missing an expected venue is UNKNOWN, never met); each bucket judged at its end (or at `to`, for a last bucket cut short): weekly ETF inflow = US net flow over the 7 UTC days ending on the latest day published by then (D + 1 18:00 UTC); RSI = marketSnapshot.rsi14 at that instant. Each of `rules`: its series at that instant, as recoverySignals reads it there. Three SQL statements for the whole range, plus one per series the rules read.",
  })
  async recoverySignalHistory(
    @Arg('asset', () => String, { description: 'Asset ticker ("BTC").' }) asset: string,
    @Arg('interval', () => Interval, { description: intervalArgDescription }) interval: Interval,
    @Arg('from', () => Date, { description: fromArgDescription }) from: Date,
    @Arg('to', () => Date, { nullable: true, description: 'Exclusive; defaults to now.' }) to: Date | null,
    @Arg('thresholds', () => RecoveryThresholdsInput, { nullable: true, description: 'The levels the conditions are judged against; each omitted level takes its default (see `RecoveryThresholdsInput`: open interest $30B, weekly ETF inflow $5B, RSI(14) 30).' }) thresholds: RecoveryThresholdsInput | null,
    @Arg('rules', () => [ConditionInput], { nullable: true, description: rulesArgDescription }) rules: ConditionInput[] | null,
    @Arg('knownAt', () => Date, { nullable: true, description: knownAtDescription }) knownAt: Date | null,
    @Ctx() ctx: Context,
  ): Promise<RecoveryAssessmentType[]> {
    const judged = validThresholds(thresholds);
    const judgedRules = await resolveRules(rules, ctx.registry);
    const range = bucketRange(interval, from, to);
    const record = await ctx.registry.requireAsset(asset);
    return recoveryHistory(ctx.db, record.id, range, judged, knownAt, judgedRules);
  }

  @Subscription(() => RecoveryAssessmentType, {
    description:
      'The recovery conditions, pushed at the start and whenever any condition flips between met and unmet; judged every `checkEveryMinutes` on data at that time. Each check after the first costs the subscription\'s points again, pushed or not; when the budget cannot pay, the subscription ends with `RATE_LIMITED`.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { asset: string; thresholds?: RecoveryThresholdsInput | null; checkEveryMinutes?: number | null }, Context>) => {
      const minutes = args.checkEveryMinutes ?? 1;
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) throw badInput('checkEveryMinutes', '`checkEveryMinutes` must be a whole number from 1 to 1440.');
      const thresholds = validThresholds(args.thresholds);
      const asset = await context.registry.requireAsset(args.asset);
      return new RecoveryWatch(context.db, context.clock, asset, thresholds, minutes * 60_000, context.chargeTick);
    },
  })
  recoveryConditionChanged(
    @Root() assessment: RecoveryAssessmentType,
    @Arg('asset', () => String, { description: 'Asset ticker ("BTC").' }) _asset: string,
    @Arg('thresholds', () => RecoveryThresholdsInput, { nullable: true, description: 'The levels the conditions are judged against; each omitted level takes its default (see `RecoveryThresholdsInput`: open interest $30B, weekly ETF inflow $5B, RSI(14) 30).' }) _thresholds: RecoveryThresholdsInput | null,
    @Arg('checkEveryMinutes', () => Int, { nullable: true, defaultValue: 1, description: 'How often the conditions are judged, 1 to 1440 minutes.' }) _every: number | null,
  ): RecoveryAssessmentType {
    return assessment;
  }
}
