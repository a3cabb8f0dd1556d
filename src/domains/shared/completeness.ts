import { registerEnumType } from 'type-graphql';

/**
 * How much of a venue's liquidations Cascade collects. A fact of each source (its feed, its
 * documentation, and for keyed providers whether the worker has a key), stored on the venue row by
 * the worker that collects it, so every API process reads the same answer.
 */
export enum Completeness {
  COMPLETE = 'COMPLETE',
  LOWER_BOUND = 'LOWER_BOUND',
  NOT_COLLECTED = 'NOT_COLLECTED',
}

registerEnumType(Completeness, {
  name: 'Completeness',
  description: 'How much of the liquidations a figure covers. Sums stay numbers (zeros where nothing was collected); this says what they stand on.',
  valuesConfig: {
    COMPLETE: { description: "Every liquidation the venue reports: the venue's feed is documented as complete." },
    LOWER_BOUND: {
      description: "Only part of them: the venue's feed is sampled (e.g. at most one event per contract per second), or some venues in the figure are sampled or not collected, so the figure under-reports.",
    },
    NOT_COLLECTED: { description: "None: Cascade has no source for this venue's liquidations (or its keyed source has no key), so the figure's zeros say nothing." },
  },
});

export const completenessValues = Object.values(Completeness);

/**
 * The completeness of a sum over several venues, as SQL over `venue` rows aliased `v` (one
 * definition, read by the resolvers from the row and written into the planned JSON): complete only
 * when every venue is; not collected only when none is collected; otherwise a lower bound. No venue
 * at all (nothing lists the asset) is complete: there was nothing to collect.
 */
export const combinedCompletenessSql = `CASE WHEN bool_and(v.liquidation_completeness = 'COMPLETE') IS NOT FALSE THEN 'COMPLETE'
  WHEN bool_and(v.liquidation_completeness = 'NOT_COLLECTED') THEN 'NOT_COLLECTED' ELSE 'LOWER_BOUND' END`;

/** Completeness of the venues listing asset `$asset` (within `$venues` when given), one scalar subquery. */
export function assetLiquidationCompletenessSql(assetParam: string, venuesParam: string): string {
  return `(SELECT ${combinedCompletenessSql} FROM venue v WHERE v.id IN (
            SELECT venue_id FROM instrument WHERE asset_id = ${assetParam} AND active AND (${venuesParam}::int[] IS NULL OR venue_id = ANY(${venuesParam}))))`;
}

/** The compatibility boolean `liquidationsLowerBound`, from a `venue` row aliased `alias`: anything short of complete under-reports. */
export const lowerBoundSql = (alias: string) => `(${alias}.liquidation_completeness <> 'COMPLETE')`;
