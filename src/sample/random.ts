/**
 * A small seeded PRNG (mulberry32) so the sample scenario is the same on every run and every
 * machine. Sub-streams are seeded from a label (e.g. `liq|BTC|2025-10-10|21`) so one part of
 * the scenario can be regenerated, or generated at another scale, without replaying the rest.
 */
export type Random = () => number;

// Module-level copies: inside a vm context (jest) every global lookup is slow, and these run millions of times.
const { sqrt, log, cos, exp, imul, PI } = Math;

/** mulberry32: 32-bit state, period 2^32, good enough for synthetic data and very fast. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the label's characters: a stable 32-bit seed for a named sub-stream. */
export function seedOf(label: string, base = 0x5eed): number {
  let hash = (0x811c9dc5 ^ base) >>> 0;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function stream(label: string): Random {
  return mulberry32(seedOf(label));
}

/** Standard normal draw (Box–Muller; the second value is discarded for simplicity). */
export function normal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return sqrt(-2 * log(u)) * cos(2 * PI * v);
}

export function lognormal(random: Random, sigma: number): number {
  return exp(sigma * normal(random));
}
