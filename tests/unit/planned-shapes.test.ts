import 'reflect-metadata';
import { buildCascadeSchema } from '../../src/app/schema';
import { plannedShapes } from '../../src/app/planned/planners';
import { JsonShape } from '../../src/domains/shared/planned/json-shape';
import { reachableShapes, shapeProblems } from '../support/planned-shapes';

/**
 * Issue 16, item 3: a planned type's shape is its one description, and its GraphQL type (the
 * type-graphql class, the schema's source: docs/decisions.md) is checked against it, field by
 * field. Every field of a planned type is in its shape or resolver-only with a reason, never both.
 */
describe('planned shapes against the schema', () => {
  const schema = buildCascadeSchema();

  it('reaches every planned type from the planners', () => {
    expect([...reachableShapes(plannedShapes).keys()].sort()).toEqual([
      'Asset',
      'FundingPoint',
      'Instrument',
      'Liquidation',
      'LiquidationBucket',
      'LiquidationEdge',
      'OpenInterestPoint',
      'Venue',
    ]);
  });

  it('finds every field of every planned type in its shape or on its resolver-only list, once', () => {
    expect(shapeProblems(schema, plannedShapes)).toEqual([]);
  });

  /** A copy of the planned shapes with the Liquidation shape (nested in the edge) changed by `edit`. */
  function withLiquidation(edit: (shape: JsonShape) => JsonShape): JsonShape[] {
    const [edge, ...rest] = plannedShapes;
    const node = edge.fields.node as { shape: JsonShape };
    return [{ ...edge, fields: { ...edge.fields, node: { ...node, shape: edit(node.shape) } } }, ...rest];
  }

  it('fails on a field defined in two places', () => {
    const twice = withLiquidation((shape) => ({ ...shape, resolverOnly: { ...shape.resolverOnly, price: 'also answered by a resolver' } }));
    expect(shapeProblems(schema, twice)).toEqual(['Liquidation.price is defined twice: in the shape and on its resolver-only list']);
    const carried = withLiquidation((shape) => ({ ...shape, carried: { ...shape.carried, side: 'l.side' } }));
    expect(shapeProblems(schema, carried)).toEqual(['Liquidation.side is defined twice: a GraphQL field and a carried value']);
  });

  it('fails on a GraphQL field that is neither in the shape nor resolver-only, and on a shape field with no GraphQL field', () => {
    const missing = withLiquidation(({ fields: { quantity: _dropped, ...fields }, ...shape }) => ({ ...shape, fields }));
    expect(shapeProblems(schema, missing)).toEqual(['Liquidation.quantity is neither in the shape nor on its resolver-only list (with the reason)']);
    const extra = withLiquidation((shape) => ({ ...shape, fields: { ...shape.fields, leverage: { sql: 'l.leverage', kind: 'number' } } }));
    expect(shapeProblems(schema, extra)).toEqual(['Liquidation.leverage is in the shape but is no field of the GraphQL type']);
  });

  it('fails on a kind or a nullability that is not the GraphQL field\'s', () => {
    const wrong = withLiquidation((shape) => ({
      ...shape,
      fields: { ...shape.fields, occurredAt: { sql: 'l.occurred_at', kind: 'text' }, price: { sql: 'l.price', kind: 'number', nullable: true } },
    }));
    expect(shapeProblems(schema, wrong)).toEqual([
      'Liquidation.price is non-null in the schema but not in the shape',
      'Liquidation.occurredAt is DateTime in the schema but text in the shape',
    ]);
  });
});
