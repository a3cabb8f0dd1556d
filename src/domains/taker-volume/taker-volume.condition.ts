import type { ConditionSeriesEntry, RuleMoment } from '../signals/condition-series';
import { takerVolumeVenues } from './taker-volume.service';
import { takerVolumePeriodMs } from './taker-volume.table';

/** The window a rule's taker ratio is taken over, ending at the moment judged. */
export const takerRuleWindow = '1 hour';
const windowSeconds = 3600;
const periodSeconds = takerVolumePeriodMs / 1000;
const period = `interval '${periodSeconds} seconds'`;

const venueFilter = (m: RuleMoment, column: string) => `AND (${m.venue}::int IS NULL OR ${column} = ${m.venue}::int)`;
const publishing = `ARRAY[${takerVolumeVenues.map((slug) => `'${slug}'`).join(', ')}]::text[]`;

/**
 * The recovery-rule series TAKER_BUY_SELL_RATIO_1H ("takers buying again": ratio above 1): taker
 * buy USD ÷ taker sell USD over the 5-minute periods that end within the hour to the moment, of
 * the venue or summed over the venues that publish one (a ratio of sums, as
 * takerVolumeHistory.buySellRatio). Partial when a publishing venue with an active perpetual that
 * had reported a period by then lacks any of the hour's periods.
 */
export const takerBuySellRatioSeries: ConditionSeriesEntry = {
  series: 'TAKER_BUY_SELL_RATIO_1H',
  unit: 'ratio (taker buy USD ÷ taker sell USD; above 1: takers net buying)',
  description: `Taker buy ÷ sell volume (USD) over the 5-minute periods ending in the ${takerRuleWindow} to the moment (period start ≥ moment − 1 h, period end ≤ moment), of the venue or summed over the venues that publish a taker-volume series (Binance, OKX) before dividing: takerVolumeHistory.buySellRatio over that hour. Partial (UNKNOWN) when a publishing venue that had reported by then lacks a period of the hour; Bybit, Deribit and Hyperliquid publish none, so they cannot be named.`,
  publishedBy: { dataset: 'taker-volume' },
  aggregate: true,
  range: { min: 0 },
  missingBecause: `no taker volume (or no taker selling) in the ${takerRuleWindow} to the time judged`,
  partialBecause: (venues) => `${venues.join(', ')} lacks some of the 5-minute taker-volume periods of the ${takerRuleWindow} to the time judged, so the ratio is partial`,
  read: {
    sql: (m) => `WITH taker_window AS (
        SELECT i.venue_id, t.at, t.buy_usd, t.sell_usd FROM ${m.from('taker_volume', 't')} JOIN instrument i ON i.id = t.instrument_id
        WHERE t.asset_id = ${m.asset} AND t.at >= ${m.at}::timestamptz - interval '${takerRuleWindow}' AND t.at + ${period} <= ${m.at} ${venueFilter(m, 'i.venue_id')}
      )
      SELECT (SELECT sum(buy_usd) / nullif(sum(sell_usd), 0) FROM taker_window) AS value,
             (SELECT array_agg(v.slug ORDER BY v.slug) FROM venue v
              WHERE v.slug = ANY(${publishing}) ${venueFilter(m, 'v.id')}
                AND EXISTS (SELECT 1 FROM instrument i WHERE i.venue_id = v.id AND i.asset_id = ${m.asset} AND i.active AND i.contract_type = 'PERPETUAL')
                AND EXISTS (SELECT 1 FROM ${m.from('taker_volume', 't')} JOIN instrument i ON i.id = t.instrument_id
                            WHERE t.asset_id = ${m.asset} AND i.venue_id = v.id AND t.at + ${period} <= ${m.at})
                AND (SELECT count(DISTINCT w.at) FROM taker_window w WHERE w.venue_id = v.id)
                    < floor(extract(epoch FROM ${m.at}::timestamptz) / ${periodSeconds}) - ceil(extract(epoch FROM ${m.at}::timestamptz - interval '${windowSeconds} seconds') / ${periodSeconds})) AS partial`,
  },
};
