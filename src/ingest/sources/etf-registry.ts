import { Db } from '../../db/sql';
import { trackedAssets } from '../catalog';

/** A spot ETF as Cascade lists it: one row per fund (other trading counters are aliases). */
export interface EtfListing {
  ticker: string;
  name: string;
  issuer: string;
  asset: string;
  region: 'US' | 'HK';
  exchange: string;
  listedOn: string | null;
  /** Other tickers of the same fund (Hong Kong USD/RMB counters): never separate rows. */
  aliases?: string[];
}

const us = (ticker: string, name: string, issuer: string, exchange: string, listedOn: string | null = '2024-01-11'): EtfListing => ({
  ticker, name, issuer, asset: 'BTC', region: 'US', exchange, listedOn,
});
const hk = (ticker: string, name: string, issuer: string, aliases: string[]): EtfListing => ({
  ticker, name, issuer, asset: 'BTC', region: 'HK', exchange: 'HKEX', listedOn: '2024-04-30', aliases,
});

/**
 * US spot bitcoin ETFs (the columns of the common daily flow tables) and the Hong Kong funds,
 * keyed by their HKD counter. Exchanges and the DEFI entry are as best known (see
 * docs/data-sources.md for what is unconfirmed).
 */
export const etfRegistry: EtfListing[] = [
  us('IBIT', 'iShares Bitcoin Trust ETF', 'BlackRock', 'Nasdaq'),
  us('FBTC', 'Fidelity Wise Origin Bitcoin Fund', 'Fidelity', 'Cboe BZX'),
  us('BITB', 'Bitwise Bitcoin ETF', 'Bitwise', 'NYSE Arca'),
  us('ARKB', 'ARK 21Shares Bitcoin ETF', 'ARK Invest & 21Shares', 'Cboe BZX'),
  us('BTCO', 'Invesco Galaxy Bitcoin ETF', 'Invesco & Galaxy', 'Nasdaq'),
  us('EZBC', 'Franklin Bitcoin ETF', 'Franklin Templeton', 'Cboe BZX'),
  us('BRRR', 'CoinShares Bitcoin ETF', 'CoinShares', 'Nasdaq'),
  us('HODL', 'VanEck Bitcoin ETF', 'VanEck', 'Cboe BZX'),
  us('BTCW', 'WisdomTree Bitcoin Fund', 'WisdomTree', 'Cboe BZX'),
  us('GBTC', 'Grayscale Bitcoin Trust ETF', 'Grayscale', 'NYSE Arca'),
  us('BTC', 'Grayscale Bitcoin Mini Trust ETF', 'Grayscale', 'NYSE Arca', '2024-07-31'),
  // Missing from some flow tables; listed here so a table that has it parses.
  us('DEFI', 'Hashdex Bitcoin ETF', 'Hashdex', 'NYSE Arca', null),
  hk('3042', 'ChinaAMC Bitcoin ETF', 'China Asset Management (Hong Kong)', ['9042', '83042']),
  hk('3439', 'Harvest Bitcoin Spot ETF', 'Harvest Global Investments', ['9439']),
  hk('3008', 'Bosera HashKey Bitcoin ETF', 'Bosera International & HashKey Capital', ['9008']),
];

/** Ticker (or alias counter) → the fund's registry ticker. */
export const etfTickerByAlias: ReadonlyMap<string, string> = new Map(etfRegistry.flatMap((e) => [[e.ticker, e.ticker] as const, ...(e.aliases ?? []).map((a) => [a, e.ticker] as const)]));

export interface StoredEtf {
  id: number;
  assetId: number;
}

/**
 * Writes the registry (one statement, after the assets exist): new funds inserted, changed ones
 * refreshed by ticker, unchanged ones left alone. Returns every stored fund by ticker.
 */
export async function seedEtfRegistry(db: Db): Promise<Map<string, StoredEtf>> {
  const assets = await trackedAssets(db);
  const column = <K extends keyof EtfListing>(key: K) => etfRegistry.map((e) => e[key] ?? null);
  const rows = await db.query<{ id: number; ticker: string; asset_id: number }>(
    `WITH written AS (
       INSERT INTO etf (ticker, name, issuer, asset_id, region, exchange, listed_on)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::date[])
       ON CONFLICT (ticker) DO UPDATE SET name = EXCLUDED.name, issuer = EXCLUDED.issuer, asset_id = EXCLUDED.asset_id,
         region = EXCLUDED.region, exchange = EXCLUDED.exchange, listed_on = EXCLUDED.listed_on
       WHERE (etf.name, etf.issuer, etf.asset_id, etf.region, etf.exchange, etf.listed_on)
         IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.issuer, EXCLUDED.asset_id, EXCLUDED.region, EXCLUDED.exchange, EXCLUDED.listed_on)
       RETURNING id, ticker, asset_id)
     -- Rows the statement wrote, and (from its snapshot) every other fund, unchanged or not in the list.
     SELECT id, ticker, asset_id FROM written
     UNION ALL SELECT id, ticker, asset_id FROM etf WHERE ticker NOT IN (SELECT ticker FROM written)`,
    [column('ticker'), column('name'), column('issuer'), etfRegistry.map((e) => assets.get(e.asset)), column('region'), column('exchange'), column('listedOn')],
  );
  return new Map(rows.map((r) => [r.ticker, { id: r.id, assetId: r.asset_id }]));
}
