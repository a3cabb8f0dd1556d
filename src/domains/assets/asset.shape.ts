import { JsonShape, sqlScalar } from '../shared/planned/json-shape';

/** Asset's columns for planned statements (app/planned), read from the `asset` row aliased `alias`. */
export const assetShape = (alias: string): JsonShape => ({
  typename: 'Asset',
  fields: {
    id: { sql: sqlScalar.id(`${alias}.id`), kind: 'token' },
    symbol: { sql: `${alias}.symbol`, kind: 'text' },
    name: { sql: `${alias}.name`, kind: 'text' },
  },
});
