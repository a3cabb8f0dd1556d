/**
 * The rule that calls a stretch of liquidations a cascade, exactly as docs/analytics.md writes it
 * ("Cascade episodes"):
 *
 * 1. Baseline of a minute: the mean over the `baselineMinutes` ending `baselineLagMinutes` before
 *    it of each minute's USD capped at `minUsdPerMinute` (the hot floor). A minute that could be
 *    hot — an earlier cascade's, a large order's — counts as the floor at most, so the baseline
 *    never exceeds the floor and an earlier cascade cannot lift the bar above `baselineMultiple` ×
 *    the floor for its aftershock.
 * 2. A minute is hot when its USD is at least `minUsdPerMinute` and at least `baselineMultiple` ×
 *    its baseline.
 * 3. Hot minutes whose starts are at most `mergeGapMinutes` apart join one run; the run is
 *    [first hot minute, last hot minute + 1 min).
 * 4. A run is an episode when its total USD is at least `standaloneTotalUsd` (size alone decides),
 *    or when it has at least `minHotMinutes` hot minutes, at least `minTotalUsd` in all, and at
 *    least `minUsdPerRunMinute` per minute of its length (a cascade is dense in dollars; a day of
 *    scattered large orders is not).
 */
export interface CascadeRule {
  baselineMinutes: number;
  baselineLagMinutes: number;
  baselineMultiple: number;
  minUsdPerMinute: number;
  mergeGapMinutes: number;
  minHotMinutes: number;
  minTotalUsd: number;
  minUsdPerRunMinute: number;
  standaloneTotalUsd: number;
}

export const defaultCascadeRule: CascadeRule = {
  baselineMinutes: 1440,
  baselineLagMinutes: 360,
  baselineMultiple: 10,
  minUsdPerMinute: 1_000_000,
  mergeGapMinutes: 15,
  minHotMinutes: 5,
  minTotalUsd: 100_000_000,
  minUsdPerRunMinute: 1_000_000,
  standaloneTotalUsd: 500_000_000,
};
