import { openInterestStaleAfter } from '../open-interest/open-interest.service';

/**
 * Why a condition is UNKNOWN, in words: one text per cause, shared by the published conditions
 * (signals.service.ts) and the rules that read the same series (condition-series.ts), so the
 * same gap reads the same either way.
 */
export const unknownBecause = {
  openInterestMissing: `no open-interest reading within ${openInterestStaleAfter}`,
  etfFlowMissing: 'no US spot ETF flow in the 7 days',
  rsiMissing: 'no price, or fewer than 15 daily closes, for RSI(14)',
} as const;

/** Why an open-interest sum is partial: the expected venues without a fresh reading, or null. */
export function openInterestPartialReason(missingVenues: readonly string[] | null | undefined): string | null {
  if (!missingVenues?.length) return null;
  return `open interest from ${missingVenues.join(', ')} has no reading within ${openInterestStaleAfter} of the time judged, so the sum is partial`;
}
