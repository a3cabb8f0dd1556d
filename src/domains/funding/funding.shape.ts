import { JsonShape } from '../shared/planned/json-shape';

/**
 * FundingPoint from a `funding_rate` row aliased `alias`: planned JSON and the resolvers' rows
 * (latest-readings.ts) alike. `annualizedRate` is computed here only; the resolvers read it
 * from the row.
 */
export const fundingPointShape = (alias: string): JsonShape => ({
  typename: 'FundingPoint',
  fields: {
    at: { sql: `${alias}.at`, kind: 'dateTime' },
    rate: { sql: `${alias}.rate`, kind: 'number' },
    intervalHours: { sql: `${alias}.interval_hours`, kind: 'number' },
    annualizedRate: { sql: `${alias}.rate * ((24 * 365)::float8 / ${alias}.interval_hours)`, kind: 'number' },
  },
});
