import { Field, ObjectType } from 'type-graphql';
import { Registry } from './registry';

/**
 * Which venues a bucket's figure stands on, so a dashboard can tell an outage from a calm
 * market: the venues that reported in the bucket, those expected (they list a matching
 * instrument) that did not, and when Cascade last learned a value in it.
 */
@ObjectType('BucketCoverage', { description: 'Which venues contributed to a bucket and which were expected but missing.' })
export class BucketCoverageType {
  @Field(() => [String], { description: 'Slugs of the venues with data in the bucket.' })
  reportingVenues!: string[];

  @Field(() => [String], { description: 'Slugs of the venues listing a matching instrument that reported nothing in the bucket.' })
  missingVenues!: string[];

  @Field(() => Date, { nullable: true, description: 'When Cascade recorded the newest value in the bucket (null when none).' })
  lastRecordedAt!: Date | null;
}

/** SQL: venue ids listing an instrument of asset `$asset` (optionally only ids in `$venues`). */
export function expectedVenuesSql(assetParam: string, venuesParam: string, extra = ''): string {
  return `SELECT array_agg(DISTINCT venue_id ORDER BY venue_id) FROM instrument WHERE asset_id = ${assetParam} AND active ${extra}
          AND (${venuesParam}::int[] IS NULL OR venue_id = ANY(${venuesParam}))`;
}

export async function toCoverage(registry: Registry, reporting: number[] | null, expected: number[] | null, lastRecordedAt: Date | null): Promise<BucketCoverageType> {
  const slug = async (id: number) => (await registry.venueById(id))?.slug ?? String(id);
  const present = new Set(reporting ?? []);
  return Object.assign(new BucketCoverageType(), {
    reportingVenues: await Promise.all([...present].sort((a, b) => a - b).map(slug)),
    missingVenues: await Promise.all((expected ?? []).filter((id) => !present.has(id)).map(slug)),
    lastRecordedAt,
  });
}
