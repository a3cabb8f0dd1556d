/**
 * The basis panels: the perpetual premium over the index (bp) and the front dated future's
 * annualised basis over the index (% per year), from the timeline's `perpetualPremiumBps` and
 * `futuresAnnualizedBasis` — two charts, as the units differ.
 */
export interface BasisBucket {
  perpetualPremiumBps: number | null;
  futuresAnnualizedBasis: number | null;
}

/** The timeline fields the panels need. */
export const basisTimelineFields = 'perpetualPremiumBps futuresAnnualizedBasis';

export const premiumTitle = 'Perpetual premium over the index (bp; OI-weighted across venues)';
export const basisTitle = 'Front dated-future basis, annualised (% per year; nearest ≥ 7 days per venue, venues averaged)';

export function premiumLines(buckets: BasisBucket[]) {
  return [{ label: 'premium', values: buckets.map((b) => b.perpetualPremiumBps), color: '#953800' }];
}

/** A fraction per year shown as percent. */
export function basisLines(buckets: BasisBucket[]) {
  return [{ label: 'annualised basis', values: buckets.map((b) => (b.futuresAnnualizedBasis === null ? null : b.futuresAnnualizedBasis * 100)), color: '#116329' }];
}
