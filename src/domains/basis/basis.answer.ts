import { toCoverage } from '../shared/coverage';
import { MarginType } from '../shared/enums';
import { Registry } from '../shared/registry';
import { BucketRange, intervalMs } from '../shared/series';
import { toVenueType } from '../venues/venue.types';
import { basisOf, nearestTenorMinDays } from './basis.math';
import { BasisPointRow, PremiumBucketRow } from './basis.service';
import {
  FuturesBasisContractType,
  FuturesBasisNearestBucketType,
  FuturesBasisNearestVenueType,
  FuturesBasisPointType,
  PerpetualPremiumBucketType,
  PerpetualPremiumVenueType,
} from './basis.types';

/** The figure a single premium number is: OI-weighted when every perpetual had an open interest, else the plain mean. */
export const servedPremium = (row: Pick<PremiumBucketRow, 'oi_weighted_bps' | 'average_bps'>): number | null => row.oi_weighted_bps ?? row.average_bps;

/** The aggregate rows only (one per bucket, in order): what the timeline and the recovery rules read. */
export const premiumTotals = (rows: PremiumBucketRow[]): PremiumBucketRow[] => rows.filter((r) => r.total);

/** Rows of findPremiumBuckets (an aggregate row per bucket, then its venues' rows) as GraphQL buckets. */
export async function toPremiumBuckets(registry: Registry, rows: PremiumBucketRow[], withCoverage: boolean): Promise<PerpetualPremiumBucketType[]> {
  const buckets: PerpetualPremiumBucketType[] = [];
  for (const row of rows) {
    if (row.total) {
      buckets.push(
        Object.assign(new PerpetualPremiumBucketType(), {
          start: row.start,
          premiumBps: servedPremium(row),
          averagePremiumBps: row.average_bps,
          openInterestWeightedPremiumBps: row.oi_weighted_bps,
          instrumentCount: row.instrument_count,
          venues: [],
          coverage: withCoverage ? await toCoverage(registry, row.venue_ids, row.expected_venue_ids, row.last_recorded_at) : undefined,
        }),
      );
      continue;
    }
    // The per-venue grouping set of an empty bucket is one row with no venue: nothing reported.
    const record = row.venue_id === null ? undefined : await registry.venueById(row.venue_id);
    if (!record) continue;
    buckets[buckets.length - 1].venues.push(
      Object.assign(new PerpetualPremiumVenueType(), {
        venue: toVenueType(record),
        premiumBps: servedPremium(row),
        averagePremiumBps: row.average_bps,
        openInterestWeightedPremiumBps: row.oi_weighted_bps,
        instrumentCount: row.instrument_count,
      }),
    );
  }
  for (const bucket of buckets) bucket.venues.sort((a, b) => a.venue.slug.localeCompare(b.venue.slug));
  return buckets;
}

/** Bucket starts of a range, in order. */
function starts(range: BucketRange): Date[] {
  const width = intervalMs[range.interval];
  return Array.from({ length: range.bucketCount }, (_, i) => new Date(range.firstStart.getTime() + i * width));
}

const emptyPoint = (start: Date) => Object.assign(new FuturesBasisPointType(), { start, at: null, futuresPrice: null, indexPrice: null, basisBps: null, daysToExpiry: null, annualizedBasis: null });

/** Per contract, the range's buckets gap-filled; contracts by venue slug, then expiry, then symbol. */
export async function toBasisContracts(registry: Registry, range: BucketRange, rows: BasisPointRow[]): Promise<FuturesBasisContractType[]> {
  const byInstrument = new Map<number, BasisPointRow[]>();
  for (const row of rows) byInstrument.set(row.instrument_id, [...(byInstrument.get(row.instrument_id) ?? []), row]);
  const contracts: FuturesBasisContractType[] = [];
  for (const points of byInstrument.values()) {
    const first = points[0];
    const record = await registry.venueById(first.venue_id);
    if (!record) continue;
    const byStart = new Map(points.map((p) => [p.start.getTime(), p]));
    contracts.push(
      Object.assign(new FuturesBasisContractType(), {
        venue: toVenueType(record),
        symbol: first.symbol,
        expiresAt: first.expires_at,
        marginType: first.margin_type as MarginType,
        points: starts(range).map((start) => {
          const p = byStart.get(start.getTime());
          if (!p) return emptyPoint(start);
          return Object.assign(new FuturesBasisPointType(), { start, at: p.at, futuresPrice: p.mark_price, indexPrice: p.index_price, ...basisOf(p.mark_price, p.index_price, p.at, p.expires_at) });
        }),
      }),
    );
  }
  return contracts.sort((a, b) => a.venue.slug.localeCompare(b.venue.slug) || a.expiresAt.getTime() - b.expiresAt.getTime() || a.symbol.localeCompare(b.symbol));
}

/**
 * Per bucket, each venue's contract with the fewest days to expiry among those that reported an
 * annualised basis at least `nearestTenorMinDays` out; the mean over those venues.
 */
export function toNearestBuckets(range: BucketRange, contracts: FuturesBasisContractType[]): FuturesBasisNearestBucketType[] {
  return starts(range).map((start, i) => {
    const chosen = new Map<string, FuturesBasisNearestVenueType>();
    for (const contract of contracts) {
      const point = contract.points[i];
      if (point.annualizedBasis === null || point.daysToExpiry === null || point.daysToExpiry < nearestTenorMinDays) continue;
      const held = chosen.get(contract.venue.slug);
      if (held && held.daysToExpiry <= point.daysToExpiry) continue;
      chosen.set(contract.venue.slug, Object.assign(new FuturesBasisNearestVenueType(), { venue: contract.venue, symbol: contract.symbol, daysToExpiry: point.daysToExpiry, annualizedBasis: point.annualizedBasis }));
    }
    const venues = [...chosen.values()].sort((a, b) => a.venue.slug.localeCompare(b.venue.slug));
    const annualizedBasis = venues.length ? venues.reduce((sum, v) => sum + v.annualizedBasis, 0) / venues.length : null;
    return Object.assign(new FuturesBasisNearestBucketType(), { start, annualizedBasis, venues });
  });
}
