import { Db } from '../../db/sql';
import { findOpenInterestBuckets } from '../open-interest/open-interest.service';
import { knownAtSource } from '../../db/known-at';
import { bucketJudgedAt } from '../shared/judged-at';
import { latestPublishedDay } from '../shared/publication';
import { BucketRange } from '../shared/series';
import { findBucketRsi } from './rsi-series';
import { assessRecovery } from './signals.service';
import { judgeRules, Rule, withRules } from './condition-rules';
import { MarketSnapshotType, RecoveryAssessmentType, RecoveryThresholdsInput } from './signals.types';

const dayMs = 86_400_000;

/**
 * The recovery conditions judged at the end of every bucket (or at `to`, for a last bucket cut
 * short: shared/judged-at.ts), set-based: three statements for the whole range (open interest
 * per bucket, RSI's daily closes and prices, daily US ETF flows), then the conditions in memory. Open interest is each instrument's latest reading
 * before the bucket's end within the staleness bound, summed (UNKNOWN when a venue is missing); the ETF flow is the 7 days ending on the latest day published by the
 * judged instant (shared/publication.ts); RSI is marketSnapshot's at that instant (rsi.ts).
 * Each rule is its series' value at the judged instant, as recoverySignals reads it there: one
 * more statement per series the rules read, not per bucket.
 */
export async function recoveryHistory(db: Db, assetId: number, range: BucketRange, thresholds: RecoveryThresholdsInput, knownAt?: Date | null, rules: readonly Rule[] = []): Promise<RecoveryAssessmentType[]> {
  const judged = bucketJudgedAt(range);
  // Per bucket, the latest day whose ETF flows are published by the instant it is judged at.
  const etfThrough = judged.map((at) => latestPublishedDay('etf_flow', at));
  const [openInterest, rsi, etfDays, ruleConditions] = await Promise.all([
    findOpenInterestBuckets(db, assetId, null, range, knownAt),
    findBucketRsi(db, assetId, range, knownAt),
    db.query<{ day: string; net_flow_usd: number }>(
      `SELECT f.day, sum(f.net_flow_usd) AS net_flow_usd FROM ${knownAtSource('etf_flow', 'f', knownAt ? '$4::timestamptz' : null)} JOIN etf e ON e.id = f.etf_id
       WHERE f.asset_id = $1 AND e.region = 'US' AND f.day > $2::date - 7 AND f.day <= $3::date
       GROUP BY f.day`,
      knownAt ? [assetId, etfThrough[0], etfThrough[etfThrough.length - 1], knownAt] : [assetId, etfThrough[0], etfThrough[etfThrough.length - 1]],
    ),
    // The rules at the same instants: one statement per series for the whole range (condition-rules.ts).
    judgeRules(db, assetId, judged, rules, knownAt),
  ]);
  const flowByDay = new Map(etfDays.map((d) => [d.day, d.net_flow_usd]));
  return openInterest.map((bucket, i) => {
    const lastDay = new Date(`${etfThrough[i]}T00:00:00Z`);
    let etfFlow: number | null = null;
    for (let d = 0; d < 7; d += 1) {
      const flow = flowByDay.get(new Date(lastDay.getTime() - d * dayMs).toISOString().slice(0, 10));
      if (flow !== undefined) etfFlow = (etfFlow ?? 0) + flow;
    }
    const snapshot = Object.assign(new MarketSnapshotType(), {
      asOf: bucket.start,
      openInterestUsd: bucket.open_interest_usd,
      openInterestMissingVenues: bucket.missing_venues ?? [],
      etfNetFlow7dUsd: etfFlow,
      rsi14: rsi[i],
    });
    return withRules(assessRecovery(snapshot, thresholds), ruleConditions[i], rules);
  });
}
