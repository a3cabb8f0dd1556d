import { Field, ObjectType } from 'type-graphql';
import { Registry, VenueRecord } from './registry';

/**
 * Which venues a bucket's figure stands on, so a dashboard can tell an outage from a calm
 * market: the venues that reported in the bucket, those expected (they list a matching
 * instrument) that did not, and when Cascade last learned a value in it.
 */
@ObjectType('CoverageGap', { description: "An instrument that reported in a bucket but whose figure for it is unknown, not small, and why." })
export class CoverageGapType {
  @Field({ description: 'Slug of the venue.' })
  venue!: string;

  @Field({ description: "The instrument's symbol on the venue." })
  instrument!: string;

  @Field({
    description:
      "Why the figure is unknown, in words. Depth: how far the book Cascade fetched reached from mid (percent) and the request's levels-a-side limit that cut it off, short of the band.",
  })
  reason!: string;
}

/** An unknown figure of one instrument in a bucket (for `toCoverage`). */
export interface CoverageGap {
  venueId: number;
  symbol: string;
  reason: string | null;
}

@ObjectType('BucketCoverage', { description: 'Which venues contributed to a bucket and which were expected but missing.' })
export class BucketCoverageType {
  @Field(() => [String], { description: 'Slugs of the venues with data in the bucket (a venue whose liquidation stream was silent during part of it is listed in missingVenues instead).' })
  reportingVenues!: string[];

  @Field(() => [String], {
    description:
      "Slugs of the venues listing a matching instrument, collected by Cascade, that reported nothing in the bucket (an outage or a quiet market), or — liquidations — whose live stream was silent during part of it (its canary stopped: see IngestionSourceStatus.silentSince) and no REST history has refilled it since (only OKX has one), so what it did report is partial.",
  })
  missingVenues!: string[];

  @Field(() => [String], {
    description:
      "Slugs of the venues listing a matching instrument whose data for this series Cascade does not collect (liquidations: `Venue.completeness` NOT_COLLECTED), so their absence is expected and says nothing about the market. Empty for series every venue feeds.",
  })
  notCollectedVenues!: string[];

  @Field(() => [CoverageGapType], {
    description:
      "Instruments that reported in the bucket but whose figure is unknown rather than small, with the reason. Depth: the order book fetched was cut at the request's level limit before the band's edge, on every snapshot of the bucket; while one is listed the bucket's side is null, not the sum of the others. Empty for other series.",
  })
  unknownVenues!: CoverageGapType[];

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
 * listed apart, so "missing" keeps meaning "should have reported and did not". `unknown` names the
 * instruments that reported a figure Cascade cannot know (depth beyond the book fetched).
 * `silent` names the venues whose stream was silent during part of the bucket: expected ones are
 * missing even if they reported something before or after the silence.
 */
export async function toCoverage(
  registry: Registry,
  reporting: number[] | null,
  expected: number[] | null,
  lastRecordedAt: Date | null,
  notCollected: (venue: VenueRecord) => boolean = () => false,
  unknown: CoverageGap[] = [],
  silent: number[] = [],
): Promise<BucketCoverageType> {
  const slug = async (id: number) => (await registry.venueById(id))?.slug ?? String(id);
  const present = new Set((reporting ?? []).filter((id) => !silent.includes(id)));
  const absent = await Promise.all((expected ?? []).filter((id) => !present.has(id)).map(async (id) => ({ id, record: await registry.venueById(id) })));
  const uncollected = absent.filter((a) => a.record && notCollected(a.record));
  return Object.assign(new BucketCoverageType(), {
    reportingVenues: await Promise.all([...present].sort((a, b) => a - b).map(slug)),
    missingVenues: absent.filter((a) => !uncollected.includes(a)).map((a) => a.record?.slug ?? String(a.id)),
    notCollectedVenues: uncollected.map((a) => a.record!.slug),
    unknownVenues: await Promise.all(
      unknown.map(async (gap) =>
        Object.assign(new CoverageGapType(), { venue: await slug(gap.venueId), instrument: gap.symbol, reason: gap.reason ?? 'not reached by the book fetched' }),
      ),
    ),
    lastRecordedAt,
  });
}
