import { Db } from '../../db/sql';
import { findCohortSupplyBuckets } from '../cohorts/cohort.service';
import { findDepthBuckets } from '../depth/depth.service';
import { findEtfFlowBuckets } from '../etfs/etf.service';
import { findExchangeFlowBuckets } from '../exchange-flows/exchange-flow.service';
import { findFundingBuckets } from '../funding/funding.service';
import { FundingWeighting } from '../funding/funding.types';
import { findLiquidationBuckets } from '../liquidations/liquidation.rollup';
import { findOpenInterestBuckets } from '../open-interest/open-interest.service';
import { findCandleBuckets } from '../prices/candle.service';
import { findCoinbasePremium } from '../spot-premium/coinbase-premium.service';
import { premiumBpsOf } from '../spot-premium/coinbase-premium.types';
import { BucketRange, intervalMs } from '../shared/series';
import { findBucketRsi } from '../signals/rsi-series';
import { aggregateRatio, sumReported } from '../taker-volume/taker-volume.answer';
import { findTakerVolumeBuckets } from '../taker-volume/taker-volume.service';
import { Interval } from '../shared/enums';
import { premiumTotals, servedPremium, toBasisContracts, toNearestBuckets } from '../basis/basis.answer';
import { findBasisPoints, findPremiumBuckets } from '../basis/basis.service';
import { Registry } from '../shared/registry';
import { timelineLongShortRatios } from '../positioning/positioning.timeline';
import { TimelineLongShortRatioType } from '../positioning/positioning.types';
import { TimelineBucketType } from './timeline.types';

type Field = keyof TimelineBucketType;
type Column = Array<number | null>;

/**
 * One statement per selected series (nine at most, run concurrently), each the same SQL the
 * single-series field runs; the series share the range's buckets, so they line up by index.
 */
export async function buildTimeline(db: Db, asset: { id: number }, range: BucketRange, fields: Set<string>, cohortIds: Map<string, number>, knownAt?: Date | null, registry: Registry = new Registry(db)): Promise<TimelineBucketType[]> {
  const wants = (...names: Field[]) => names.some((n) => fields.has(n));
  const columns = new Map<Field, Column>();
  const jobs: Array<Promise<void>> = [];
  const add = (job: () => Promise<void>) => jobs.push(job());

  let candles: Awaited<ReturnType<typeof findCandleBuckets>> = [];
  if (wants('close', 'liquidationIntensity')) {
    add(async () => {
      candles = await findCandleBuckets(db, [asset.id], range, knownAt);
      columns.set('close', candles.map((r) => r.close));
    });
  }
  // RSI at each bucket's end, exactly as marketSnapshot gives it at that instant (signals/rsi.ts).
  if (wants('rsi14')) add(async () => void columns.set('rsi14', await findBucketRsi(db, asset.id, range, knownAt)));
  if (wants('openInterestUsd', 'openInterestChangeUsd')) add(async () => void columns.set('openInterestUsd', (await findOpenInterestBuckets(db, asset.id, null, range, knownAt)).map((r) => r.open_interest_usd)));
  let fundingWeighting: Array<FundingWeighting | null> = [];
  if (wants('fundingRate8h', 'fundingWeighting')) {
    add(async () => {
      const rows = await findFundingBuckets(db, asset.id, null, range, knownAt);
      columns.set('fundingRate8h', rows.map((r) => r.oi_weighted_rate ?? r.average_rate));
      fundingWeighting = rows.map((r) => (r.oi_weighted_rate !== null ? FundingWeighting.OPEN_INTEREST : r.average_rate !== null ? FundingWeighting.EQUAL : null));
    });
  }
  if (wants('liquidationsLongUsd', 'liquidationsShortUsd', 'liquidationIntensity')) {
    add(async () => {
      const rows = await findLiquidationBuckets(db, asset.id, null, range, knownAt);
      columns.set('liquidationsLongUsd', rows.map((r) => r.long_usd));
      columns.set('liquidationsShortUsd', rows.map((r) => r.short_usd));
    });
  }
  if (wants('depthUsd2pct')) {
    add(async () => void columns.set('depthUsd2pct', (await findDepthBuckets(db, asset.id, null, range, 0.02, knownAt)).map((r) => (r.bid_usd === null || r.ask_usd === null ? null : r.bid_usd + r.ask_usd))));
  }
  if (wants('etfNetFlowUsd')) add(async () => void columns.set('etfNetFlowUsd', (await findEtfFlowBuckets(db, asset.id, null, range, knownAt)).map((r) => r.net_flow_usd)));
  for (const [field, slug] of [['lthSupplyChange', 'LTH'], ['whaleSupplyChange', 'WHALES']] as const) {
    const cohortId = cohortIds.get(slug);
    if (wants(field) && cohortId) add(async () => void columns.set(field, (await findCohortSupplyBuckets(db, cohortId, range, knownAt)).map((r) => r.change)));
  }
  if (wants('exchangeNetflow')) add(async () => void columns.set('exchangeNetflow', (await findExchangeFlowBuckets(db, asset.id, range, knownAt)).map((r) => r.inflow - r.outflow)));
  if (wants('coinbasePremiumBps')) add(async () => void columns.set('coinbasePremiumBps', (await findCoinbasePremium(db, asset.id, range, knownAt)).map(premiumBpsOf)));
  // Venues publish taker volume per 5 minutes: an M1 bucket cannot hold a period, so it stays null.
  if (wants('takerBuyUsd', 'takerSellUsd', 'takerBuySellRatio') && range.interval !== Interval.M1) {
    add(async () => {
      const rows = await findTakerVolumeBuckets(db, asset.id, null, range, knownAt);
      columns.set('takerBuyUsd', rows.map((r) => sumReported(r).buyUsd));
      columns.set('takerSellUsd', rows.map((r) => sumReported(r).sellUsd));
      columns.set('takerBuySellRatio', rows.map(aggregateRatio));
    });
  }
  if (wants('perpetualPremiumBps')) add(async () => void columns.set('perpetualPremiumBps', premiumTotals(await findPremiumBuckets(db, asset.id, null, range, knownAt)).map(servedPremium)));
  if (wants('futuresAnnualizedBasis')) {
    add(async () => {
      const contracts = await toBasisContracts(registry, range, await findBasisPoints(db, asset.id, null, range, knownAt));
      columns.set('futuresAnnualizedBasis', toNearestBuckets(range, contracts).map((b) => b.annualizedBasis));
    });
  }
  let longShortRatios: TimelineLongShortRatioType[][] = [];
  if (wants('longShortRatios') && range.interval !== Interval.M1) add(async () => void (longShortRatios = await timelineLongShortRatios(db, registry, asset.id, range, knownAt)));
  await Promise.all(jobs);

  const widthMs = intervalMs[range.interval];
  const starts = Array.from({ length: range.bucketCount }, (_, i) => new Date(range.firstStart.getTime() + i * widthMs));
  if (wants('openInterestChangeUsd')) {
    const oi = columns.get('openInterestUsd') ?? [];
    columns.set('openInterestChangeUsd', oi.map((value, i) => (i > 0 && value !== null && oi[i - 1] !== null ? value - (oi[i - 1] as number) : null)));
  }
  if (wants('liquidationIntensity')) {
    const longs = columns.get('liquidationsLongUsd') ?? [];
    const shorts = columns.get('liquidationsShortUsd') ?? [];
    columns.set(
      'liquidationIntensity',
      candles.map((c, i) => {
        if (c.high === null || c.low === null || !c.open || c.high === c.low) return null;
        return ((longs[i] ?? 0) + (shorts[i] ?? 0)) / ((100 * (c.high - c.low)) / c.open);
      }),
    );
  }
  return starts.map((start, i) => {
    const bucket = Object.assign(new TimelineBucketType(), { start });
    for (const [field, column] of columns) (bucket as unknown as Record<string, unknown>)[field] = column[i] ?? null;
    bucket.fundingWeighting = fundingWeighting[i] ?? null;
    bucket.longShortRatios = longShortRatios[i] ?? [];
    return bucket;
  });
}
