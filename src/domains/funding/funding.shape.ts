import { JsonShape, sqlScalar } from '../shared/planned/json-shape';

/** FundingPoint for planned statements, from a `funding_rate` row aliased `alias` (as toFundingPoint computes it). */
export const fundingPointShape = (alias: string): JsonShape => ({
  typename: 'FundingPoint',
  fields: {
    at: { sql: sqlScalar.dateTime(`${alias}.at`), kind: 'token' },
    rate: { sql: `${alias}.rate`, kind: 'number' },
    intervalHours: { sql: `${alias}.interval_hours`, kind: 'number' },
    // The same IEEE operations in the same order as toFundingPoint, so the same double.
    annualizedRate: { sql: `${alias}.rate * ((24 * 365)::float8 / ${alias}.interval_hours)`, kind: 'number' },
  },
});
