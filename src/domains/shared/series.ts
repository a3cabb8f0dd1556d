import { CascadeError } from '../../core/errors';
import { Interval } from './enums';

/** `start` of every bucket type: one definition. */
export const bucketStartDescription = "Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval).";

/** The most buckets one series may return; beyond it the caller must narrow the range. */
export const maxBuckets = 10_000;

export const intervalMs: Record<Interval, number> = {
  M1: 60_000,
  M5: 300_000,
  M15: 900_000,
  H1: 3_600_000,
  H4: 14_400_000,
  D1: 86_400_000,
  W1: 604_800_000,
};

/** Postgres interval literal for each bucket width. */
export const intervalSql: Record<Interval, string> = {
  M1: '1 minute',
  M5: '5 minutes',
  M15: '15 minutes',
  H1: '1 hour',
  H4: '4 hours',
  D1: '1 day',
  W1: '7 days',
};

/** A Monday at 00:00 UTC: `date_bin` from here aligns every width, W1 included, to UTC. */
export const bucketOrigin = '2000-01-03T00:00:00Z';
const originMs = Date.parse(bucketOrigin);

export interface BucketRange {
  interval: Interval;
  /** First bucket's start: `from` floored to the interval's UTC boundary. */
  firstStart: Date;
  from: Date;
  /** Exclusive end. */
  to: Date;
  bucketCount: number;
  stepSql: string;
}

export function floorToInterval(time: Date, interval: Interval): Date {
  const step = intervalMs[interval];
  return new Date(originMs + Math.floor((time.getTime() - originMs) / step) * step);
}

export interface RangeOptions {
  /** Coarsest resolution the data is stored at; finer intervals are refused. */
  minInterval?: Interval;
  dataset?: string;
  now?: Date;
}

const order: Interval[] = [Interval.M1, Interval.M5, Interval.M15, Interval.H1, Interval.H4, Interval.D1, Interval.W1];

/**
 * Validates a series request and works out its buckets. `to` defaults to now and is exclusive;
 * the first bucket is the one that holds `from`.
 */
export function bucketRange(interval: Interval, from: Date, to: Date | null | undefined, options: RangeOptions = {}): BucketRange {
  const end = to ?? options.now ?? new Date();
  if (Number.isNaN(from.getTime())) throw new CascadeError('INVALID_TIME_RANGE', '`from` is not a valid time.', { argument: 'from' });
  if (Number.isNaN(end.getTime())) throw new CascadeError('INVALID_TIME_RANGE', '`to` is not a valid time.', { argument: 'to' });
  if (from.getTime() >= end.getTime()) {
    throw new CascadeError('INVALID_TIME_RANGE', `\`from\` (${from.toISOString()}) must be before \`to\` (${end.toISOString()}).`, {
      argument: 'from',
    });
  }
  if (options.minInterval && order.indexOf(interval) < order.indexOf(options.minInterval)) {
    throw new CascadeError(
      'INVALID_INTERVAL',
      `\`interval\` ${interval} is finer than ${options.dataset ?? 'this dataset'} is stored at; use ${options.minInterval} or coarser.`,
      { argument: 'interval', minInterval: options.minInterval },
    );
  }
  const firstStart = floorToInterval(from, interval);
  const bucketCount = Math.ceil((end.getTime() - firstStart.getTime()) / intervalMs[interval]);
  if (bucketCount > maxBuckets) {
    throw new CascadeError(
      'TOO_MANY_BUCKETS',
      `The range would return ${bucketCount} ${interval} buckets; the limit is ${maxBuckets}. Narrow \`from\`/\`to\` or use a wider \`interval\`.`,
      { argument: 'interval', bucketCount, maxBuckets },
    );
  }
  return { interval, firstStart, from, to: end, bucketCount, stepSql: intervalSql[interval] };
}

/**
 * SQL for the gap-free list of bucket starts of a range, given three parameters: the first
 * bucket's start, the exclusive end and the step. Join data onto it so empty buckets remain.
 */
export function bucketStartsSql(firstStart: string, end: string, step: string): string {
  return `SELECT generate_series(${firstStart}::timestamptz, ${end}::timestamptz - interval '1 microsecond', ${step}::interval) AS start`;
}

/** SQL expression putting a timestamp column into its bucket. */
export function bucketOf(column: string, step: string): string {
  return `date_bin(${step}::interval, ${column}, timestamptz '${bucketOrigin}')`;
}

/** Intervals whose buckets are whole UTC hours, so hourly rollups can serve them. */
export function servedByHourlyRollup(interval: Interval): boolean {
  return intervalMs[interval] >= intervalMs[Interval.H1];
}
