import { Logger } from '../core/logger';
import { ObservationTable, upsertObservations } from '../db/bulk';
import { Db } from '../db/sql';
import { cohortSupplyTable } from '../domains/cohorts/cohort-supply.table';
import { depthTable } from '../domains/depth/depth.table';
import { etfFlowTable } from '../domains/etfs/etf-flow.table';
import { exchangeFlowTable } from '../domains/exchange-flows/exchange-flow.table';
import { fundingTable } from '../domains/funding/funding.table';
import { insertLiquidations } from '../domains/liquidations/liquidation.writer';
import { openInterestTable } from '../domains/open-interest/open-interest.table';
import { candleTable } from '../domains/prices/candle.table';
import { markPriceTable } from '../domains/prices/mark-price.table';
import { sourceCandleTable, stablecoinRateTable } from '../domains/prices/source-candle.table';
import { cohortSupplyRows, etfFlowRows, exchangeFlowRows } from './flows';
import { liquidationBatches } from './liquidations';
import { depthRows, fundingRows, markPriceRows, openInterestRows } from './market';
import { positioningRows } from './positioning';
import { positioningRatioTable } from '../domains/positioning/positioning.table';
import { ASSET_SYMBOLS, buildAssetPaths, candleBatches } from './prices';
import { recordSampleLearnedTimes } from './recorded-at';
import { spotPremiumRows } from './spot-premium';
import { takerVolumeRows } from './taker-volume';
import { takerVolumeTable } from '../domains/taker-volume/taker-volume.table';
import { writeRegistry } from './registry';
import { DAY_MS, MARKET_END } from './scenario';

export interface SampleOptions {
  logger?: Logger;
  /** Multiplies liquidation event counts (USD totals unchanged). */
  scale?: number;
  /** Write even when the scenario is already there (every write is idempotent). */
  force?: boolean;
}

const BATCH_ROWS = 25_000;

/**
 * Liquidations are written last, in time order, so a SAMPLE liquidation on the final day means
 * a complete earlier load: one indexed probe into one partition.
 */
async function alreadyLoaded(db: Db): Promise<boolean> {
  const [row] = await db.query<{ loaded: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM liquidation WHERE origin = 'SAMPLE'
       AND occurred_at >= $1::timestamptz - interval '1 day' AND occurred_at < $1::timestamptz) AS loaded`,
    [`${MARKET_END}T00:00:00Z`],
  );
  return row.loaded;
}

/** What the database holds of the scenario, one statement. */
async function storedSummary(db: Db): Promise<Record<string, number>> {
  const tables = ['candle', 'open_interest', 'funding_rate', 'mark_price', 'order_book_depth', 'etf_flow', 'cohort_supply', 'exchange_flow'];
  const [row] = await db.query<Record<string, string>>(`SELECT
    ${tables.map((t) => `(SELECT count(*) FROM ${t} WHERE origin = 'SAMPLE') AS ${t}`).join(',\n    ')},
    (SELECT coalesce(sum(event_count), 0) FROM liquidation_hourly) AS liquidation`);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

/**
 * Loads the deterministic sample scenario (see scenario.ts for its headline figures). Safe to
 * call again: a loaded database is detected at once, and every write is keyed naturally.
 */
export async function loadSampleScenario(db: Db, options: SampleOptions = {}): Promise<Record<string, number>> {
  const logger = options.logger;
  const started = Date.now();
  if (!options.force && (await alreadyLoaded(db))) {
    const summary = await storedSummary(db);
    logger?.info({ ...summary, ms: Date.now() - started }, 'sample scenario already loaded');
    return summary;
  }
  const counts: Record<string, number> = {};
  const add = (key: string, n: number) => (counts[key] = (counts[key] ?? 0) + n);
  const write = async (spec: ObservationTable, rows: object[]) => {
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      const result = await upsertObservations(db, spec, rows.slice(i, i + BATCH_ROWS) as Array<Record<string, unknown>>);
      add(spec.table, result.inserted + result.revised + result.unchanged);
    }
  };
  const step = (what: string) => logger?.info({ ms: Date.now() - started }, `sample scenario: ${what}`);

  const registry = await writeRegistry(db);
  const paths = buildAssetPaths();
  step('registry written, price paths built');

  // Three independent streams on their own connections: Postgres writes one batch while this
  // process builds and serialises the next.
  const candles = Promise.all(ASSET_SYMBOLS.map(async (asset) => {
    for (const batch of candleBatches(registry.assetId[asset], paths[asset], BATCH_ROWS)) await write(candleTable, batch);
  })).then(() => step('candles written'));
  const market = (async () => {
    for (const asset of ASSET_SYMBOLS) {
      await write(openInterestTable, openInterestRows(registry, asset, paths[asset]));
      await write(fundingTable, fundingRows(registry, asset));
      await write(markPriceTable, markPriceRows(registry, asset, paths[asset]));
      await write(depthTable, depthRows(registry, asset, paths[asset]));
      await write(positioningRatioTable, positioningRows(registry, asset));
    }
    await write(takerVolumeTable, takerVolumeRows(registry, paths.BTC));
    const exchangeFlows = exchangeFlowRows(registry);
    await write(exchangeFlowTable, exchangeFlows);
    await write(cohortSupplyTable, cohortSupplyRows(registry, exchangeFlows));
    await write(etfFlowTable, etfFlowRows(registry, paths.BTC));
    const spot = spotPremiumRows(registry.assetId.BTC, paths.BTC);
    await write(sourceCandleTable, spot.candles);
    await write(stablecoinRateTable, spot.rates);
    step('open interest, funding, marks, depth, ETF flows, cohorts and exchange flows written');
  })();
  const everythingElse = Promise.all([candles, market]);
  const lastDayMs = Date.parse(`${MARKET_END}T00:00:00Z`) - DAY_MS;
  let waited = false;
  // One stream for liquidations: concurrent batches would contend on the hourly rollup rows.
  for (const batch of liquidationBatches(paths, registry, { scale: options.scale ?? 1, batchSize: BATCH_ROWS })) {
    if (!waited && batch[batch.length - 1].occurred_at.getTime() >= lastDayMs) {
      // The final day's events mark a complete load (alreadyLoaded), so they go in last.
      await everythingElse;
      waited = true;
    }
    add('liquidation', batch.length);
    await insertLiquidations(db, batch);
  }
  await everythingElse;
  step('liquidations written');
  await recordSampleLearnedTimes(db);
  step('learned times recorded');
  // Fresh statistics now rather than whenever autovacuum gets to it: with none, the planner
  // guesses a few rows per partition and picks bitmap scans plus a sort for a newest-first page
  // of one side (measured 10x slower than the ordered index scan it chooses after ANALYZE).
  await db.query('ANALYZE');
  step('statistics gathered');
  logger?.info({ ...counts, ms: Date.now() - started }, 'sample scenario loaded');
  return counts;
}
