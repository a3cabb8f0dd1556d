import { Db } from '../../db/sql';
import { Registry } from '../shared/registry';
import { BucketRange, intervalMs } from '../shared/series';
import { longShortRatioDefinitions } from './positioning.definitions';
import { findPositioningBuckets } from './positioning.service';
import { TimelineLongShortRatioType } from './positioning.types';

/**
 * The timeline's `longShortRatios`: per bucket, every stored series' reading in it (each venue,
 * instrument and definition its own entry, as `longShortRatioHistory` gives it), one statement.
 * Never averaged: the definitions and the venues' populations differ.
 */
export async function timelineLongShortRatios(db: Db, registry: Registry, assetId: number, range: BucketRange, knownAt?: Date | null): Promise<TimelineLongShortRatioType[][]> {
  const perBucket: TimelineLongShortRatioType[][] = Array.from({ length: range.bucketCount }, () => []);
  const widthMs = intervalMs[range.interval];
  for (const row of await findPositioningBuckets(db, assetId, longShortRatioDefinitions, null, range, knownAt)) {
    if (row.long_short_ratio === null) continue;
    const index = Math.round((row.start.getTime() - range.firstStart.getTime()) / widthMs);
    perBucket[index]?.push(
      Object.assign(new TimelineLongShortRatioType(), {
        venue: (await registry.venueById(row.venue_id))?.slug ?? String(row.venue_id),
        instrument: row.scope,
        definition: row.kind,
        longShortRatio: row.long_short_ratio,
        longShare: row.long_share,
      }),
    );
  }
  return perBucket;
}
