import type { ConditionSeriesEntry } from '../signals/condition-series';
import { LongShortRatioDefinition, publishedRatios } from './positioning.definitions';

/**
 * Long/short ratios as recovery-rule series (src/domains/signals/condition-series.ts), e.g.
 * "top-trader long ratio below 1.5" = { series: TOP_TRADER_POSITION_LONG_SHORT_RATIO, venue:
 * "binance", comparison: BELOW, value: 1.5 }. Per venue only: the definitions and the venues'
 * populations differ, so there is no aggregate to compare with. A venue's value is its series on
 * the asset's USDT-margined perpetual (BTCUSDT, BTC-USDT-SWAP): the contract each venue publishes
 * every definition for.
 */

/** A reading older than this at the moment judged is not current: the venues publish every 5 minutes, the sample hourly. */
export const positioningStaleAfter = '2 hours';

const seriesNames: Record<LongShortRatioDefinition, string> = {
  TOP_TRADER_POSITIONS: 'TOP_TRADER_POSITION_LONG_SHORT_RATIO',
  TOP_TRADER_ACCOUNTS: 'TOP_TRADER_ACCOUNT_LONG_SHORT_RATIO',
  GLOBAL_ACCOUNTS: 'GLOBAL_ACCOUNT_LONG_SHORT_RATIO',
};

const wording: Record<LongShortRatioDefinition, string> = {
  TOP_TRADER_POSITIONS: "Top traders' long / short by position size (Binance: the top 20 % of users by margin balance; OKX: the top 5 % by open position value)",
  TOP_TRADER_ACCOUNTS: "Top traders' accounts net long / net short (Binance: the top 20 % by margin balance, each account once; OKX: the top 5 % by open position value)",
  GLOBAL_ACCOUNTS: 'All accounts net long / net short (Bybit: buyRatio / sellRatio)',
};

export const positioningConditionSeries: ConditionSeriesEntry[] = (Object.keys(seriesNames) as LongShortRatioDefinition[]).map((definition) => ({
  series: seriesNames[definition],
  unit: 'ratio (long / short; 1.5 = one and a half longs per short)',
  description: `${wording[definition]}, as the venue publishes it (longShortRatioHistory, definition ${definition}): the latest reading on the venue's USDT-margined perpetual of the asset at or before the moment, no older than ${positioningStaleAfter}.`,
  publishedBy: { venues: [...new Set(publishedRatios.filter((p) => p.definition === definition && p.scope === 'CONTRACT').map((p) => p.venue))].sort() },
  aggregate: false,
  range: { min: 0 },
  missingBecause: `no ${definition} long/short ratio on the venue's USDT perpetual within ${positioningStaleAfter} of the time judged`,
  read: {
    sql: (m) => `SELECT (
        SELECT p.long_short_ratio FROM ${m.from('positioning_ratio', 'p')}
        JOIN instrument i ON i.asset_id = p.asset_id AND i.venue_id = p.venue_id AND i.symbol = p.scope
        WHERE p.asset_id = ${m.asset} AND p.venue_id = ${m.venue}::int AND p.kind = '${definition}'
          AND i.contract_type = 'PERPETUAL' AND i.quote_currency = 'USDT'
          AND p.at <= ${m.at} AND p.at > ${m.at}::timestamptz - interval '${positioningStaleAfter}'
        ORDER BY p.at DESC LIMIT 1
      ) AS value, NULL::text[] AS partial`,
  },
}));
