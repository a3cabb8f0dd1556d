import { Db } from '../../db/sql';
import { assetLiquidationCompletenessSql } from '../shared/completeness';
import { expectedVenuesSql } from '../shared/coverage';
import { BucketRange, bucketOf, bucketStartsSql, intervalMs } from '../shared/series';
import { Interval } from '../shared/enums';
import { fromRow, rowColumns } from '../shared/planned/json-shape';
import { liquidationBucketShape } from './liquidation.shape';
import { LiquidationBucketType, LiquidationSums } from './liquidation.types';

/** Intervals served from liquidation_hourly alone: every bucket is a whole number of hours. */
const hourlyIntervals = new Set<Interval>([Interval.H1, Interval.H4, Interval.D1, Interval.W1]);

export interface LiquidationBucketRow extends LiquidationSums {
  start: Date;
  venue_ids?: number[] | null;
  expected_venue_ids?: number[] | null;
  /** Venues whose liquidation stream was silent (a stored stream_silence) during part of the bucket. */
  silent_venue_ids?: number[] | null;
}

/**
 * SQL: venue ids whose liquidation stream was silent during part of the bucket starting at
 * `b.start` (an open silence lasts until now) and that no REST run has refilled since. Their
 * events there are partial at best, so coverage lists them missing, not reporting.
 */
function silentVenuesSql(step: string, venuesParam: string): string {
  return `SELECT array_agg(DISTINCT ss.venue_id ORDER BY ss.venue_id) FROM stream_silence ss
          WHERE ss.dataset = 'liquidations' AND ss.venue_id IS NOT NULL AND ss.repaired_at IS NULL AND (${venuesParam}::int[] IS NULL OR ss.venue_id = ANY(${venuesParam}))
            AND ss.started_at < b.start + ${step}::interval AND coalesce(ss.ended_at, now()) > b.start`;
}

const longSum = `coalesce(sum(notional_usd) FILTER (WHERE side = 'LONG'), 0)::float8`;
const shortSum = `coalesce(sum(notional_usd) FILTER (WHERE side = 'SHORT'), 0)::float8`;

/**
 * Gap-filled buckets for one asset, in one statement. H1 and coarser read only the hourly
 * rollup; M1–M15 read raw events (liquidation_asset_page_idx). Each bucket whose start lies
 * in [from, to) is summed whole, so both paths agree on the same hours.
 */
export function findLiquidationBuckets(
  db: Db,
  assetId: number,
  venueIds: number[] | null,
  range: BucketRange,
  knownAt?: Date | null,
  /** Return each bucket's reporting and expected venues (only when `coverage` is selected). */
  withCoverage = true,
): Promise<LiquidationBucketRow[]> {
  const { text, params } = liquidationBucketsStatement(assetId, venueIds, range, knownAt, withCoverage);
  return db.query<LiquidationBucketRow>(text, params);
}

/** A bucket as the resolvers answer it, with the venue lists its coverage is named from (liquidationBucketShape's carried values). */
export type LiquidationBucket = LiquidationBucketType & { venueIds: number[] | null; expectedVenueIds: number[] | null; silentVenueIds: number[] | null };

/**
 * The buckets of findLiquidationBuckets as `LiquidationBucket` objects, every figure read from
 * liquidationBucketShape's columns (the planned history writes the same columns as JSON).
 */
export async function readLiquidationBuckets(
  db: Db,
  assetId: number,
  venueIds: number[] | null,
  range: BucketRange,
  knownAt: Date | null | undefined,
  withCoverage: boolean,
): Promise<LiquidationBucket[]> {
  const { text, params } = liquidationBucketsStatement(assetId, venueIds, range, knownAt, withCoverage);
  const rows = await db.query<Record<string, unknown>>(`SELECT ${rowColumns(liquidationBucketShape)} FROM (${text}) c ORDER BY c.start`, params);
  return rows.map((row) => fromRow<LiquidationBucket>(liquidationBucketShape, row));
}

/** The statement of findLiquidationBuckets (also wrapped by the planned history, liquidation.plan.ts). */
export function liquidationBucketsStatement(
  assetId: number,
  venueIds: number[] | null,
  range: BucketRange,
  knownAt: Date | null | undefined,
  withCoverage: boolean,
): { text: string; params: unknown[] } {
  const dataEnd = new Date(range.firstStart.getTime() + range.bucketCount * intervalMs[range.interval]);
  // The rollup cannot say when each event was learned: a point-in-time read sums raw events.
  const fromRollup = hourlyIntervals.has(range.interval) && !knownAt;
  const source = fromRollup
    ? `SELECT hour AS at, venue_id, side, notional_usd, event_count FROM liquidation_hourly
       WHERE asset_id = $4 AND hour >= $1::timestamptz AND hour < $5::timestamptz AND ($6::int[] IS NULL OR venue_id = ANY($6))`
    : `SELECT occurred_at AS at, venue_id, side, notional_usd, 1 AS event_count FROM liquidation
       WHERE asset_id = $4 AND occurred_at >= $1::timestamptz AND occurred_at < $5::timestamptz AND ($6::int[] IS NULL OR venue_id = ANY($6))
         AND ($7::timestamptz IS NULL OR recorded_at <= $7)`;
  return {
    text: `WITH buckets AS (${bucketStartsSql('$1', '$2', '$3')}),
     sums AS (
       SELECT ${bucketOf('at', '$3')} AS start, ${longSum} AS long_usd, ${shortSum} AS short_usd, sum(event_count)::int AS event_count,
              ${withCoverage ? 'array_agg(DISTINCT venue_id)' : 'NULL::int[]'} AS venue_ids
       FROM (${source}) rows GROUP BY 1
     )
     SELECT b.start, coalesce(s.long_usd, 0) AS long_usd, coalesce(s.short_usd, 0) AS short_usd, coalesce(s.event_count, 0) AS event_count,
            s.venue_ids, ${withCoverage ? `(${expectedVenuesSql('$4', '$6')})` : 'NULL::int[]'} AS expected_venue_ids,
            ${withCoverage ? `(${silentVenuesSql('$3', '$6')})` : 'NULL::int[]'} AS silent_venue_ids,
            ${assetLiquidationCompletenessSql('$4', '$6')} AS completeness
     FROM buckets b LEFT JOIN sums s USING (start) ORDER BY b.start`,
    params: fromRollup ? [range.firstStart, range.to, range.stepSql, assetId, dataEnd, venueIds] : [range.firstStart, range.to, range.stepSql, assetId, dataEnd, venueIds, knownAt ?? null],
  };
}

export interface VenueSumsRow extends Omit<LiquidationSums, 'completeness'> {
  venue_id: number;
}

const hourMs = 3_600_000;

/**
 * The window [from, to) split into whole UTC hours (read from the rollup) and the partial
 * hours at either end (read from raw events), so a 30-day window reads ~720 rollup rows per
 * asset and venue and at most two hours of raw events.
 */
export function splitAtHours(from: Date, to: Date): { hoursFrom: Date; hoursTo: Date; headTo: Date; tailFrom: Date } {
  const hoursFrom = new Date(Math.ceil(from.getTime() / hourMs) * hourMs);
  const hoursTo = new Date(Math.floor(to.getTime() / hourMs) * hourMs);
  if (hoursFrom.getTime() >= hoursTo.getTime()) return { hoursFrom: to, hoursTo: to, headTo: to, tailFrom: to };
  return { hoursFrom, hoursTo, headTo: hoursFrom, tailFrom: hoursTo };
}

/** Sums per venue over [from, to), one statement; assetId null sums every asset. */
export function sumLiquidationsByVenue(
  db: Db,
  filter: { assetId: number | null; venueIds?: number[] | null; from: Date; to: Date },
): Promise<VenueSumsRow[]> {
  const { hoursFrom, hoursTo, headTo, tailFrom } = splitAtHours(filter.from, filter.to);
  // Without an asset, the rollup's key (asset_id, hour, …) is still walked once per asset id.
  const hourlyAsset = filter.assetId === null ? '$1::int IS NULL AND asset_id = ANY(ARRAY(SELECT id FROM asset))' : 'asset_id = $1::int';
  const rawAsset = filter.assetId === null ? '$1::int IS NULL' : 'asset_id = $1::int';
  const venueCondition = '($2::int[] IS NULL OR venue_id = ANY($2))';
  return db.query<VenueSumsRow>(
    `SELECT venue_id, ${longSum} AS long_usd, ${shortSum} AS short_usd, sum(event_count)::int AS event_count
     FROM (
       SELECT venue_id, side, notional_usd, event_count FROM liquidation_hourly
       WHERE ${hourlyAsset} AND ${venueCondition} AND hour >= $3::timestamptz AND hour < $4::timestamptz
       UNION ALL
       SELECT venue_id, side, notional_usd, 1 FROM liquidation
       WHERE ${rawAsset} AND ${venueCondition} AND occurred_at >= $5::timestamptz AND occurred_at < $6::timestamptz
       UNION ALL
       SELECT venue_id, side, notional_usd, 1 FROM liquidation
       WHERE ${rawAsset} AND ${venueCondition} AND occurred_at >= $7::timestamptz AND occurred_at < $8::timestamptz
     ) parts
     GROUP BY venue_id`,
    [filter.assetId, filter.venueIds ?? null, hoursFrom, hoursTo, filter.from, headTo, tailFrom, filter.to],
  );
}
