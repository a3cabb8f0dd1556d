import { LongShortRatioDefinition, publishedRatios } from '../domains/positioning/positioning.definitions';
import { PositioningRatioRow } from '../domains/positioning/positioning.table';
import { AssetSymbol } from './prices';
import { lognormal, stream } from './random';
import { SampleRegistry } from './registry';
import { CASCADE_DAY, CASCADE_PEAK_HOUR, HOUR_MS, MARKET_END, MARKET_HOURS, MARKET_START_MS, NOVEMBER_DIP_DAY, NOVEMBER_DIP_HOUR, SAMPLE_ORIGIN } from './scenario';

/**
 * The sample's positioning story (issue 19: "how overextended positioning was before 10 October"):
 * top traders' long/short by position climbs through September and early October to about 2.3 on
 * Binance BTC just before the cascade, falls to about 1.05 within two hours of its peak hour (the
 * longs that were liquidated), then rebuilds slowly to about 1.35 by 21 November — under 1.5, the
 * "realignment of leverage ratios". Retail (all accounts) does the opposite after the cascade: its
 * long/short jumps to about 2.6 (buying the dip) and is still above 2 in late November. Readings
 * are hourly (the venues publish every 5 minutes; the sample keeps one an hour to stay small).
 */
export const SAMPLE_TOP_TRADER_POSITION_RATIO_PEAK = 2.3;
export const SAMPLE_TOP_TRADER_POSITION_RATIO_AFTER = 1.05;
export const SAMPLE_TOP_TRADER_POSITION_RATIO_END = 1.35;

const cascadeMs = Date.parse(`${CASCADE_DAY}T${String(CASCADE_PEAK_HOUR).padStart(2, '0')}:00:00Z`);
const endMs = Date.parse(`${MARKET_END}T00:00:00Z`);
const dipMs = Date.parse(`${NOVEMBER_DIP_DAY}T${String(NOVEMBER_DIP_HOUR).padStart(2, '0')}:00:00Z`);

/** Before → peak (accelerating), a two-hour collapse, then a slow rebuild; the 4 November dip takes a little off. */
function story(ms: number, start: number, peak: number, after: number, end: number): number {
  if (ms < cascadeMs) return start + (peak - start) * ((ms - MARKET_START_MS) / (cascadeMs - MARKET_START_MS)) ** 2;
  const sinceHours = (ms - cascadeMs) / HOUR_MS;
  if (sinceHours < 2) return peak + (after - peak) * (sinceHours / 2);
  const dip = Math.abs(ms - dipMs) < 3 * HOUR_MS ? 0.9 : 1;
  return dip * (after + (end - after) * ((ms - cascadeMs - 2 * HOUR_MS) / (endMs - cascadeMs - 2 * HOUR_MS)));
}

const curves: Record<LongShortRatioDefinition, (ms: number) => number> = {
  TOP_TRADER_POSITIONS: (ms) => story(ms, 1.25, SAMPLE_TOP_TRADER_POSITION_RATIO_PEAK, SAMPLE_TOP_TRADER_POSITION_RATIO_AFTER, SAMPLE_TOP_TRADER_POSITION_RATIO_END),
  TOP_TRADER_ACCOUNTS: (ms) => story(ms, 1.4, 1.9, 1.2, 1.45),
  GLOBAL_ACCOUNTS: (ms) => story(ms, 1.6, 1.35, 2.6, 2.1),
};

/** Each venue's population differs, so its level does: OKX's top 5 % run lower than Binance's top 20 %. */
const venueLevel: Record<string, number> = { binance: 1, bybit: 0.92, okx: 0.86 };
const assetLevel: Record<AssetSymbol, number> = { BTC: 1, ETH: 1.08, SOL: 1.15 };

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Every published series of the asset (registry.ts's USDT perpetual per venue, and OKX's currency), hourly. */
export function positioningRows(registry: SampleRegistry, asset: AssetSymbol): PositioningRatioRow[] {
  const rows: PositioningRatioRow[] = [];
  for (const published of publishedRatios) {
    const instrument = registry.instruments.find((i) => i.asset === asset && i.venue === published.venue && i.contractType === 'PERPETUAL' && i.quoteCurrency === 'USDT');
    if (!instrument) continue;
    const scope = published.scope === 'CURRENCY' ? asset : instrument.symbol;
    const random = stream(`positioning|${asset}|${published.venue}|${published.endpoint}`);
    const level = venueLevel[published.venue] * assetLevel[asset] * (published.scope === 'CURRENCY' ? 1.04 : 1);
    for (let h = 0; h < MARKET_HOURS; h++) {
      const at = MARKET_START_MS + h * HOUR_MS;
      const ratio = curves[published.definition](at) * level * lognormal(random, 0.015);
      // Shares as the venues print them (4 decimals), the ratio from the printed shares.
      const long = round4(ratio / (1 + ratio));
      const short = round4(1 - long);
      rows.push({
        asset_id: instrument.assetId,
        venue_id: instrument.venueId,
        kind: published.definition,
        scope,
        period: published.period,
        at: new Date(at),
        long_short_ratio: published.sharesPublished ? round4(long / short) : round4(ratio),
        long_share: published.sharesPublished ? long : null,
        short_share: published.sharesPublished ? short : null,
        origin: SAMPLE_ORIGIN,
      });
    }
  }
  return rows;
}
