import { Db } from '../../db/sql';
import { knownAtSource } from '../../db/known-at';
import { expectedVenuesSql } from '../shared/coverage';
import { openInterestStaleAfter } from '../open-interest/open-interest.service';
import { BucketRange, bucketOf, bucketStartsSql } from '../shared/series';

/**
 * The premium and the basis read the same rows: `mark_price` readings that carry the venue's own
 * index (`index_price`, filled by every connector: Binance premiumIndex, Bybit tickers, OKX
 * index-tickers, Deribit get_index_price, Hyperliquid oraclePx). Per instrument and bucket the
 * last reading in the bucket stands for it (docs/analytics.md, "Basis").
 */

/** One perpetual premium figure of a bucket: per venue (`venue_id`) or the aggregate (`venue_id` null, `total`). */
export interface PremiumBucketRow {
  start: Date;
  venue_id: number | null;
  total: boolean;
  /** Plain mean over instruments of (mark / index − 1) × 10 000. */
  average_bps: number | null;
  /** The same premia weighted by open interest USD; null unless every instrument has one. */
  oi_weighted_bps: number | null;
  instrument_count: number;
  venue_ids: number[] | null;
  expected_venue_ids: number[] | null;
  last_recorded_at: Date | null;
}

const premiumParams = (assetId: number, venueIds: number[] | null, range: BucketRange, knownAt?: Date | null) =>
  knownAt ? [assetId, range.firstStart, range.to, range.stepSql, venueIds, knownAt] : [assetId, range.firstStart, range.to, range.stepSql, venueIds];

/**
 * Per bucket, per perpetual: its last mark with an index in the bucket, premium (mark / index − 1)
 * × 10 000 bp, weighted by its open interest in USD at that reading (the latest reading at or
 * before it, no older than the open-interest staleness bound). Per venue and across venues: the
 * plain mean, and the OI-weighted mean when every instrument has an open interest (null otherwise:
 * a weighting over a subset would be neither). GROUPING SETS give both in one statement.
 */
export function findPremiumBuckets(db: Db, assetId: number, venueIds: number[] | null, range: BucketRange, knownAt?: Date | null): Promise<PremiumBucketRow[]> {
  const at = knownAt ? '$6::timestamptz' : null;
  return db.query<PremiumBucketRow>(
    `WITH buckets AS (${bucketStartsSql('$2', '$3', '$4')}),
     last_mark AS (
       SELECT DISTINCT ON (m.instrument_id, ${bucketOf('m.at', '$4')}) ${bucketOf('m.at', '$4')} AS start,
              m.instrument_id, i.venue_id, m.at, m.mark_price, m.index_price, m.recorded_at
       FROM ${knownAtSource('mark_price', 'm', at)} JOIN instrument i ON i.id = m.instrument_id
       WHERE m.asset_id = $1 AND m.at >= $2 AND m.at < $3 AND i.contract_type = 'PERPETUAL' AND m.index_price > 0
         AND ($5::int[] IS NULL OR i.venue_id = ANY($5))
       ORDER BY m.instrument_id, ${bucketOf('m.at', '$4')}, m.at DESC
     ),
     weighted AS (
       SELECT l.start, l.venue_id, l.recorded_at, (l.mark_price / l.index_price - 1) * 10000 AS premium_bps, oi.usd AS open_interest_usd
       FROM last_mark l
       LEFT JOIN LATERAL (SELECT o.open_interest_usd AS usd FROM ${knownAtSource('open_interest', 'o', at)}
                          WHERE o.asset_id = $1 AND o.instrument_id = l.instrument_id AND o.at <= l.at AND o.at >= l.at - interval '${openInterestStaleAfter}'
                          ORDER BY o.at DESC LIMIT 1) oi ON true
     )
     SELECT b.start, w.venue_id, GROUPING(w.venue_id) = 1 AS total,
            avg(w.premium_bps) AS average_bps,
            CASE WHEN count(w.premium_bps) = count(w.open_interest_usd)
                 THEN sum(w.premium_bps * w.open_interest_usd) / nullif(sum(w.open_interest_usd), 0) END AS oi_weighted_bps,
            count(w.premium_bps)::int AS instrument_count,
            array_agg(DISTINCT w.venue_id) FILTER (WHERE w.venue_id IS NOT NULL) AS venue_ids,
            (${expectedVenuesSql('$1', '$5', "AND contract_type = 'PERPETUAL'")}) AS expected_venue_ids,
            max(w.recorded_at) AS last_recorded_at
     FROM buckets b LEFT JOIN weighted w ON w.start = b.start
     GROUP BY GROUPING SETS ((b.start), (b.start, w.venue_id))
     ORDER BY b.start, total DESC, w.venue_id`,
    premiumParams(assetId, venueIds, range, knownAt),
  );
}

/** A dated future's last reading (mark and index) in one bucket. */
export interface BasisPointRow {
  instrument_id: number;
  venue_id: number;
  symbol: string;
  margin_type: 'LINEAR' | 'INVERSE';
  expires_at: Date;
  start: Date;
  at: Date;
  mark_price: number;
  index_price: number;
  recorded_at: Date;
}

/**
 * Per dated future of the asset (contract_type FUTURE, whatever its state today: one that has
 * expired since keeps its history) and bucket: its last mark with an index in the bucket, read
 * before its expiry. Ordered by instrument then bucket.
 */
export function findBasisPoints(db: Db, assetId: number, venueIds: number[] | null, range: BucketRange, knownAt?: Date | null): Promise<BasisPointRow[]> {
  return db.query<BasisPointRow>(
    `SELECT DISTINCT ON (m.instrument_id, ${bucketOf('m.at', '$4')}) m.instrument_id, i.venue_id, i.symbol, i.margin_type, i.expires_at,
            ${bucketOf('m.at', '$4')} AS start, m.at, m.mark_price, m.index_price, m.recorded_at
     FROM ${knownAtSource('mark_price', 'm', knownAt ? '$6::timestamptz' : null)} JOIN instrument i ON i.id = m.instrument_id
     WHERE m.asset_id = $1 AND m.at >= $2 AND m.at < $3 AND i.contract_type = 'FUTURE' AND i.expires_at IS NOT NULL
       AND m.at < i.expires_at AND m.index_price > 0 AND ($5::int[] IS NULL OR i.venue_id = ANY($5))
     ORDER BY m.instrument_id, ${bucketOf('m.at', '$4')}, m.at DESC`,
    premiumParams(assetId, venueIds, range, knownAt),
  );
}

/** Venues listing an active dated future of the asset (within `venueIds`): those the basis expects to report. */
export async function findFuturesVenues(db: Db, assetId: number, venueIds: number[] | null): Promise<number[]> {
  const [row] = await db.query<{ ids: number[] | null }>(`SELECT (${expectedVenuesSql('$1', '$2', "AND contract_type = 'FUTURE'")}) AS ids`, [assetId, venueIds]);
  return row?.ids ?? [];
}
