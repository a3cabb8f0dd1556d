import { cohortSupplyTable } from '../../../domains/cohorts/cohort-supply.table';
import { trackedAssets } from '../../catalog';
import { IngestContext, Source, TimeWindow } from '../../source';
import { cohortKey, seedCohorts } from '../cohort-registry';
import { dayWindow } from '../daily';
import { BgeometricsClient } from './client';
import { bgeometricsSupplyMetrics, mapSupply } from './map';

export const bgeometricsSlug = 'bgeometrics';

/** Long- and short-term holder supply of bitcoin (the only asset BGeometrics covers). */
async function runCohorts(ctx: IngestContext, window: TimeWindow): Promise<number> {
  const days = dayWindow(window);
  if (!days) return 0;
  const client = new BgeometricsClient(ctx.http, ctx.env.CASCADE_BGEOMETRICS_TOKEN);
  const assetId = (await trackedAssets(ctx.db)).get('BTC')!;
  const cohorts = await seedCohorts(ctx.db, [{ id: assetId, symbol: 'BTC' }]);
  let written = 0;
  for (const [cohort, slug] of Object.entries(bgeometricsSupplyMetrics)) {
    const rows = mapSupply(await client.metric(slug, days.firstDay, days.lastDay), slug, assetId, cohorts.get(cohortKey(assetId, cohort))!);
    written += await ctx.upsert(cohortSupplyTable, rows.filter((row) => days.contains(row.day)));
  }
  return written;
}

export const bgeometricsSource: Source = {
  slug: bgeometricsSlug,
  name: 'BGeometrics (bitcoin-data.com)',
  secretParams: ['token'],
  // The free tier allows 8 requests an hour and 15 a day (BGeometrics' privacy page); a daily run makes two.
  rateLimit: { weight: 8, intervalMs: 3_600_000 },
  datasets: {
    cohorts: { run: runCohorts },
  },
};
