import { knownAtSource } from '../../db/known-at';
import { Db } from '../../db/sql';
import { dataSourceCatalog } from '../sources/data-source.catalog';
import { BucketRange, bucketOf, bucketStartsSql } from '../shared/series';
import { takerVolumePeriodMs } from './taker-volume.table';

/** Slugs of the venues Cascade has a taker-volume source for (the data-source catalog): the others are NOT_COLLECTED. */
export const takerVolumeVenues: string[] = [...new Set(dataSourceCatalog.filter((e) => e.dataset === 'taker-volume' && e.venue).map((e) => e.venue!))].sort();

/** One venue's sums in a bucket. */
export interface TakerVolumeVenueSums {
  venue_id: number;
  buy_usd: number;
  sell_usd: number;
  /** Distinct 5-minute periods of the venue in the bucket (over all its contracts). */
  periods: number;
  last_recorded_at: Date;
}

export interface TakerVolumeBucketRow {
  start: Date;
  /** The 5-minute periods the bucket holds up to `to`: a venue reporting fewer is partial. */
  periods_expected: number;
  /** Venues with data in the bucket, with their sums. */
  venues: TakerVolumeVenueSums[];
  /** Venues with a taker-volume source and an active perpetual of the asset, whose first period came before the bucket's end. */
  expected_venue_ids: number[];
  /** Venues listing an active instrument of the asset that publish no taker-volume series. */
  not_collected_venue_ids: number[];
}

/**
 * Per bucket and venue (docs/analytics.md, "Aggressor flow"): the sums of every contract's
 * taker buy and sell USD over the 5-minute periods that START in the bucket and END by `to`
 * (a period `to` cuts is not counted half), and how many distinct periods that is. A period is
 * the unit the venues publish, so nothing finer than 5 minutes is served.
 */
export function findTakerVolumeBuckets(db: Db, assetId: number, venueIds: number[] | null, range: BucketRange, knownAt?: Date | null): Promise<TakerVolumeBucketRow[]> {
  const source = knownAtSource('taker_volume', 't', knownAt ? '$7::timestamptz' : null);
  const period = `interval '${takerVolumePeriodMs / 60_000} minutes'`;
  const params: unknown[] = [assetId, range.firstStart, range.to, range.stepSql, venueIds, takerVolumeVenues];
  if (knownAt) params.push(knownAt);
  return db.query<TakerVolumeBucketRow>(
    `WITH buckets AS (${bucketStartsSql('$2', '$3', '$4')}),
     per_venue AS (
       SELECT ${bucketOf('t.at', '$4')} AS start, i.venue_id, sum(t.buy_usd) AS buy_usd, sum(t.sell_usd) AS sell_usd,
              count(DISTINCT t.at)::int AS periods, max(t.recorded_at) AS last_recorded_at
       FROM ${source} JOIN instrument i ON i.id = t.instrument_id
       WHERE t.asset_id = $1 AND t.at >= $2 AND t.at + ${period} <= $3 AND ($5::int[] IS NULL OR i.venue_id = ANY($5))
       GROUP BY 1, 2
     ),
     -- MATERIALIZED: listing and first_period are read once per bucket below; inlined, they would be recomputed for every bucket.
     listing AS MATERIALIZED (
       SELECT DISTINCT i.venue_id, v.slug = ANY($6::text[]) AS collected FROM instrument i JOIN venue v ON v.id = i.venue_id
       WHERE i.asset_id = $1 AND i.active AND ($5::int[] IS NULL OR i.venue_id = ANY($5))
     ),
     first_period AS MATERIALIZED (
       -- A venue is expected from its first period on, whenever learned (as open interest).
       SELECT l.venue_id, (SELECT min(t.at) FROM taker_volume t JOIN instrument i ON i.id = t.instrument_id WHERE t.asset_id = $1 AND i.venue_id = l.venue_id) AS first_at
       FROM listing l WHERE l.collected
     ),
     -- Each bucket's venues in one hash join, not a scan of per_venue per bucket.
     venue_sums AS (
       SELECT p.start, json_agg(json_build_object('venue_id', p.venue_id, 'buy_usd', p.buy_usd, 'sell_usd', p.sell_usd, 'periods', p.periods,
                                                  'last_recorded_at', p.last_recorded_at) ORDER BY p.venue_id) AS venues
       FROM per_venue p GROUP BY p.start
     )
     SELECT b.start,
            floor(extract(epoch FROM least(b.start + $4::interval, $3::timestamptz) - b.start) / ${takerVolumePeriodMs / 1000})::int AS periods_expected,
            coalesce(s.venues, '[]') AS venues,
            coalesce((SELECT array_agg(f.venue_id ORDER BY f.venue_id) FROM first_period f WHERE f.first_at < b.start + $4::interval), '{}') AS expected_venue_ids,
            coalesce((SELECT array_agg(l.venue_id ORDER BY l.venue_id) FROM listing l WHERE NOT l.collected), '{}') AS not_collected_venue_ids
     FROM buckets b LEFT JOIN venue_sums s ON s.start = b.start ORDER BY b.start`,
    params,
  ).then((rows) => rows.map((r) => ({ ...r, venues: r.venues.map((v) => ({ ...v, last_recorded_at: new Date(v.last_recorded_at) })) })));
}
