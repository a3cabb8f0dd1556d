import { planLiquidationHistory } from '../../domains/liquidations/liquidation-history.plan';
import { planLiquidations } from '../../domains/liquidations/liquidation.plan';
import { liquidationBucketShape, liquidationEdgeShape } from '../../domains/liquidations/liquidation.shape';
import { planInstruments } from '../../domains/venues/instrument.plan';
import { instrumentShape } from '../../domains/venues/venue.shape';
import { JsonShape } from '../../domains/shared/planned/json-shape';
import { RootFieldPlanner } from '../../domains/shared/planned/operation-plan';

/**
 * Root fields that can be answered by one statement building their JSON: the hot reads
 * (docs/performance.md). Every other field, and any selection a planner does not know, runs
 * through the resolvers.
 */
export const rootFieldPlanners: Record<string, RootFieldPlanner> = {
  liquidations: planLiquidations,
  liquidationHistory: planLiquidationHistory,
  instruments: planInstruments,
};

/**
 * The shapes those planners write (`liquidations`' edges, `liquidationHistory`'s buckets,
 * `instruments`): every planned type is one of them or nested in one. The connection and its
 * PageInfo are assembled around the edges in JS (liquidation.plan.ts). Each type reached from
 * here is checked against its GraphQL type (tests/unit/planned-shapes.test.ts).
 */
export const plannedShapes: JsonShape[] = [liquidationEdgeShape, liquidationBucketShape, instrumentShape('i')];
