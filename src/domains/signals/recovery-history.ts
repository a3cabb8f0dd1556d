import { Db } from '../../db/sql';
import { findOpenInterestBuckets } from '../open-interest/open-interest.service';
import { knownAtSource } from '../../db/known-at';
import { findCandleBuckets, findDailyCloses } from '../prices/candle.service';
import { BucketRange, intervalMs } from '../shared/series';
import { wilderRsi } from './rsi';
import { assessRecovery } from './signals.service';
import { MarketSnapshotType, RecoveryAssessmentType, RecoveryThresholdsInput } from './signals.types';

const dayMs = 86_400_000;

/**
 * The recovery conditions judged at the end of every bucket, set-based: four statements for
 * the whole range (open interest per bucket, closes per bucket, daily closes, daily US ETF
 * flows), then the conditions in memory. Open interest is each instrument's latest reading
 * before the bucket's end within the staleness bound, summed (UNKNOWN when a venue is missing); the ETF flow is the 7 days ending on the bucket's last day; RSI is the
 * daily RSI with the last day closing at the bucket's last price.
 */
export async function recoveryHistory(db: Db, assetId: number, range: BucketRange, thresholds: RecoveryThresholdsInput, knownAt?: Date | null): Promise<RecoveryAssessmentType[]> {
  const [openInterest, candles, dailyCloses, etfDays] = await Promise.all([
    findOpenInterestBuckets(db, assetId, null, range, knownAt),
    findCandleBuckets(db, [assetId], range, knownAt),
    findDailyCloses(db, assetId, range.to, knownAt),
    db.query<{ day: string; net_flow_usd: number }>(
      `SELECT f.day, sum(f.net_flow_usd) AS net_flow_usd FROM ${knownAtSource('etf_flow', 'f', knownAt ? '$4::timestamptz' : null)} JOIN etf e ON e.id = f.etf_id
       WHERE f.asset_id = $1 AND e.region = 'US' AND f.day >= ($2::timestamptz AT TIME ZONE 'UTC')::date - 7 AND f.day < ($3::timestamptz AT TIME ZONE 'UTC')::date + 1
       GROUP BY f.day`,
      knownAt ? [assetId, range.firstStart, range.to, knownAt] : [assetId, range.firstStart, range.to],
    ),
  ]);
  const flowByDay = new Map(etfDays.map((d) => [d.day, d.net_flow_usd]));
  const width = intervalMs[range.interval];
  return openInterest.map((bucket, i) => {
    const end = bucket.start.getTime() + width;
    const lastDay = new Date(end - 1);
    let etfFlow: number | null = null;
    for (let d = 0; d < 7; d += 1) {
      const flow = flowByDay.get(new Date(lastDay.getTime() - d * dayMs).toISOString().slice(0, 10));
      if (flow !== undefined) etfFlow = (etfFlow ?? 0) + flow;
    }
    const close = candles[i]?.close ?? null;
    const completed = dailyCloses.filter((c) => c.start.getTime() + dayMs <= end).map((c) => c.close);
    const snapshot = Object.assign(new MarketSnapshotType(), {
      asOf: bucket.start,
      openInterestUsd: bucket.open_interest_usd,
      openInterestMissingVenues: bucket.missing_venues ?? [],
      etfNetFlow7dUsd: etfFlow,
      rsi14: close === null ? null : wilderRsi([...completed, close]),
    });
    return assessRecovery(snapshot, thresholds);
  });
}
