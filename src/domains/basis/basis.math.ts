/**
 * The dated-future basis, one definition for the series, the timeline and the docs
 * (docs/analytics.md, "Basis"): futures price = the venue's mark price of the future, spot =
 * the venue's own index of the same underlying read with it; days to expiry in calendar days
 * (actual/365: the exact time to expiry in ms ÷ 86 400 000).
 */
export const daysPerYear = 365;
const msPerDay = 86_400_000;

/** Under a day to expiry the annualisation (× 365 / days) blows the last ticks' noise up: not annualised. */
export const minDaysToAnnualize = 1;

/** The "nearest" tenor skips contracts this close to expiry (their basis converges to 0 by design). */
export const nearestTenorMinDays = 7;

export interface BasisFigures {
  /** (futures / index − 1) × 10 000. */
  basisBps: number;
  /** Calendar days from the reading to the expiry, fractional. */
  daysToExpiry: number;
  /** (futures / index − 1) × 365 / daysToExpiry, a fraction per year; null under minDaysToAnnualize. */
  annualizedBasis: number | null;
}

export function basisOf(futuresPrice: number, indexPrice: number, at: Date, expiresAt: Date): BasisFigures {
  const basis = futuresPrice / indexPrice - 1;
  const daysToExpiry = (expiresAt.getTime() - at.getTime()) / msPerDay;
  return { basisBps: basis * 10_000, daysToExpiry, annualizedBasis: daysToExpiry >= minDaysToAnnualize ? (basis * daysPerYear) / daysToExpiry : null };
}

/** The premium of a mark over its index, basis points: (mark / index − 1) × 10 000. */
export function premiumBps(markPrice: number, indexPrice: number): number {
  return (markPrice / indexPrice - 1) * 10_000;
}
