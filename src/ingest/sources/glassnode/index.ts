import { cohortSupplyTable } from '../../../domains/cohorts/cohort-supply.table';
import { exchangeFlowTable } from '../../../domains/exchange-flows/exchange-flow.table';
import { trackedAssets } from '../../catalog';
import { dayMs } from '../../paging';
import { IngestContext, Source, TimeWindow } from '../../source';
import { cohortKey, seedCohorts } from '../cohort-registry';
import { DayWindow, dayWindow } from '../daily';
import { GlassnodeClient, glassnodeKeyVariable } from './client';
import { glassnodeCohortMetrics, glassnodeFlowMetrics, mapCohortSupply, mapExchangeFlows } from './map';

export const glassnodeSlug = 'glassnode';

/** Glassnode's cohort and exchange metrics are bitcoin's here (several need a paid plan). */
const asset = 'BTC';

/** Without a key nothing can be fetched: say which variable to set. */
function client(ctx: IngestContext): GlassnodeClient {
  const key = ctx.env[glassnodeKeyVariable]?.trim();
  if (!key) throw new Error(`glassnode: no API key — set ${glassnodeKeyVariable} to a Glassnode API key to ingest ${ctx.dataset}`);
  return new GlassnodeClient(ctx.http, key);
}

/** Unix seconds of the window's first day and of its last day's start. */
function seconds(days: DayWindow): [number, number] {
  return [Date.parse(`${days.firstDay}T00:00:00Z`) / 1000, (Date.parse(`${days.lastDay}T00:00:00Z`) + dayMs - 1000) / 1000];
}

async function runCohorts(ctx: IngestContext, window: TimeWindow): Promise<number> {
  const glassnode = client(ctx);
  const days = dayWindow(window);
  if (!days) return 0;
  const assetId = (await trackedAssets(ctx.db)).get(asset)!;
  const cohorts = await seedCohorts(ctx.db, [{ id: assetId, symbol: asset }]);
  let written = 0;
  for (const [cohort, path] of Object.entries(glassnodeCohortMetrics)) {
    const points = await glassnode.metric(path, asset, ...seconds(days));
    const rows = mapCohortSupply(points, assetId, cohorts.get(cohortKey(assetId, cohort))!);
    written += await ctx.upsert(cohortSupplyTable, rows.filter((row) => days.contains(row.day)));
  }
  return written;
}

async function runExchangeFlows(ctx: IngestContext, window: TimeWindow): Promise<number> {
  const glassnode = client(ctx);
  const days = dayWindow(window);
  if (!days) return 0;
  const assetId = (await trackedAssets(ctx.db)).get(asset)!;
  const inflows = await glassnode.metric(glassnodeFlowMetrics.inflow, asset, ...seconds(days));
  const outflows = await glassnode.metric(glassnodeFlowMetrics.outflow, asset, ...seconds(days));
  const { rows, incomplete } = mapExchangeFlows(inflows, outflows, assetId);
  if (incomplete.length) ctx.note(`exchange flows of ${incomplete.join(', ')} have one side only: not stored yet`);
  return ctx.upsert(exchangeFlowTable, rows.filter((row) => days.contains(row.day)));
}

export const glassnodeSource: Source = {
  slug: glassnodeSlug,
  name: 'Glassnode (holder cohorts, exchange flows)',
  secretParams: ['api_key'],
  requiredEnv: [glassnodeKeyVariable],
  // 600 requests a minute by default per key; a tenth is plenty for daily metrics.
  rateLimit: { weight: 60, intervalMs: 60_000 },
  datasets: {
    cohorts: { run: runCohorts },
    'exchange-flows': { run: runExchangeFlows },
  },
};
