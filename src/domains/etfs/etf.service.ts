import { knownAtSource } from '../../db/known-at';
import { Db } from '../../db/sql';
import { BucketRange, bucketOf, bucketStartsSql } from '../shared/series';
import { EtfRow } from './etf.types';

const etfColumns = 'id, ticker, name, issuer, region, asset_id';

export function findEtfs(db: Db, filter: { assetIds?: readonly number[] | null; region?: string | null; ids?: readonly number[] }): Promise<EtfRow[]> {
  return db.query<EtfRow>(
    `SELECT ${etfColumns} FROM etf
     WHERE ($1::int[] IS NULL OR asset_id = ANY($1)) AND ($2::text IS NULL OR region = $2) AND ($3::int[] IS NULL OR id = ANY($3))
     ORDER BY region DESC, ticker`,
    [filter.assetIds ?? null, filter.region ?? null, filter.ids ?? null],
  );
}

export interface EtfFlowRow {
  etf_id: number;
  day: string;
  net_flow_usd: number;
  holdings: number | null;
}

/** Daily flows of several funds over [from, to) (dates, `to` exclusive), one statement. */
export function findEtfFlows(db: Db, etfIds: readonly number[], from: string | null, to: string | null): Promise<EtfFlowRow[]> {
  return db.query<EtfFlowRow>(
    `SELECT etf_id, day, net_flow_usd, holdings FROM etf_flow
     WHERE etf_id = ANY($1) AND ($2::date IS NULL OR day >= $2) AND ($3::date IS NULL OR day < $3)
     ORDER BY etf_id, day`,
    [etfIds, from, to],
  );
}

/** Net flow per bucket across the asset's funds (optionally one region); a day counts from 00:00 UTC. */
export interface EtfFlowBucketRow {
  start: Date;
  net_flow_usd: number;
  /** Tickers with a flow in the bucket, and those listed by its end with none. */
  reporting: string[] | null;
  expected: string[] | null;
}

export function findEtfFlowBuckets(db: Db, assetId: number, region: string | null, range: BucketRange, knownAt?: Date | null): Promise<EtfFlowBucketRow[]> {
  return db.query(
    `WITH buckets AS (${bucketStartsSql('$2', '$3', '$4')}),
     flows AS (
       SELECT ${bucketOf("(f.day::timestamp AT TIME ZONE 'UTC')", '$4')} AS start, sum(f.net_flow_usd) AS net_flow_usd,
              array_agg(DISTINCT e.ticker) AS reporting
       FROM ${knownAtSource('etf_flow', 'f', knownAt ? '$6::timestamptz' : null)} JOIN etf e ON e.id = f.etf_id
       WHERE f.asset_id = $1 AND f.day >= ($2::timestamptz AT TIME ZONE 'UTC')::date AND f.day < ($3::timestamptz AT TIME ZONE 'UTC')::date
         AND ($5::text IS NULL OR e.region = $5)
       GROUP BY 1
     )
     SELECT b.start, coalesce(f.net_flow_usd, 0) AS net_flow_usd, f.reporting,
            (SELECT array_agg(ticker ORDER BY ticker) FROM etf
             WHERE asset_id = $1 AND ($5::text IS NULL OR region = $5) AND (listed_on IS NULL OR listed_on < (b.start + $4::interval))) AS expected
     FROM buckets b LEFT JOIN flows f ON f.start = b.start ORDER BY b.start`,
    knownAt ? [assetId, range.firstStart, range.to, range.stepSql, region, knownAt] : [assetId, range.firstStart, range.to, range.stepSql, region],
  );
}
