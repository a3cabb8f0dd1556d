import { Field, ObjectType } from 'type-graphql';
import { Registry, VenueRecord } from './registry';

/**
 * Which venues a bucket's figure stands on, so a dashboard can tell an outage from a calm
 * market: the venues that reported in the bucket, those expected (they list a matching
 * instrument) that did not, and when Cascade last learned a value in it.
 */
@ObjectType('BucketCoverage', { description: 'Which venues contributed to a bucket and which were expected but missing.' })
export class BucketCoverageType {
  @Field(() => [String], { description: 'Slugs of the venues with data in the bucket.' })
  reportingVenues!: string[];

  @Field(() => [String], {
    description: 'Slugs of the venues listing a matching instrument, collected by Cascade, that reported nothing in the bucket (an outage or a quiet market).',
  })
  missingVenues!: string[];

  @Field(() => [String], {
    description:
      "Slugs of the venues listing a matching instrument whose data for this series Cascade does not collect (liquidations: `Venue.completeness` NOT_COLLECTED), so their absence is expected and says nothing about the market. Empty for series every venue feeds.",
  })
  notCollectedVenues!: string[];

  @Field(() => Date, { nullable: true, description: 'When Cascade recorded the newest value in the bucket (null when none).' })
  lastRecordedAt!: Date | null;
}

/** SQL: venue ids listing an instrument of asset `$asset` (optionally only ids in `$venues`). */
export function expectedVenuesSql(assetParam: string, venuesParam: string, extra = ''): string {
  return `SELECT array_agg(DISTINCT venue_id ORDER BY venue_id) FROM instrument WHERE asset_id = ${assetParam} AND active ${extra}
          AND (${venuesParam}::int[] IS NULL OR venue_id = ANY(${venuesParam}))`;
}

/**
 * The coverage of one bucket from its reporting and expected venue ids. `notCollected` names the
 * venues the series has no source for (for liquidations, from each venue's completeness): they are
 * listed apart, so "missing" keeps meaning "should have reported and did not".
 */
export async function toCoverage(
  registry: Registry,
  reporting: number[] | null,
  expected: number[] | null,
  lastRecordedAt: Date | null,
  notCollected: (venue: VenueRecord) => boolean = () => false,
): Promise<BucketCoverageType> {
  const venue = async (id: number) => registry.venueById(id);
  const slug = async (id: number) => (await venue(id))?.slug ?? String(id);
  const present = new Set(reporting ?? []);
  const absent = await Promise.all((expected ?? []).filter((id) => !present.has(id)).map(async (id) => ({ id, record: await venue(id) })));
  const uncollected = absent.filter((a) => a.record && notCollected(a.record));
  return Object.assign(new BucketCoverageType(), {
    reportingVenues: await Promise.all([...present].sort((a, b) => a - b).map(slug)),
    missingVenues: absent.filter((a) => !uncollected.includes(a)).map((a) => a.record?.slug ?? String(a.id)),
    notCollectedVenues: uncollected.map((a) => a.record!.slug),
    lastRecordedAt,
  });
}
