import { planLiquidationHistory } from '../../domains/liquidations/liquidation-history.plan';
import { planLiquidations } from '../../domains/liquidations/liquidation.plan';
import { planInstruments } from '../../domains/venues/instrument.plan';
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
