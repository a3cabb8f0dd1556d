import { Db } from '../../db/sql';

/** The holder cohorts Cascade knows, per asset; `cohort` arguments take these slugs. */
export const cohortSlugs = ['LTH', 'STH', 'WHALES', 'EXCHANGES', 'MINERS'] as const;
export type CohortSlug = (typeof cohortSlugs)[number];

export function isCohortSlug(value: string): value is CohortSlug {
  return (cohortSlugs as readonly string[]).includes(value);
}

/** Name and definition of each cohort of an asset (thresholds are bitcoin's where they differ). */
export function cohortDefinitions(asset: string): Array<{ slug: CohortSlug; name: string; definition: string }> {
  const whales =
    asset === 'BTC'
      ? 'Entities (clustered addresses) holding at least 1,000 BTC, excluding exchanges and miners.'
      : `Entities (clustered addresses) above the data provider's whale threshold in ${asset}, excluding exchanges and miners.`;
  return [
    { slug: 'LTH', name: 'Long-term holders', definition: 'Supply held by long-term holders, in coins, as the provider computes it (Glassnode supply/lth_sum, or BGeometrics lth-supply, its estimate of the same convention): in the Glassnode definition each coin is weighted by a logistic function of its holder\'s averaged acquisition age, centred at 155 days with a 10-day transition width, so coins around 145–165 days old count in part; not a hard cut at 155 days.' },
    { slug: 'STH', name: 'Short-term holders', definition: 'Supply held by short-term holders, in coins: the complement of LTH under the same logistic weighting (centred at 155 days, 10-day transition width), i.e. circulating supply minus long-term holder supply.' },
    { slug: 'WHALES', name: 'Whales', definition: whales },
    { slug: 'EXCHANGES', name: 'Exchange balances', definition: "Coins held in exchanges' known wallets (labelled addresses of centralized exchanges)." },
    {
      slug: 'MINERS',
      name: 'Miners',
      definition: 'Coins held by addresses attributed to block producers: mining pools and miners (coinbase recipients and their clusters).',
    },
  ];
}

/** `${asset id}:${slug}` → holder_cohort id. */
export type CohortIds = Map<string, number>;

export function cohortKey(assetId: number, slug: string): string {
  return `${assetId}:${slug}`;
}

/**
 * Creates the cohort rows of these assets that are missing (existing definitions are left
 * alone) and returns every cohort of them — one statement.
 */
export async function seedCohorts(db: Db, assets: Array<{ id: number; symbol: string }>): Promise<CohortIds> {
  const entries = assets.flatMap((asset) => cohortDefinitions(asset.symbol).map((c) => ({ assetId: asset.id, ...c })));
  const rows = await db.query<{ id: number; asset_id: number; slug: string }>(
    `WITH added AS (
       INSERT INTO holder_cohort (asset_id, slug, name, definition)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (asset_id, slug) DO NOTHING
       RETURNING id, asset_id, slug)
     SELECT id, asset_id, slug FROM added
     UNION SELECT id, asset_id, slug FROM holder_cohort WHERE asset_id = ANY($1::int[])`,
    [entries.map((e) => e.assetId), entries.map((e) => e.slug), entries.map((e) => e.name), entries.map((e) => e.definition)],
  );
  return new Map(rows.map((r) => [cohortKey(r.asset_id, r.slug), r.id]));
}
