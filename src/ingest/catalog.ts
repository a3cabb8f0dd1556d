import { Db } from '../db/sql';
import { liquidationCompleteness } from '../domains/sources/data-source.catalog';
import { VenueDefinition } from './source';

/** Assets Cascade tracks out of the box; a venue's other listings are ignored. */
export const defaultTrackedAssets = [
  { symbol: 'BTC', name: 'Bitcoin' },
  { symbol: 'ETH', name: 'Ether' },
  { symbol: 'SOL', name: 'Solana' },
];

/** Creates the default assets if absent; returns every tracked asset (the asset table) by symbol. */
export async function trackedAssets(db: Db): Promise<Map<string, number>> {
  await db.query(`INSERT INTO asset (symbol, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (symbol) DO NOTHING`, [
    defaultTrackedAssets.map((a) => a.symbol),
    defaultTrackedAssets.map((a) => a.name),
  ]);
  // A second statement on purpose: when another worker is inserting the same assets, the insert
  // above waits for it and skips them, and only a statement begun after that sees its rows (a
  // single statement's snapshot would not: no assets, so no instruments, and every listing the
  // other worker just stored would be retired as missing).
  const rows = await db.query<{ id: number; symbol: string }>('SELECT id, symbol FROM asset');
  return new Map(rows.map((r) => [r.symbol, r.id]));
}

/**
 * Creates or renames the venue. A new row gets the completeness the catalog gives without keys
 * (a keyed provider's venue starts NOT_COLLECTED); the worker's key-aware value is written by
 * recordLiquidationCompleteness when it starts, and discovery never overwrites it.
 */
export async function upsertVenue(db: Db, venue: VenueDefinition): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO venue (slug, name, kind, liquidation_completeness) VALUES ($1, $2, $3, $4)
     ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind
     RETURNING id`,
    [venue.slug, venue.name, venue.kind, liquidationCompleteness(venue.slug, {})],
  );
  return row.id;
}

/**
 * Writes each venue's liquidation completeness as this worker collects it (its keys decide
 * whether a keyed provider runs), in one statement; venues without a row yet get theirs on
 * creation. Returns the values written, by venue slug.
 */
export async function recordLiquidationCompleteness(db: Db, venues: VenueDefinition[], env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const values = Object.fromEntries(venues.map((v) => [v.slug, liquidationCompleteness(v.slug, env)]));
  await db.query(
    `UPDATE venue SET liquidation_completeness = t.completeness FROM unnest($1::text[], $2::text[]) AS t(slug, completeness)
     WHERE venue.slug = t.slug AND venue.liquidation_completeness IS DISTINCT FROM t.completeness`,
    [Object.keys(values), Object.values(values)],
  );
  return values;
}

/** An instrument as a venue lists it, already tied to a tracked asset. */
export interface ListedInstrument {
  assetId: number;
  symbol: string;
  contractType: 'PERPETUAL' | 'FUTURE';
  marginType: 'LINEAR' | 'INVERSE';
  quoteCurrency: string;
  /** Coins per contract (linear) or USD per contract (inverse). */
  contractSize: number;
  expiresAt: Date | null;
  active: boolean;
  fundingIntervalHours: number | null;
}

/** One statement per batch: new listings inserted, known ones refreshed by (venue_id, symbol). */
export async function upsertInstruments(db: Db, venueId: number, instruments: ListedInstrument[], origin = 'LIVE'): Promise<number> {
  if (instruments.length === 0) return 0;
  const column = <K extends keyof ListedInstrument>(key: K) => instruments.map((i) => i[key]);
  const rows = await db.query(
    `INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size,
                             expires_at, active, funding_interval_hours, origin)
     SELECT $1, asset_id, symbol, contract_type::contract_type, margin_type::margin_type, quote_currency, contract_size,
            expires_at, active, funding_interval_hours, $11::data_origin
     FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::timestamptz[], $9::bool[], $10::float8[])
       AS t(asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, expires_at, active, funding_interval_hours)
     ON CONFLICT (venue_id, symbol) DO UPDATE SET
       asset_id = EXCLUDED.asset_id, contract_type = EXCLUDED.contract_type, margin_type = EXCLUDED.margin_type,
       quote_currency = EXCLUDED.quote_currency, contract_size = EXCLUDED.contract_size, expires_at = EXCLUDED.expires_at,
       active = EXCLUDED.active, funding_interval_hours = EXCLUDED.funding_interval_hours, recorded_at = now()
     WHERE (instrument.asset_id, instrument.contract_type, instrument.margin_type, instrument.quote_currency, instrument.contract_size,
            instrument.expires_at, instrument.active, instrument.funding_interval_hours)
       IS DISTINCT FROM (EXCLUDED.asset_id, EXCLUDED.contract_type, EXCLUDED.margin_type, EXCLUDED.quote_currency, EXCLUDED.contract_size,
            EXCLUDED.expires_at, EXCLUDED.active, EXCLUDED.funding_interval_hours)
     RETURNING id`,
    [
      venueId,
      column('assetId'),
      column('symbol'),
      column('contractType'),
      column('marginType'),
      column('quoteCurrency'),
      column('contractSize'),
      column('expiresAt'),
      column('active'),
      column('fundingIntervalHours'),
      origin,
    ],
  );
  return rows.length;
}

/** A stored instrument, with what connectors need to convert its numbers. */
export interface KnownInstrument {
  id: number;
  venueId: number;
  assetId: number;
  symbol: string;
  contractType: 'PERPETUAL' | 'FUTURE';
  marginType: 'LINEAR' | 'INVERSE';
  contractSize: number;
  fundingIntervalHours: number | null;
  expiresAt: Date | null;
  active: boolean;
}

export async function loadInstruments(db: Db, venueSlug: string, options: { activeOnly?: boolean } = {}): Promise<KnownInstrument[]> {
  return db.query<KnownInstrument>(
    `SELECT i.id, i.venue_id AS "venueId", i.asset_id AS "assetId", i.symbol, i.contract_type AS "contractType",
            i.margin_type AS "marginType", i.contract_size AS "contractSize",
            i.funding_interval_hours AS "fundingIntervalHours", i.expires_at AS "expiresAt", i.active
     FROM instrument i JOIN venue v ON v.id = i.venue_id
     WHERE v.slug = $1 AND ($2::bool IS FALSE OR i.active)
     ORDER BY i.symbol`,
    [venueSlug, options.activeOnly ?? true],
  );
}

/** Listings that vanished from the venue's list are delisted: kept (history), marked inactive. */
export async function retireMissingInstruments(db: Db, venueId: number, listedSymbols: string[]): Promise<number> {
  const rows = await db.query(
    `UPDATE instrument SET active = false, recorded_at = now()
     WHERE venue_id = $1 AND active AND NOT (symbol = ANY($2::text[])) RETURNING id`,
    [venueId, listedSymbols],
  );
  return rows.length;
}
