/**
 * The positioning panel: each venue's long/short ratio of one definition as its own line, from
 * `timeline.longShortRatios` (a list per bucket, never averaged: the venues' populations differ).
 */
export interface TimelineLongShortRatio {
  venue: string;
  instrument: string;
  definition: 'GLOBAL_ACCOUNTS' | 'TOP_TRADER_ACCOUNTS' | 'TOP_TRADER_POSITIONS';
  longShortRatio: number;
}

/** The timeline selection the panel needs. */
export const longShortRatiosSelection = 'longShortRatios { venue instrument definition longShortRatio }';

const colors = ['#cf222e', '#1f6feb', '#1a7f37', '#8250df', '#bf8700', '#57606a'];

/** One line per venue and instrument of `definition`, aligned to the timeline's buckets (null where a venue published nothing). */
export function longShortLines(buckets: Array<{ longShortRatios: TimelineLongShortRatio[] }>, definition: TimelineLongShortRatio['definition']) {
  const names = [...new Set(buckets.flatMap((b) => b.longShortRatios.filter((r) => r.definition === definition).map((r) => `${r.venue} ${r.instrument}`)))].sort();
  return names.map((name, i) => ({
    label: name,
    color: colors[i % colors.length],
    values: buckets.map((b) => b.longShortRatios.find((r) => r.definition === definition && `${r.venue} ${r.instrument}` === name)?.longShortRatio ?? null),
  }));
}
