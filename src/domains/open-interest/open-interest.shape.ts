import { JsonShape, sqlScalar } from '../shared/planned/json-shape';

/** OpenInterestPoint for planned statements, from an `open_interest` row aliased `alias`. */
export const openInterestPointShape = (alias: string): JsonShape => ({
  typename: 'OpenInterestPoint',
  fields: {
    at: { sql: sqlScalar.dateTime(`${alias}.at`), kind: 'token' },
    openInterestUsd: { sql: `${alias}.open_interest_usd`, kind: 'number' },
    openInterestContracts: { sql: `${alias}.open_interest_contracts`, kind: 'number', nullable: true },
  },
});
