import { Completeness } from '../shared/completeness';
import { toCoverage } from '../shared/coverage';
import { Registry } from '../shared/registry';
import { toVenueType } from '../venues/venue.types';
import { TakerVolumeBucketRow } from './taker-volume.service';
import { TakerVolumeBucketType, TakerVolumeVenueType } from './taker-volume.types';

const ratio = (buy: number | null, sell: number | null) => (buy === null || sell === null || sell === 0 ? null : buy / sell);
const net = (buy: number | null, sell: number | null) => (buy === null || sell === null ? null : buy - sell);

/** The aggregate over the venues that reported; null (not 0) when none did. */
export function sumReported(row: TakerVolumeBucketRow): { buyUsd: number | null; sellUsd: number | null } {
  if (row.venues.length === 0) return { buyUsd: null, sellUsd: null };
  return { buyUsd: row.venues.reduce((s, v) => s + v.buy_usd, 0), sellUsd: row.venues.reduce((s, v) => s + v.sell_usd, 0) };
}

/** The aggregate's buy/sell ratio (a ratio of summed USD), as the timeline and recovery rules read it. */
export function aggregateRatio(row: TakerVolumeBucketRow): number | null {
  const { buyUsd, sellUsd } = sumReported(row);
  return ratio(buyUsd, sellUsd);
}

/** A bucket row as GraphQL answers it: per venue (collected or not), the sums, completeness and coverage. */
export async function toTakerVolumeBucket(registry: Registry, row: TakerVolumeBucketRow, withCoverage: boolean): Promise<TakerVolumeBucketType> {
  const reported = new Map(row.venues.map((v) => [v.venue_id, v]));
  const notCollected = new Set(row.not_collected_venue_ids);
  const listed = [...new Set([...row.expected_venue_ids, ...row.not_collected_venue_ids, ...reported.keys()])];
  const venues: TakerVolumeVenueType[] = [];
  for (const id of listed) {
    const record = await registry.venueById(id);
    if (!record) continue;
    const sums = reported.get(id);
    const buyUsd = sums?.buy_usd ?? null;
    const sellUsd = sums?.sell_usd ?? null;
    const periodsReported = sums?.periods ?? 0;
    const completeness = notCollected.has(id) ? Completeness.NOT_COLLECTED : periodsReported >= row.periods_expected ? Completeness.COMPLETE : Completeness.LOWER_BOUND;
    venues.push(Object.assign(new TakerVolumeVenueType(), { venue: toVenueType(record), buyUsd, sellUsd, netUsd: net(buyUsd, sellUsd), buySellRatio: ratio(buyUsd, sellUsd), periodsReported, completeness }));
  }
  venues.sort((a, b) => a.venue.slug.localeCompare(b.venue.slug));
  const { buyUsd, sellUsd } = sumReported(row);
  const completeness = venues.every((v) => v.completeness === Completeness.NOT_COLLECTED)
    ? Completeness.NOT_COLLECTED
    : venues.every((v) => v.completeness === Completeness.COMPLETE)
      ? Completeness.COMPLETE
      : Completeness.LOWER_BOUND;
  const lastRecordedAt = row.venues.reduce<Date | null>((latest, v) => (latest && latest > v.last_recorded_at ? latest : v.last_recorded_at), null);
  return Object.assign(new TakerVolumeBucketType(), {
    start: row.start,
    buyUsd,
    sellUsd,
    netUsd: net(buyUsd, sellUsd),
    buySellRatio: ratio(buyUsd, sellUsd),
    periodsExpected: row.periods_expected,
    completeness,
    venues,
    coverage: withCoverage
      ? await toCoverage(registry, [...reported.keys()], [...row.expected_venue_ids, ...row.not_collected_venue_ids], lastRecordedAt, (venue) => notCollected.has(venue.id))
      : undefined,
  });
}
