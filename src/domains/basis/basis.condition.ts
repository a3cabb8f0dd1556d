import { openInterestStaleAfter } from '../open-interest/open-interest.service';
import type { ConditionSeriesEntry, RuleMoment } from '../signals/condition-series';

/**
 * A perpetual mark older than this is not "current" at the moment judged: marks are collected
 * every minute, so 15 minutes is 15 missed polls.
 */
export const premiumStaleAfter = '15 minutes';

const venueFilter = (m: RuleMoment) => `AND (${m.venue}::int IS NULL OR i.venue_id = ${m.venue}::int)`;

/** Per perpetual of the asset (of the venue): its latest mark with an index within premiumStaleAfter, premium in bp, and its open interest at that mark. */
function currentPremiumSql(m: RuleMoment): string {
  return `SELECT i.venue_id, (mk.mark_price / mk.index_price - 1) * 10000 AS bps, oi.usd
  FROM instrument i
  CROSS JOIN LATERAL (SELECT mp.at, mp.mark_price, mp.index_price FROM ${m.from('mark_price', 'mp')}
                      WHERE mp.asset_id = i.asset_id AND mp.instrument_id = i.id AND mp.index_price > 0
                        AND mp.at <= ${m.at} AND mp.at >= ${m.at}::timestamptz - interval '${premiumStaleAfter}' ORDER BY mp.at DESC LIMIT 1) mk
  LEFT JOIN LATERAL (SELECT o.open_interest_usd AS usd FROM ${m.from('open_interest', 'o')}
                     WHERE o.asset_id = i.asset_id AND o.instrument_id = i.id AND o.at <= mk.at AND o.at >= mk.at - interval '${openInterestStaleAfter}'
                     ORDER BY o.at DESC LIMIT 1) oi ON true
  WHERE i.asset_id = ${m.asset} AND i.contract_type = 'PERPETUAL' ${venueFilter(m)}`;
}

/**
 * The recovery-rule series PERPETUAL_PREMIUM_BP ("perpetual premium under 5 bp"): the premium at
 * the moment, weighted as perpetualPremiumHistory.premiumBps is (open interest when every
 * perpetual has one, else the plain mean). Partial when a venue with an active perpetual that had
 * reported a mark with its index by then has none current.
 */
export const perpetualPremiumSeries: ConditionSeriesEntry = {
  series: 'PERPETUAL_PREMIUM_BP',
  unit: 'basis points',
  description: `Perpetual premium over the index, basis points: per perpetual (of the venue, or of every venue) its latest mark with the venue's own index at or before the moment, no older than ${premiumStaleAfter}, (mark / index − 1) × 10 000; across perpetuals weighted by each one's open interest USD (within ${openInterestStaleAfter} of its mark) when every one has it, else the plain mean: perpetualPremiumHistory.premiumBps at that instant. Partial (UNKNOWN) when a venue with an active perpetual that had reported a mark with its index has none current.`,
  publishedBy: { dataset: 'mark-price' },
  aggregate: true,
  missingBecause: `no perpetual mark with its index within ${premiumStaleAfter} of the time judged`,
  partialBecause: (venues) => `${venues.join(', ')} reported no perpetual mark with its index within ${premiumStaleAfter} of the time judged, so the premium is partial`,
  read: {
    sql: (m) => `WITH current_premium AS (${currentPremiumSql(m)})
      SELECT (SELECT CASE WHEN count(*) = 0 THEN NULL
                          WHEN count(usd) = count(*) AND sum(usd) > 0 THEN sum(bps * usd) / sum(usd)
                          ELSE avg(bps) END FROM current_premium) AS value,
             (SELECT array_agg(DISTINCT v.slug ORDER BY v.slug) FROM instrument i JOIN venue v ON v.id = i.venue_id
              WHERE i.asset_id = ${m.asset} AND i.active AND i.contract_type = 'PERPETUAL' ${venueFilter(m)}
                AND EXISTS (SELECT 1 FROM ${m.from('mark_price', 'mp')} WHERE mp.asset_id = i.asset_id AND mp.instrument_id = i.id AND mp.index_price > 0 AND mp.at <= ${m.at})
                AND NOT EXISTS (SELECT 1 FROM current_premium c WHERE c.venue_id = i.venue_id)) AS partial`,
  },
};
