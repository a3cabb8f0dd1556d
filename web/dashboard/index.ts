import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './dashboard.css';
import { query, subscriptions } from './graphql';
import { AggressorFlowBucket, aggressorFlowBars, aggressorFlowTimelineFields, aggressorFlowTitle } from './aggressor-flow';
import { dashboardRules, RecoveryCondition, recoverySelection, renderRecovery } from './recovery';
import { CoinbasePremiumBucket, coinbasePremiumLines, coinbasePremiumSelection, coinbasePremiumTitle } from './spot-premium';
import { longShortLines, longShortRatiosSelection, TimelineLongShortRatio } from './positioning';
import { BasisBucket, basisLines, basisTimelineFields, basisTitle, premiumLines, premiumTitle } from './basis';

interface Bucket extends BasisBucket {
  start: string;
  close: number | null;
  openInterestUsd: number | null;
  fundingRate8h: number | null;
  liquidationsLongUsd: number | null;
  liquidationsShortUsd: number | null;
  depthUsd2pct: number | null;
  takerBuyUsd: AggressorFlowBucket['takerBuyUsd'];
  takerSellUsd: AggressorFlowBucket['takerSellUsd'];
  longShortRatios: TimelineLongShortRatio[];
}

const timelineQuery = `query Dashboard($asset: String!, $interval: Interval!, $from: DateTime!, $to: DateTime, $rules: [ConditionInput!]) {
  timeline(asset: $asset, interval: $interval, from: $from, to: $to) {
    start close openInterestUsd fundingRate8h liquidationsLongUsd liquidationsShortUsd depthUsd2pct ${aggressorFlowTimelineFields} ${longShortRatiosSelection} ${basisTimelineFields}
  }
  etfFlowHistory(asset: $asset, interval: W1, from: $from, to: $to) { start netFlowUsd }
  recoverySignals(asset: $asset, at: $to, rules: $rules) { ${recoverySelection} }
  ${coinbasePremiumSelection}
}`;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const seconds = (iso: string) => Date.parse(iso) / 1000;
const charts: uPlot[] = [];
let unsubscribe: (() => void) | undefined;

/** 40B, 1.2M, 0.0001: axis labels that fit. */
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });
const label = (value: number) => (Math.abs(value) >= 1000 ? compact.format(value) : String(Number(value.toPrecision(3))));

/** Every chart shares one cursor and x scale, so the series line up in time. */
const sync = uPlot.sync('cascade');

function chart(title: string, x: number[], series: Array<{ label: string; values: Array<number | null>; color: string; bars?: boolean }>): uPlot {
  const holder = document.createElement('div');
  holder.className = 'chart';
  holder.innerHTML = `<h2>${title}</h2>`;
  $('charts').appendChild(holder);
  const bars = uPlot.paths.bars ? uPlot.paths.bars({ size: [0.8] }) : undefined;
  return new uPlot(
    {
      width: Math.min(window.innerWidth - 60, 1200),
      height: 170,
      cursor: { sync: { key: sync.key } },
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, fill: s.bars ? s.color : undefined, paths: s.bars ? bars : undefined, spanGaps: false }))],
      axes: [{}, { size: 60, values: (_u: uPlot, values: number[]) => values.map(label) }],
    },
    [x, ...series.map((s) => s.values)] as uPlot.AlignedData,
    holder,
  );
}

async function load(): Promise<void> {
  const asset = $<HTMLSelectElement>('asset').value;
  const interval = $<HTMLSelectElement>('interval').value;
  const from = new Date($<HTMLInputElement>('from').value + 'Z').toISOString();
  const to = new Date($<HTMLInputElement>('to').value + 'Z').toISOString();
  const key = $<HTMLInputElement>('key').value;
  $('status').textContent = 'loading…';
  const data = await query<{
    timeline: Bucket[];
    etfFlowHistory: Array<{ start: string; netFlowUsd: number }>;
    recoverySignals: { allMet: boolean; rulesMet: boolean | null; conditions: RecoveryCondition[] };
    coinbasePremium: CoinbasePremiumBucket[];
  }>(timelineQuery, { asset, interval, from, to, rules: dashboardRules }, key);
  for (const c of charts.splice(0)) c.destroy();
  $('charts').innerHTML = '';
  const x = data.timeline.map((b) => seconds(b.start));
  const col = (f: keyof Bucket) => data.timeline.map((b) => b[f] as number | null);
  charts.push(
    chart(`${asset} price (USD)`, x, [{ label: 'close', values: col('close'), color: '#1f6feb' }]),
    chart('Aggregate open interest (USD)', x, [{ label: 'open interest', values: col('openInterestUsd'), color: '#8250df' }]),
    chart('Liquidations (USD)', x, [
      { label: 'longs', values: col('liquidationsLongUsd'), color: '#cf222e', bars: true },
      { label: 'shorts', values: col('liquidationsShortUsd'), color: '#1a7f37', bars: true },
    ]),
    chart(aggressorFlowTitle, x, aggressorFlowBars(data.timeline)),
    chart('Funding, OI-weighted, per 8 h', x, [{ label: 'rate', values: col('fundingRate8h'), color: '#bf8700' }]),
    chart('±2 % depth (USD)', x, [{ label: 'depth', values: col('depthUsd2pct'), color: '#0969da' }]),
    chart('US spot ETF weekly net flow (USD)', data.etfFlowHistory.map((w) => seconds(w.start)), [
      { label: 'net flow', values: data.etfFlowHistory.map((w) => w.netFlowUsd), color: '#57606a', bars: true },
    ]),
    chart("Top traders' long/short by position, per venue (each venue's own top slice; not averaged)", x, longShortLines(data.timeline, 'TOP_TRADER_POSITIONS')),
    chart('All accounts long/short, per venue (not averaged)', x, longShortLines(data.timeline, 'GLOBAL_ACCOUNTS')),
    chart(coinbasePremiumTitle, x, coinbasePremiumLines(data.coinbasePremium)),
    chart(premiumTitle, x, premiumLines(data.timeline)),
    chart(basisTitle, x, basisLines(data.timeline)),
  );
  $('recovery').innerHTML = renderRecovery(data.recoverySignals.conditions, label);
  $('status').textContent = `${data.timeline.length} buckets`;

  // Live: each closed bucket of liquidations is appended as it arrives.
  unsubscribe?.();
  unsubscribe = subscriptions(key).subscribe<{ liquidationTicks: { start: string; longUsd: number; shortUsd: number } }>(
    { query: `subscription ($asset: String!, $interval: Interval!) { liquidationTicks(asset: $asset, interval: $interval) { start longUsd shortUsd } }`, variables: { asset, interval } },
    {
      next: (result) => {
        const tick = result.data?.liquidationTicks;
        if (!tick) return;
        const liquidations = charts[2];
        const data = liquidations.data.map((column) => [...(column as number[])]);
        data[0].push(seconds(tick.start));
        data[1].push(tick.longUsd);
        data[2].push(tick.shortUsd);
        liquidations.setData(data as uPlot.AlignedData);
      },
      error: () => ($('status').textContent = 'live updates interrupted'),
      complete: () => undefined,
    },
  );
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const assets = await query<{ assets: Array<{ symbol: string }> }>('{ assets { symbol } }', {}, '');
  $<HTMLSelectElement>('asset').innerHTML = assets.assets.map((a) => `<option>${a.symbol}</option>`).join('');
  $<HTMLSelectElement>('asset').value = params.get('asset') ?? assets.assets[0]?.symbol ?? 'BTC';
  const to = params.get('to') ?? new Date().toISOString();
  const from = params.get('from') ?? new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
  $<HTMLInputElement>('from').value = from.slice(0, 16);
  $<HTMLInputElement>('to').value = to.slice(0, 16);
  if (params.get('interval')) $<HTMLSelectElement>('interval').value = params.get('interval')!;
  $('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    load().catch((error) => ($('status').textContent = String(error.message ?? error)));
  });
  await load();
}

start().catch((error) => ($('status').textContent = String(error.message ?? error)));
