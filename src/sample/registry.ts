import { Db } from '../db/sql';
import { dataSourceCatalog, liquidationCompleteness } from '../domains/sources/data-source.catalog';
import { AssetSymbol } from './prices';
import { SAMPLE_ORIGIN } from './scenario';

/** Registry rows of the scenario: real venue symbols and contract specs (as of late 2025). */
/** Circulating supply in coins, near the period's public figures (for the leverage ratio). */
export const SAMPLE_ASSETS: Array<{ symbol: AssetSymbol; name: string; circulatingSupply: number }> = [
  { symbol: 'BTC', name: 'Bitcoin', circulatingSupply: 19_950_000 },
  { symbol: 'ETH', name: 'Ether', circulatingSupply: 120_700_000 },
  { symbol: 'SOL', name: 'Solana', circulatingSupply: 550_000_000 },
];

/** Every provider key set: the sample shows what a fully configured deployment collects. */
const sampleProviderKeys = Object.fromEntries(dataSourceCatalog.flatMap((e) => (e.requiresEnv ? [[e.requiresEnv, 'sample']] : [])));

export type VenueSlug = 'binance' | 'bybit' | 'okx' | 'hyperliquid' | 'deribit';

/**
 * The sample's venues, with the liquidation completeness a fully configured deployment has (the
 * catalog's, with every provider key set: the scenario includes Hyperliquid's liquidations).
 */
export const SAMPLE_VENUES: Array<{ slug: VenueSlug; name: string; kind: 'CEX' | 'DEX' }> = [
  { slug: 'binance', name: 'Binance', kind: 'CEX' },
  { slug: 'bybit', name: 'Bybit', kind: 'CEX' },
  { slug: 'okx', name: 'OKX', kind: 'CEX' },
  { slug: 'hyperliquid', name: 'Hyperliquid', kind: 'DEX' },
  { slug: 'deribit', name: 'Deribit', kind: 'CEX' },
];

export interface InstrumentSpec {
  venue: VenueSlug;
  asset: AssetSymbol;
  symbol: string;
  contractType: 'PERPETUAL' | 'FUTURE';
  marginType: 'LINEAR' | 'INVERSE';
  quoteCurrency: string;
  /** Coins per contract (linear) or USD per contract (inverse). */
  contractSize: number;
  expiresAt: string | null;
  fundingIntervalHours: number | null;
}

const perp = (venue: VenueSlug, asset: AssetSymbol, symbol: string, marginType: 'LINEAR' | 'INVERSE', quoteCurrency: string, contractSize: number, fundingIntervalHours: number): InstrumentSpec => ({
  venue, asset, symbol, contractType: 'PERPETUAL', marginType, quoteCurrency, contractSize, expiresAt: null, fundingIntervalHours,
});

export const SAMPLE_INSTRUMENTS: InstrumentSpec[] = [
  perp('binance', 'BTC', 'BTCUSDT', 'LINEAR', 'USDT', 1, 8),
  perp('binance', 'ETH', 'ETHUSDT', 'LINEAR', 'USDT', 1, 8),
  // Binance moved several symbols to 4-hour funding; the sample keeps one to show mixed intervals.
  perp('binance', 'SOL', 'SOLUSDT', 'LINEAR', 'USDT', 1, 4),
  perp('bybit', 'BTC', 'BTCUSDT', 'LINEAR', 'USDT', 1, 8),
  perp('bybit', 'ETH', 'ETHUSDT', 'LINEAR', 'USDT', 1, 8),
  perp('bybit', 'SOL', 'SOLUSDT', 'LINEAR', 'USDT', 1, 8),
  perp('okx', 'BTC', 'BTC-USDT-SWAP', 'LINEAR', 'USDT', 0.01, 8),
  perp('okx', 'ETH', 'ETH-USDT-SWAP', 'LINEAR', 'USDT', 0.1, 8),
  perp('okx', 'SOL', 'SOL-USDT-SWAP', 'LINEAR', 'USDT', 1, 8),
  perp('okx', 'BTC', 'BTC-USD-SWAP', 'INVERSE', 'USD', 100, 8),
  perp('okx', 'ETH', 'ETH-USD-SWAP', 'INVERSE', 'USD', 10, 8),
  perp('hyperliquid', 'BTC', 'BTC', 'LINEAR', 'USDC', 1, 1),
  perp('hyperliquid', 'ETH', 'ETH', 'LINEAR', 'USDC', 1, 1),
  perp('hyperliquid', 'SOL', 'SOL', 'LINEAR', 'USDC', 1, 1),
  perp('deribit', 'BTC', 'BTC-PERPETUAL', 'INVERSE', 'USD', 10, 8),
  perp('deribit', 'ETH', 'ETH-PERPETUAL', 'INVERSE', 'USD', 1, 8),
  perp('deribit', 'SOL', 'SOL_USDC-PERPETUAL', 'LINEAR', 'USDC', 1, 8),
  { venue: 'deribit', asset: 'BTC', symbol: 'BTC-26DEC25', contractType: 'FUTURE', marginType: 'INVERSE', quoteCurrency: 'USD', contractSize: 10, expiresAt: '2025-12-26T08:00:00Z', fundingIntervalHours: null },
  { venue: 'deribit', asset: 'ETH', symbol: 'ETH-26DEC25', contractType: 'FUTURE', marginType: 'INVERSE', quoteCurrency: 'USD', contractSize: 1, expiresAt: '2025-12-26T08:00:00Z', fundingIntervalHours: null },
];

export interface EtfSpec {
  ticker: string;
  name: string;
  issuer: string;
  region: 'US' | 'HK';
  exchange: string;
  listedOn: string;
}

/** US spot BTC ETFs (Farside's columns) and the Hong Kong funds, one row per fund. */
export const SAMPLE_ETFS: EtfSpec[] = [
  { ticker: 'IBIT', name: 'iShares Bitcoin Trust ETF', issuer: 'BlackRock', region: 'US', exchange: 'Nasdaq', listedOn: '2024-01-11' },
  { ticker: 'FBTC', name: 'Fidelity Wise Origin Bitcoin Fund', issuer: 'Fidelity', region: 'US', exchange: 'Cboe BZX', listedOn: '2024-01-11' },
  { ticker: 'BITB', name: 'Bitwise Bitcoin ETF', issuer: 'Bitwise', region: 'US', exchange: 'NYSE Arca', listedOn: '2024-01-11' },
  { ticker: 'ARKB', name: 'ARK 21Shares Bitcoin ETF', issuer: 'ARK Invest & 21Shares', region: 'US', exchange: 'Cboe BZX', listedOn: '2024-01-11' },
  { ticker: 'BTCO', name: 'Invesco Galaxy Bitcoin ETF', issuer: 'Invesco & Galaxy', region: 'US', exchange: 'Nasdaq', listedOn: '2024-01-11' },
  { ticker: 'EZBC', name: 'Franklin Bitcoin ETF', issuer: 'Franklin Templeton', region: 'US', exchange: 'Cboe BZX', listedOn: '2024-01-11' },
  { ticker: 'BRRR', name: 'CoinShares Bitcoin ETF', issuer: 'CoinShares', region: 'US', exchange: 'Nasdaq', listedOn: '2024-01-11' },
  { ticker: 'HODL', name: 'VanEck Bitcoin ETF', issuer: 'VanEck', region: 'US', exchange: 'Cboe BZX', listedOn: '2024-01-11' },
  { ticker: 'BTCW', name: 'WisdomTree Bitcoin Fund', issuer: 'WisdomTree', region: 'US', exchange: 'Cboe BZX', listedOn: '2024-01-11' },
  { ticker: 'GBTC', name: 'Grayscale Bitcoin Trust ETF', issuer: 'Grayscale', region: 'US', exchange: 'NYSE Arca', listedOn: '2024-01-11' },
  { ticker: 'BTC', name: 'Grayscale Bitcoin Mini Trust ETF', issuer: 'Grayscale', region: 'US', exchange: 'NYSE Arca', listedOn: '2024-07-31' },
  { ticker: '3042', name: 'ChinaAMC Bitcoin ETF', issuer: 'China Asset Management (Hong Kong)', region: 'HK', exchange: 'HKEX', listedOn: '2024-04-30' },
  { ticker: '3439', name: 'Harvest Bitcoin Spot ETF', issuer: 'Harvest Global Investments', region: 'HK', exchange: 'HKEX', listedOn: '2024-04-30' },
  { ticker: '3008', name: 'Bosera HashKey Bitcoin ETF', issuer: 'Bosera International & HashKey Capital', region: 'HK', exchange: 'HKEX', listedOn: '2024-04-30' },
];

export type CohortSlug = 'LTH' | 'STH' | 'WHALES' | 'EXCHANGES' | 'MINERS';

export const SAMPLE_COHORTS: Array<{ slug: CohortSlug; name: string; definition: string }> = [
  { slug: 'LTH', name: 'Long-term holders', definition: 'Supply held by long-term holders, in coins, as the provider computes it (Glassnode supply/lth_sum, or BGeometrics lth-supply, its estimate of the same convention): in the Glassnode definition each coin is weighted by a logistic function of its holder\'s averaged acquisition age, centred at 155 days with a 10-day transition width, so coins around 145–165 days old count in part; not a hard cut at 155 days.' },
  { slug: 'STH', name: 'Short-term holders', definition: 'Supply held by short-term holders, in coins: the complement of LTH under the same logistic weighting (centred at 155 days, 10-day transition width), i.e. circulating supply minus long-term holder supply.' },
  { slug: 'WHALES', name: 'Whales', definition: 'Entities (clustered addresses) holding at least 1,000 BTC, excluding exchanges and miners.' },
  { slug: 'EXCHANGES', name: 'Exchange balances', definition: "Coins held in exchanges' known wallets (labelled addresses of centralized exchanges)." },
  { slug: 'MINERS', name: 'Miners', definition: 'Coins held by addresses attributed to mining pools and miners (coinbase recipients and their clusters).' },
];

export interface SampleRegistry {
  assetId: Record<AssetSymbol, number>;
  venueId: Record<VenueSlug, number>;
  instruments: Array<InstrumentSpec & { id: number; assetId: number; venueId: number }>;
  etfId: Record<string, number>;
  cohortId: Record<CohortSlug, number>;
}

function withIds(assetId: Record<AssetSymbol, number>, venueId: Record<VenueSlug, number>, instrumentId: (spec: InstrumentSpec, i: number) => number) {
  return SAMPLE_INSTRUMENTS.map((spec, i) => ({ ...spec, id: instrumentId(spec, i), assetId: assetId[spec.asset], venueId: venueId[spec.venue] }));
}

/** Ids without a database, for generating the scenario in memory (tests, digests). */
export function memoryRegistry(): SampleRegistry {
  const assetId = Object.fromEntries(SAMPLE_ASSETS.map((a, i) => [a.symbol, i + 1])) as Record<AssetSymbol, number>;
  const venueId = Object.fromEntries(SAMPLE_VENUES.map((v, i) => [v.slug, i + 1])) as Record<VenueSlug, number>;
  return {
    assetId,
    venueId,
    instruments: withIds(assetId, venueId, (_spec, i) => i + 1),
    etfId: Object.fromEntries(SAMPLE_ETFS.map((e, i) => [e.ticker, i + 1])),
    cohortId: Object.fromEntries(SAMPLE_COHORTS.map((c, i) => [c.slug, i + 1])) as Record<CohortSlug, number>,
  };
}

/** Writes the registry, one statement per table, and returns the ids the database holds. */
export async function writeRegistry(db: Db): Promise<SampleRegistry> {
  const assets = await db.query<{ id: number; symbol: AssetSymbol }>(
    `INSERT INTO asset (symbol, name, circulating_supply) SELECT * FROM unnest($1::text[], $2::text[], $3::float8[])
     ON CONFLICT (symbol) DO UPDATE SET name = EXCLUDED.name, circulating_supply = EXCLUDED.circulating_supply RETURNING id, symbol`,
    [SAMPLE_ASSETS.map((a) => a.symbol), SAMPLE_ASSETS.map((a) => a.name), SAMPLE_ASSETS.map((a) => a.circulatingSupply)],
  );
  const venues = await db.query<{ id: number; slug: VenueSlug }>(
    `INSERT INTO venue (slug, name, kind, liquidation_completeness)
     SELECT slug, name, kind::venue_kind, completeness FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(slug, name, kind, completeness)
     ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, liquidation_completeness = EXCLUDED.liquidation_completeness
     RETURNING id, slug`,
    [
      SAMPLE_VENUES.map((v) => v.slug),
      SAMPLE_VENUES.map((v) => v.name),
      SAMPLE_VENUES.map((v) => v.kind),
      SAMPLE_VENUES.map((v) => liquidationCompleteness(v.slug, sampleProviderKeys)),
    ],
  );
  const assetId = Object.fromEntries(assets.map((a) => [a.symbol, a.id])) as Record<AssetSymbol, number>;
  const venueId = Object.fromEntries(venues.map((v) => [v.slug, v.id])) as Record<VenueSlug, number>;
  const list = SAMPLE_INSTRUMENTS;
  // The instrument keeps a live row's origin if one exists; the sample only fills gaps.
  const instruments = await db.query<{ id: number; venue_id: number; symbol: string }>(
    `INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, expires_at, funding_interval_hours, origin)
     SELECT venue_id, asset_id, symbol, contract_type::contract_type, margin_type::margin_type, quote_currency, contract_size, expires_at, funding_interval_hours, $10::data_origin
     FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::timestamptz[], $9::float8[])
       AS i(venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, expires_at, funding_interval_hours)
     ON CONFLICT (venue_id, symbol) DO UPDATE SET active = instrument.active
     RETURNING id, venue_id, symbol`,
    [
      list.map((i) => venueId[i.venue]), list.map((i) => assetId[i.asset]), list.map((i) => i.symbol), list.map((i) => i.contractType),
      list.map((i) => i.marginType), list.map((i) => i.quoteCurrency), list.map((i) => i.contractSize), list.map((i) => i.expiresAt),
      list.map((i) => i.fundingIntervalHours), SAMPLE_ORIGIN,
    ],
  );
  const instrumentKey = (venue: number, symbol: string) => `${venue}|${symbol}`;
  const instrumentIds = new Map(instruments.map((i) => [instrumentKey(i.venue_id, i.symbol), i.id]));
  const etfs = await db.query<{ id: number; ticker: string }>(
    `INSERT INTO etf (ticker, name, issuer, asset_id, region, exchange, listed_on)
     SELECT ticker, name, issuer, $7, region, exchange, listed_on FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[])
       AS e(ticker, name, issuer, region, exchange, listed_on)
     ON CONFLICT (ticker) DO UPDATE SET name = EXCLUDED.name, issuer = EXCLUDED.issuer, region = EXCLUDED.region,
       exchange = EXCLUDED.exchange, listed_on = EXCLUDED.listed_on
     RETURNING id, ticker`,
    [SAMPLE_ETFS.map((e) => e.ticker), SAMPLE_ETFS.map((e) => e.name), SAMPLE_ETFS.map((e) => e.issuer), SAMPLE_ETFS.map((e) => e.region),
      SAMPLE_ETFS.map((e) => e.exchange), SAMPLE_ETFS.map((e) => e.listedOn), assetId.BTC],
  );
  const cohorts = await db.query<{ id: number; slug: CohortSlug }>(
    `INSERT INTO holder_cohort (asset_id, slug, name, definition)
     SELECT $4, slug, name, definition FROM unnest($1::text[], $2::text[], $3::text[]) AS c(slug, name, definition)
     ON CONFLICT (asset_id, slug) DO UPDATE SET name = EXCLUDED.name, definition = EXCLUDED.definition
     RETURNING id, slug`,
    [SAMPLE_COHORTS.map((c) => c.slug), SAMPLE_COHORTS.map((c) => c.name), SAMPLE_COHORTS.map((c) => c.definition), assetId.BTC],
  );
  return {
    assetId,
    venueId,
    instruments: withIds(assetId, venueId, (spec) => instrumentIds.get(instrumentKey(venueId[spec.venue], spec.symbol))!),
    etfId: Object.fromEntries(etfs.map((e) => [e.ticker, e.id])),
    cohortId: Object.fromEntries(cohorts.map((c) => [c.slug, c.id])) as Record<CohortSlug, number>,
  };
}
