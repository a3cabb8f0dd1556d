import { randomUUID } from 'node:crypto';
import { BudgetState, Caller, unlimitedCaller } from '../core/caller';
import { Db } from '../db/sql';
import { Registry, registryFor } from './shared/registry';
import { ServerClock, systemClock } from '../core/clock';
import { createLoaders, Loaders } from './loaders';

/** What every resolver receives: built once per request (HTTP) or per operation (WebSocket). */
export interface Context {
  /** Reads: the read replica when DATABASE_READ_URL is set, else the primary. */
  db: Db;
  /** The primary: LISTEN/NOTIFY and anything that must not lag (a standby gets no NOTIFY). */
  primaryDb: Db;
  registry: Registry;
  loaders: Loaders;
  requestId: string;
  clock: ServerClock;
  /** Who is calling: key prefix, scopes and whose budget the request spends. */
  caller: Caller;
  /** The caller's budget as it stands now (after this request's charge). */
  budget: () => BudgetState;
  /** This operation's estimated cost in points, once it is known. */
  cost?: number;
  /** The budget after this operation's charge (for the RateLimit-* headers). */
  charged?: BudgetState;
  /** The prepared operation the gate admitted and charged for this request (src/app/prepared-operations.ts). */
  admitted?: object;
  /** The admitted operation's variables, coerced with its defaults (so the executor need not coerce them again). */
  coercedVariables?: Record<string, unknown>;
  /**
   * A subscription's tick or check: charges the operation's cost again, or throws RATE_LIMITED
   * (which ends the subscription) when the budget cannot pay it. Free outside subscriptions.
   */
  chargeTick: () => Promise<void>;
}

export interface ContextOptions {
  db: Db;
  primaryDb?: Db;
  requestId?: string;
  clock?: ServerClock;
  caller?: Caller;
  budget?: () => BudgetState;
  chargeTick?: () => Promise<void>;
}

export function createContext(options: ContextOptions): Context {
  const { db } = options;
  return {
    db,
    primaryDb: options.primaryDb ?? db,
    registry: registryFor(db),
    loaders: createLoaders(db),
    requestId: options.requestId ?? randomUUID(),
    clock: options.clock ?? systemClock,
    caller: options.caller ?? unlimitedCaller(),
    budget: options.budget ?? (() => ({ limit: null, remaining: null, resetSeconds: 0 })),
    chargeTick: options.chargeTick ?? (async () => undefined),
  };
}
