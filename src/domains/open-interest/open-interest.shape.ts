import { JsonShape } from '../shared/planned/json-shape';

/** OpenInterestPoint from an `open_interest` row aliased `alias`: planned JSON and the resolvers' rows (latest-readings.ts). */
export const openInterestPointShape = (alias: string): JsonShape => ({
  typename: 'OpenInterestPoint',
  fields: {
    at: { sql: `${alias}.at`, kind: 'dateTime' },
    openInterestUsd: { sql: `${alias}.open_interest_usd`, kind: 'number' },
    openInterestContracts: { sql: `${alias}.open_interest_contracts`, kind: 'number', nullable: true },
  },
});
