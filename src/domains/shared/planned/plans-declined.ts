/**
 * Told of each plan a planner declined because the selection asks a field it does not know
 * ("Liquidation.foo": not in the type's shape, or a field with arguments), so /metrics can count
 * which fields send hot reads back to the resolvers (cascade_plans_declined_total). Domains may
 * not import src/app: the app's metrics module registers here instead (src/app/metrics.ts).
 */
type DeclinedListener = (field: string) => void;

const listeners = new Set<DeclinedListener>();

/** Registers a listener; returns the function that removes it. */
export function onPlanDeclined(listener: DeclinedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function planDeclined(field: string): void {
  for (const listener of listeners) listener(field);
}
