import { TakerVolumeRow, takerVolumePeriodMs } from '../domains/taker-volume/taker-volume.table';
import { AssetPath, priceAt } from './prices';
import { lognormal, stream } from './random';
import { SampleRegistry } from './registry';
import { CASCADE_DAY, CASCADE_PEAK_HOUR, HOUR_MS, MARKET_END, MARKET_START_MS, NOVEMBER_DIP_DAY, NOVEMBER_DIP_HOUR, SAMPLE_ORIGIN } from './scenario';

/**
 * The sample's aggressor-flow story (issue 19 item 2), BTC on the two venues that publish a
 * taker-volume series (Binance BTCUSDT, OKX BTC-USDT-SWAP), every 5-minute period: takers are net
 * buyers through September and into the 6 October peak (buy/sell about 1.05 rising to 1.12); in
 * the cascade's peak hour on 10 October they sell about twice what they buy (ratio near 0.5) on
 * eight times the usual volume; afterwards selling dominates mildly (about 0.96) until
 * 21 November, with a second sell burst (about 0.7) in the 4 November dip hour. Bybit, Deribit and
 * Hyperliquid publish no such series: NOT_COLLECTED on the demo as live.
 */
export const SAMPLE_TAKER_RATIO_CASCADE_HOUR = 0.5;
export const SAMPLE_TAKER_RATIO_PRE_PEAK = 1.12;
export const SAMPLE_TAKER_RATIO_AFTER = 0.96;

const cascadeMs = Date.parse(`${CASCADE_DAY}T${String(CASCADE_PEAK_HOUR).padStart(2, '0')}:00:00Z`);
const dipMs = Date.parse(`${NOVEMBER_DIP_DAY}T${String(NOVEMBER_DIP_HOUR).padStart(2, '0')}:00:00Z`);
const peakMs = Date.parse('2025-10-06T00:00:00Z');
const endMs = Date.parse(`${MARKET_END}T00:00:00Z`);

/** Buy/sell ratio of the market's takers at a time (before the venue's own noise). */
export function sampleTakerRatio(ms: number): number {
  if (ms >= cascadeMs && ms < cascadeMs + HOUR_MS) return SAMPLE_TAKER_RATIO_CASCADE_HOUR;
  if (ms >= dipMs && ms < dipMs + HOUR_MS) return 0.7;
  if (ms < peakMs) return 1.05 + (SAMPLE_TAKER_RATIO_PRE_PEAK - 1.05) * ((ms - MARKET_START_MS) / (peakMs - MARKET_START_MS));
  if (ms < cascadeMs) return 1.01;
  return SAMPLE_TAKER_RATIO_AFTER;
}

/** Total taker USD per 5 minutes on Binance BTC: about $60M, eight times that in the cascade hour, three times in the dip hour. */
function volumeUsd(ms: number): number {
  const base = 60_000_000;
  if (ms >= cascadeMs && ms < cascadeMs + HOUR_MS) return base * 8;
  if (ms >= dipMs && ms < dipMs + HOUR_MS) return base * 3;
  return base;
}

/** OKX's BTC-USDT-SWAP trades about a third of Binance's BTCUSDT. */
const venueShare: Record<string, number> = { binance: 1, okx: 0.35 };

export function takerVolumeRows(registry: SampleRegistry, btc: AssetPath): TakerVolumeRow[] {
  const rows: TakerVolumeRow[] = [];
  for (const venue of ['binance', 'okx'] as const) {
    const instrument = registry.instruments.find((i) => i.asset === 'BTC' && i.venue === venue && i.contractType === 'PERPETUAL' && i.quoteCurrency === 'USDT');
    if (!instrument) continue;
    const random = stream(`taker-volume|BTC|${venue}`);
    for (let at = MARKET_START_MS; at + takerVolumePeriodMs <= endMs; at += takerVolumePeriodMs) {
      const total = volumeUsd(at) * venueShare[venue] * lognormal(random, 0.25);
      const ratio = sampleTakerRatio(at) * lognormal(random, 0.04);
      const sellUsd = total / (1 + ratio);
      const buyUsd = total - sellUsd;
      // Binance publishes coins (priced back at the period's price, as ingestion does); OKX USDT.
      const price = priceAt(btc, at + takerVolumePeriodMs / 2);
      const coins = venue === 'binance';
      rows.push({
        asset_id: instrument.assetId,
        instrument_id: instrument.id,
        at: new Date(at),
        buy_usd: buyUsd,
        sell_usd: sellUsd,
        buy_published: coins ? buyUsd / price : buyUsd,
        sell_published: coins ? sellUsd / price : sellUsd,
        published_unit: coins ? 'COIN' : 'USDT',
        published_ratio: coins ? Math.round((buyUsd / sellUsd) * 10_000) / 10_000 : null,
        usd_price: coins ? price : null,
        origin: SAMPLE_ORIGIN,
      });
    }
  }
  return rows;
}
