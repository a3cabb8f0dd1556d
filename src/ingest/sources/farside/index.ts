import { EtfFlowRow, etfFlowTable } from '../../../domains/etfs/etf-flow.table';
import { IngestContext, Source, TimeWindow } from '../../source';
import { dayWindow } from '../daily';
import { etfTickerByAlias, seedEtfRegistry, StoredEtf } from '../etf-registry';
import { FlowCell, parseFlowTable, TableFormat } from './parse';

export const farsideSlug = 'farside';

/** The page of the US spot bitcoin ETF table. */
export const farsideBtcPath = '/btc/';

/**
 * A proxy's error page (HTTP 200, no table) or a cut connection (no closing tag) is retried
 * like an unparseable JSON body, rather than parsed into fewer rows.
 */
function closedTable(page: unknown) {
  const text = String(page);
  const opened = text.match(/<table\b/gi)?.length ?? 0;
  const closed = text.match(/<\/table\s*>/gi)?.length ?? 0;
  return opened > 0 && opened === closed ? null : { message: 'page without complete tables (an error page or a cut body)', retryable: true };
}

/** Flow cells as etf_flow rows (US$; holdings are not in the table). */
export function flowRows(flows: FlowCell[], etfs: Map<string, StoredEtf>, origin: string): EtfFlowRow[] {
  return flows.map((flow) => {
    const etf = etfs.get(flow.ticker);
    if (!etf) throw new Error(`ETF ${flow.ticker} is not in the etf table`);
    return { asset_id: etf.assetId, etf_id: etf.id, day: flow.day, net_flow_usd: flow.netFlowUsd, holdings: null, origin };
  });
}

/** Parses a flow table against the registry's tickers (and the counters they alias). */
export function parseEtfFlows(text: string, format?: TableFormat) {
  return parseFlowTable(text, etfTickerByAlias, format);
}

/**
 * Reads the whole public table and writes the days of the window. The schedule re-reads the
 * last five days: issuers report late, and a changed figure is kept as a revision by the upsert.
 */
async function runEtfFlows(ctx: IngestContext, window: TimeWindow): Promise<number> {
  const html = await ctx.http.getText(farsideBtcPath, { weight: 1, validate: closedTable });
  const parsed = parseEtfFlows(html, 'html');
  const etfs = await seedEtfRegistry(ctx.db);
  const days = dayWindow(window);
  // "-" cells (not reported yet, or before a fund listed) are normal and simply not stored.
  const inWindow = parsed.flows.filter((flow) => days?.contains(flow.day));
  return ctx.upsert(etfFlowTable, flowRows(inWindow, etfs, 'LIVE'));
}

export const farsideSource: Source = {
  slug: farsideSlug,
  name: 'Farside Investors (US spot bitcoin ETF flows)',
  // One page a run; a person-sized pace is plenty for a daily table.
  rateLimit: { weight: 6, intervalMs: 60_000 },
  datasets: {
    'etf-flows': { run: runEtfFlows },
  },
};
