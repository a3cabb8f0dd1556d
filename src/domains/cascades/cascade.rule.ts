/**
 * The rule that calls a stretch of liquidations a cascade (docs/analytics.md):
 * a minute is hot when its liquidated USD is at least `baselineMultiple` × the mean USD per
 * minute over `baselineMinutes` ending `baselineLagMinutes` earlier (the lag keeps a cascade's
 * own first hours out of the baseline it is judged against), and at least `minUsdPerMinute`; hot minutes no
 * more than `mergeGapMinutes` apart form one run; a run is an episode when it has at least
 * `minHotMinutes` hot minutes, hot minutes make at least `minHotShare` of its length (a cascade
 * is dense; a day of scattered large orders is not), and `minTotalUsd` in all. Quiet-day spikes (one large order) fail
 * the run-length test; real cascades pass every test by orders of magnitude.
 */
export interface CascadeRule {
  baselineMinutes: number;
  baselineLagMinutes: number;
  baselineMultiple: number;
  minUsdPerMinute: number;
  mergeGapMinutes: number;
  minHotMinutes: number;
  minHotShare: number;
  minTotalUsd: number;
}

export const defaultCascadeRule: CascadeRule = {
  baselineMinutes: 1440,
  baselineLagMinutes: 360,
  baselineMultiple: 10,
  minUsdPerMinute: 1_000_000,
  mergeGapMinutes: 15,
  minHotMinutes: 5,
  minHotShare: 0.5,
  minTotalUsd: 100_000_000,
};
