import { Db } from '../../db/sql';
import { AssetRecord } from '../shared/registry';
import { toAssetType } from '../assets/asset.types';
import { toTotals } from '../liquidations/liquidation.types';
import { rsiFromClosed } from './rsi';
import { findSnapshot } from './signals.sql';
import { openInterestPartialReason, unknownBecause } from './recovery-reasons';
import { MarketSnapshotType, RecoveryAssessmentType, RecoveryConditionStatus, RecoveryConditionType, RecoveryThresholdsInput } from './signals.types';

export async function marketSnapshot(db: Db, asset: AssetRecord, at: Date, knownAt?: Date | null): Promise<MarketSnapshotType> {
  const row = await findSnapshot(db, asset.id, at, knownAt);
  const closes = row.daily_closes ?? [];
  const rsi14 = rsiFromClosed(closes, row.price);
  return Object.assign(new MarketSnapshotType(), {
    asset: toAssetType(asset),
    asOf: at,
    priceUsd: row.price,
    change24h: row.price !== null && row.price_24h_ago ? row.price / row.price_24h_ago - 1 : null,
    drawdownFromHigh: row.price !== null && row.high_close ? 1 - row.price / row.high_close : null,
    rsi14,
    openInterestUsd: row.open_interest_usd,
    openInterestMissingVenues: row.open_interest_missing_venues ?? [],
    openInterestChange24hUsd: row.open_interest_usd !== null && row.open_interest_usd_24h_ago !== null ? row.open_interest_usd - row.open_interest_usd_24h_ago : null,
    leverageRatio: row.open_interest_usd !== null && row.price !== null && row.circulating_supply ? row.open_interest_usd / (row.price * row.circulating_supply) : null,
    openInterestWeightedFunding: row.oi_weighted_funding,
    liquidations24h: toTotals(row, row.completeness),
    etfNetFlow7dUsd: row.etf_net_flow_7d,
    lthSupplyChange30d: row.lth_change_30d,
    whaleSupplyChange30d: row.whale_change_30d,
    exchangeNetflow7d: row.exchange_netflow_7d,
    depthRatio: row.depth_now !== null && row.depth_median_30d ? row.depth_now / row.depth_median_30d : null,
  });
}

/**
 * One condition: judged only on complete data. A missing value, or one standing on partial data
 * (`partialBecause`), answers UNKNOWN with value null and met false, never a "met" made by a gap.
 */
export function condition(name: string, value: number | null, threshold: number, holds: (value: number) => boolean, missingBecause: string, partialBecause: string | null = null): RecoveryConditionType {
  const reason = value === null ? missingBecause : partialBecause;
  if (reason !== null) return Object.assign(new RecoveryConditionType(), { name, value: null, threshold, met: false, status: RecoveryConditionStatus.UNKNOWN, reason });
  const met = holds(value as number);
  return Object.assign(new RecoveryConditionType(), { name, value, threshold, met, status: met ? RecoveryConditionStatus.MET : RecoveryConditionStatus.NOT_MET, reason: null });
}

/** The article's three conditions, judged on one snapshot. */
export function assessRecovery(snapshot: MarketSnapshotType, thresholds: RecoveryThresholdsInput): RecoveryAssessmentType {
  const conditions = [
    condition('openInterestBelow', snapshot.openInterestUsd, thresholds.maxOpenInterestUsd, (v) => v < thresholds.maxOpenInterestUsd,
      unknownBecause.openInterestMissing, openInterestPartialReason(snapshot.openInterestMissingVenues)),
    condition('weeklyEtfInflowAbove', snapshot.etfNetFlow7dUsd, thresholds.minWeeklyEtfInflowUsd, (v) => v > thresholds.minWeeklyEtfInflowUsd, unknownBecause.etfFlowMissing),
    condition('rsiOversold', snapshot.rsi14, thresholds.rsiOversold, (v) => v <= thresholds.rsiOversold, unknownBecause.rsiMissing),
  ];
  return Object.assign(new RecoveryAssessmentType(), { asOf: snapshot.asOf, conditions, allMet: conditions.every((c) => c.met) });
}
