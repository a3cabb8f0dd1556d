import { Db } from '../../db/sql';
import { knownAtSource } from '../../db/known-at';
import { ConditionSeriesEntry, RuleMoment, SeriesReading, SeriesRequest } from './condition-series';

/**
 * One statement per series for the whole request, whatever the number of moments (buckets) and
 * venues: the entry's SQL is a LATERAL subquery run for every (moment, venue) pair of
 * unnest($2) × unnest($3). recoverySignals reads one moment; recoverySignalHistory every
 * bucket's judged instant, so a bucket's rule value is the value recoverySignals gives at it.
 */
function statementFor(entry: ConditionSeriesEntry & { read: { sql: (m: RuleMoment) => string } }, pointInTime: boolean): string {
  const k = pointInTime ? '$4::timestamptz' : null;
  const m: RuleMoment = { from: (table, alias = table) => knownAtSource(table, alias, k), asset: '$1', at: 'j.at', venue: 'r.venue_id', pointInTime };
  return `SELECT r.n::int AS venue_index, j.n::int AS moment_index, v.value::float8 AS value, v.partial::text[] AS partial
FROM unnest($2::timestamptz[]) WITH ORDINALITY AS j(at, n)
CROSS JOIN unnest($3::int[]) WITH ORDINALITY AS r(venue_id, n)
CROSS JOIN LATERAL (${entry.read.sql(m)}) v`;
}

/** Statement texts are fixed per entry and form, so they can be prepared by name (db/sql.ts). */
const statements = new Map<string, string>();

/** The readings of one series: readings[venue][moment], in the order of `request`. */
export async function readSeries(db: Db, entry: ConditionSeriesEntry, request: SeriesRequest): Promise<SeriesReading[][]> {
  if ('custom' in entry.read) return entry.read.custom(db, request);
  const pointInTime = request.knownAt !== null;
  const key = `${entry.series}:${pointInTime}`;
  let text = statements.get(key);
  if (!text) statements.set(key, (text = statementFor(entry as ConditionSeriesEntry & { read: { sql: (m: RuleMoment) => string } }, pointInTime)));
  const params: unknown[] = [request.assetId, request.moments, request.venueIds];
  const rows = await db.query<{ venue_index: number; moment_index: number; value: number | null; partial: string[] | null }>(text, pointInTime ? [...params, request.knownAt] : params);
  const readings: SeriesReading[][] = request.venueIds.map(() => request.moments.map(() => ({ value: null, partial: null })));
  for (const row of rows) readings[row.venue_index - 1][row.moment_index - 1] = { value: row.value, partial: row.partial };
  return readings;
}
