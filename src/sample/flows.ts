import { CohortSupplyRow } from '../domains/cohorts/cohort-supply.table';
import { EtfFlowRow } from '../domains/etfs/etf-flow.table';
import { ExchangeFlowRow } from '../domains/exchange-flows/exchange-flow.table';
import { AssetPath, closeOnDay, FLOW_DAYS } from './prices';
import { lognormal, normal, stream } from './random';
import { CohortSlug, SampleRegistry } from './registry';
import { CASCADE_DAY, DAY_MS, ETF_NOVEMBER_TOTAL_USD, ETF_WEEKLY_CAP_USD, FLOWS_START, SAMPLE_ORIGIN, dayMs, dayString } from './scenario';

/** Daily values through (day, value) points, linear between them. */
function dailyCurve(points: Array<[string, number]>): (day: string) => number {
  const parsed = points.map(([d, v]) => [dayMs(d), v] as const);
  return (day) => {
    const ms = dayMs(day);
    if (ms <= parsed[0][0]) return parsed[0][1];
    for (let i = 1; i < parsed.length; i++) {
      if (ms <= parsed[i][0]) {
        const [t0, v0] = parsed[i - 1];
        const [t1, v1] = parsed[i];
        return v0 + ((v1 - v0) * (ms - t0)) / (t1 - t0);
      }
    }
    return parsed[parsed.length - 1][1];
  };
}

const flowDays = Array.from({ length: FLOW_DAYS }, (_, d) => dayString(dayMs(FLOWS_START) + d * DAY_MS));
/** US exchanges were shut on these weekdays (Juneteenth, Independence Day, Labor Day). */
const US_HOLIDAYS = new Set(['2025-06-19', '2025-07-04', '2025-09-01']);
const isWeekday = (day: string) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/** Mean US spot BTC ETF net flow per trading day (USD): the summer bid, early-October rush, November exit. */
const US_FLOW_DRIFT = dailyCurve([
  ['2025-06-01', 250e6], ['2025-06-30', 250e6], ['2025-07-01', 350e6], ['2025-07-31', 350e6], ['2025-08-01', -30e6],
  ['2025-08-31', -30e6], ['2025-09-01', 120e6], ['2025-09-28', 120e6], ['2025-09-29', 620e6], ['2025-10-09', 620e6],
  ['2025-10-10', -5e6], ['2025-10-12', -50e6], ['2025-10-31', -50e6], ['2025-11-01', -175e6],
]);

const US_SHARE: Record<string, number> = { IBIT: 0.55, FBTC: 0.18, ARKB: 0.06, BITB: 0.06, BTC: 0.05, HODL: 0.03, GBTC: 0.03, BTCO: 0.015, EZBC: 0.01, BRRR: 0.01, BTCW: 0.005 };
const START_HOLDINGS: Record<string, number> = {
  IBIT: 660_000, FBTC: 200_000, GBTC: 190_000, ARKB: 47_000, BITB: 40_000, BTC: 45_000, HODL: 14_000, BTCO: 6_000,
  EZBC: 5_000, BRRR: 5_000, BTCW: 3_500, '3042': 2_300, '3439': 300, '3008': 900,
};

/** US totals per trading day, adjusted so no Mon–Sun week reaches the cap and November sums to its target. */
function usDailyTotals(): Map<string, number> {
  const random = stream('etf-us-totals');
  const totals = new Map<string, number>();
  for (const day of flowDays) if (isWeekday(day) && !US_HOLIDAYS.has(day)) totals.set(day, US_FLOW_DRIFT(day) + normal(random) * 220e6);
  const weeks = new Map<number, string[]>();
  for (const day of totals.keys()) {
    const monday = Math.floor((dayMs(day) - dayMs('2025-06-02')) / (7 * DAY_MS));
    weeks.set(monday, [...(weeks.get(monday) ?? []), day]);
  }
  const cap = ETF_WEEKLY_CAP_USD * 0.85;
  for (const days of weeks.values()) {
    const sum = days.reduce((s, d) => s + totals.get(d)!, 0);
    if (sum <= cap) continue;
    const positive = days.filter((d) => totals.get(d)! > 0);
    const positiveSum = positive.reduce((s, d) => s + totals.get(d)!, 0);
    const keep = (positiveSum - (sum - cap)) / positiveSum;
    for (const d of positive) totals.set(d, totals.get(d)! * keep);
  }
  const november = [...totals.keys()].filter((d) => d.startsWith('2025-11'));
  const shift = (ETF_NOVEMBER_TOTAL_USD - november.reduce((s, d) => s + totals.get(d)!, 0)) / november.length;
  for (const d of november) totals.set(d, totals.get(d)! + shift);
  return totals;
}

/**
 * Per-fund flows: the day's total split by market share, small funds often flat (Farside's
 * 0.0), idiosyncratic noise summing to zero, GBTC still leaking to the cheaper funds.
 */
export function etfFlowRows(registry: SampleRegistry, btc: AssetPath): EtfFlowRow[] {
  const random = stream('etf-flows');
  const rows: EtfFlowRow[] = [];
  const totals = usDailyTotals();
  const holdings = new Map(Object.entries(START_HOLDINGS));
  const assetId = registry.assetId.BTC;
  flowDays.forEach((day, d) => {
    const price = closeOnDay(btc, d);
    const flows = new Map<string, number>();
    const total = totals.get(day);
    if (total !== undefined) {
      const active = Object.entries(US_SHARE).filter(([ticker, share]) => share >= 0.03 || ticker === 'BTC' || random() < 0.3);
      const shareSum = active.reduce((s, [, w]) => s + w, 0);
      const noise = active.map(([, w]) => normal(random) * 25e6 * Math.sqrt(w));
      const noiseMean = noise.reduce((s, n) => s + n, 0) / noise.length;
      active.forEach(([ticker, w], k) => flows.set(ticker, (total * w) / shareSum + noise[k] - noiseMean));
      flows.set('GBTC', (flows.get('GBTC') ?? 0) - 15e6);
      flows.set('IBIT', flows.get('IBIT')! + 15e6);
      for (const ticker of Object.keys(US_SHARE)) if (!flows.has(ticker)) flows.set(ticker, 0);
    }
    if (isWeekday(day)) for (const ticker of ['3042', '3439', '3008']) flows.set(ticker, random() < 0.6 ? 0 : normal(random) * 2.5e6);
    for (const [ticker, flow] of flows) {
      const held = holdings.get(ticker)! + flow / price;
      holdings.set(ticker, held);
      rows.push({ asset_id: assetId, etf_id: registry.etfId[ticker], day, net_flow_usd: Math.round(flow / 1e4) * 1e4, holdings: Math.round(held * 100) / 100, origin: SAMPLE_ORIGIN });
    }
  });
  return rows;
}

/** Net coins into exchanges per day: a steady drain, reversed around the cascade as holders sent coins to sell. */
const EXCHANGE_NETFLOW = dailyCurve([['2025-06-01', -900], ['2025-09-30', -600], ['2025-10-31', -300], ['2025-11-21', 400]]);
const CASCADE_NETFLOW: Record<string, number> = { '2025-10-09': 2_500, [CASCADE_DAY]: 14_000, '2025-10-11': 9_000, '2025-10-12': 3_500 };

export function exchangeFlowRows(registry: SampleRegistry): ExchangeFlowRow[] {
  const random = stream('exchange-flows');
  return flowDays.map((day) => {
    const net = CASCADE_NETFLOW[day] ?? EXCHANGE_NETFLOW(day) + normal(random) * 2_500;
    const gross = 42_000 * lognormal(random, 0.15) * (CASCADE_NETFLOW[day] ? 1.6 : 1);
    return { asset_id: registry.assetId.BTC, day, inflow: gross + net / 2, outflow: gross - net / 2, origin: SAMPLE_ORIGIN };
  });
}

/**
 * Cohort supplies (coins): long-term holders aged into the summer and distributed from late
 * September; whales shed coins over the summer and bought November's slide back to a
 * four-month high; exchange balances follow the exchange flows above.
 */
const LTH = dailyCurve([['2025-06-01', 14_650_000], ['2025-09-20', 14_860_000], ['2025-10-22', 14_560_000], ['2025-11-21', 14_080_000]]);
const WHALES = dailyCurve([
  ['2025-06-01', 3_340_000], ['2025-07-15', 3_280_000], ['2025-08-20', 3_200_000], ['2025-09-30', 3_190_000],
  ['2025-10-20', 3_215_000], ['2025-11-10', 3_275_000], ['2025-11-21', 3_305_000],
]);

export function cohortSupplyRows(registry: SampleRegistry, exchangeFlows: ExchangeFlowRow[]): CohortSupplyRow[] {
  const random = stream('cohorts');
  const rows: CohortSupplyRow[] = [];
  let exchanges = 2_450_000;
  const assetId = registry.assetId.BTC;
  const push = (slug: CohortSlug, day: string, supply: number) =>
    rows.push({ asset_id: assetId, cohort_id: registry.cohortId[slug], day, supply: Math.round(supply), origin: SAMPLE_ORIGIN });
  flowDays.forEach((day, d) => {
    const circulating = 19_873_000 + 450 * d;
    const lth = LTH(day) + normal(random) * 2_000;
    exchanges += exchangeFlows[d].inflow - exchangeFlows[d].outflow;
    push('LTH', day, lth);
    push('STH', day, circulating - lth);
    push('WHALES', day, WHALES(day) + normal(random) * 1_500);
    push('EXCHANGES', day, exchanges);
    push('MINERS', day, 1_805_000 + 5 * d + normal(random) * 300);
  });
  return rows;
}

