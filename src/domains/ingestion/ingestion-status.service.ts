import { Db } from '../../db/sql';

export interface IngestionStatusRow {
  source: string;
  dataset: string;
  last_success_at: Date | null;
  last_error_at: Date | null;
  last_error: string | null;
  rows_last_24h: number;
}

/** One row per source and dataset ever run, in one statement (ingestionStatus and the CLI). */
export function findIngestionStatus(db: Db): Promise<IngestionStatusRow[]> {
  return db.query<IngestionStatusRow>(`
    SELECT source, dataset,
           max(finished_at) FILTER (WHERE status = 'SUCCEEDED') AS last_success_at,
           max(finished_at) FILTER (WHERE status = 'FAILED') AS last_error_at,
           (array_agg(error ORDER BY finished_at DESC) FILTER (WHERE status = 'FAILED'))[1] AS last_error,
           coalesce(sum(rows_written) FILTER (WHERE finished_at > now() - interval '24 hours'), 0)::int AS rows_last_24h
    FROM ingestion_run GROUP BY source, dataset ORDER BY source, dataset`);
}
