import { CascadeError } from '../../core/errors';
import { Db } from '../../db/sql';
import { Completeness } from './completeness';
import { rowColumns } from './planned/json-shape';
import { assetShape } from '../assets/asset.shape';
import { venueShape } from '../venues/venue.shape';

export interface AssetRecord {
  id: number;
  symbol: string;
  name: string;
}
export interface VenueRecord {
  id: number;
  slug: string;
  name: string;
  kind: 'CEX' | 'DEX';
  /** How much of its liquidations Cascade collects (the worker that collects it writes it). */
  completeness: Completeness;
  /** Derived in SQL (venueShape, lowerBoundSql): not COMPLETE. */
  liquidationsLowerBound: boolean;
}

interface Snapshot {
  loadedAt: number;
  assetsBySymbol: Map<string, AssetRecord>;
  assetsById: Map<number, AssetRecord>;
  venuesBySlug: Map<string, VenueRecord>;
  venuesById: Map<number, VenueRecord>;
}

/** How long the in-process copy of the asset and venue lists is trusted before a reload (CASCADE_REGISTRY_TTL_MS). */
export const defaultRegistryTtlMs = 30_000;

/**
 * Assets and venues are a few dozen rows read by nearly every request (every argument names
 * one), so each process keeps them in memory and reloads them in one statement when stale or
 * when a name is missing — a request pays no round trip to resolve `asset: "BTC"`.
 */
export class Registry {
  private snapshot?: Snapshot;
  private loading?: Promise<Snapshot>;

  /** 0 reads the lists on every use, each use its own statement: the bench's equal-caching race of `venues` (bench/README.md). */
  ttlMs = defaultRegistryTtlMs;

  constructor(private readonly db: Db) {}

  private async load(): Promise<Snapshot> {
    // The columns of Asset's and Venue's shapes, so a record is what toAssetType and toVenueType read.
    const [row] = await this.db.query<{ assets: AssetRecord[] | null; venues: VenueRecord[] | null }>(`
      SELECT (SELECT json_agg(r ORDER BY r.symbol) FROM (SELECT ${rowColumns(assetShape('a'))} FROM asset a) r) AS assets,
             (SELECT json_agg(r ORDER BY r.slug) FROM (SELECT ${rowColumns(venueShape('v'))} FROM venue v) r) AS venues`);
    const assets = row.assets ?? [];
    const venues = row.venues ?? [];
    return {
      loadedAt: Date.now(),
      assetsBySymbol: new Map(assets.map((a) => [a.symbol, a])),
      assetsById: new Map(assets.map((a) => [a.id, a])),
      venuesBySlug: new Map(venues.map((v) => [v.slug, v])),
      venuesById: new Map(venues.map((v) => [v.id, v])),
    };
  }

  private async current(forceReload = false): Promise<Snapshot> {
    // Uncached means one statement per use: concurrent uses do not share a load either.
    if (this.ttlMs === 0) return (this.snapshot = await this.load());
    if (!forceReload && this.snapshot && Date.now() - this.snapshot.loadedAt < this.ttlMs) return this.snapshot;
    if (!this.loading) {
      this.loading = this.load().finally(() => (this.loading = undefined));
    }
    this.snapshot = await this.loading;
    return this.snapshot;
  }

  /** Drop the cached lists (after the registry tables were written). */
  invalidate(): void {
    this.snapshot = undefined;
  }

  async assets(): Promise<AssetRecord[]> {
    return [...(await this.current()).assetsBySymbol.values()];
  }
  async venues(): Promise<VenueRecord[]> {
    return [...(await this.current()).venuesBySlug.values()];
  }
  async assetById(id: number): Promise<AssetRecord | undefined> {
    return (await this.current()).assetsById.get(id) ?? (await this.current(true)).assetsById.get(id);
  }
  async venueById(id: number): Promise<VenueRecord | undefined> {
    return (await this.current()).venuesById.get(id) ?? (await this.current(true)).venuesById.get(id);
  }

  /** The asset for a ticker argument, or null; tickers match case-insensitively. */
  async findAsset(symbol: string): Promise<AssetRecord | undefined> {
    const key = symbol.trim().toUpperCase();
    return (await this.current()).assetsBySymbol.get(key) ?? (await this.current(true)).assetsBySymbol.get(key);
  }

  async findVenue(slug: string): Promise<VenueRecord | undefined> {
    const key = slug.trim().toLowerCase();
    return (await this.current()).venuesBySlug.get(key) ?? (await this.current(true)).venuesBySlug.get(key);
  }

  /** The asset for a ticker argument; an unknown ticker is the caller's error, naming `argument`. */
  async requireAsset(symbol: string, argument = 'asset'): Promise<AssetRecord> {
    const asset = await this.findAsset(symbol);
    if (!asset) {
      throw new CascadeError('UNKNOWN_ASSET', `Unknown asset "${symbol}" in \`${argument}\`: pass a ticker such as "BTC" (see \`assets\`).`, {
        argument,
      });
    }
    return asset;
  }

  async requireVenue(slug: string, argument = 'venue'): Promise<VenueRecord> {
    const venue = await this.findVenue(slug);
    if (!venue) {
      throw new CascadeError('UNKNOWN_VENUE', `Unknown venue "${slug}" in \`${argument}\`: pass a slug such as "binance" (see \`venues\`).`, {
        argument,
      });
    }
    return venue;
  }

  /** Venue ids for a `venues` list argument; null or empty means every venue (returns null). */
  async requireVenues(slugs: string[] | null | undefined, argument = 'venues'): Promise<number[] | null> {
    if (!slugs || slugs.length === 0) return null;
    const venues = await Promise.all(slugs.map((slug) => this.requireVenue(slug, argument)));
    return [...new Set(venues.map((v) => v.id))];
  }
}

const registries = new WeakMap<object, Registry>();

/** One registry per database pool, shared by every request of the process. */
export function registryFor(db: Db): Registry {
  let registry = registries.get(db.pool);
  if (!registry) registries.set(db.pool, (registry = new Registry(db)));
  return registry;
}
