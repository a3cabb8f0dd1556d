import { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { Context } from '../domains/context';
import { estimateCost } from './cost';
import type { PreparedOperation } from './prepared-operations';
import type { EntryChecks } from './entry-checks';
import { databaseFaultCodes, databaseRetryAfterSeconds } from './db-faults';
import { CascadeError, ErrorCode, ErrorDetails, errorHttpStatus } from '../core/errors';
import { SharedBudgets } from './rate-limit';
import { currentRequestScope } from './request-scope';

/** A coded error that also sets the HTTP status (and headers) of the response it ends. */
export function httpError(code: ErrorCode, message: string, details: ErrorDetails = {}, headers: Record<string, string> = {}): CascadeError {
  return new CascadeError(code, message, { ...details, http: { status: errorHttpStatus[code] ?? 400, headers: new HeaderMap(Object.entries(headers)) } });
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || hasNul(inner, depth + 1));
}

/**
 * What every operation passes before it runs, over HTTP and WebSocket alike: the caller's
 * scopes, the cost bound, and the charge against the caller's budget. All of it is decided from
 * memory; nothing here waits on the database.
 */
export class OperationGate {
  constructor(
    private readonly budgets: SharedBudgets,
    private readonly maxCost: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `variables` are the operation's coerced values, defaults applied (EntryChecks.admit); what
   * does not depend on them (scopes, the cost's shape, NUL in literals) was decided once, when
   * the operation was prepared.
   */
  admit(ctx: Context, prepared: PreparedOperation, variables: Record<string, unknown>): void {
    // Admitted already (a subscription's operation is admitted once, then ticks are charged).
    if (ctx.admitted === prepared) return;
    const scope = currentRequestScope();
    if (scope) scope.operationName = prepared.name ?? undefined;
    // Postgres text cannot hold U+0000, so a string carrying it would fail inside some statement
    // as an unexpected error; it is refused here, for every argument of every field.
    if (!prepared.nulFree || hasNul(variables)) throw httpError('BAD_USER_INPUT', 'Strings may not contain the NUL character (U+0000).');
    const missing = [...prepared.scopes].find((needed) => !ctx.caller.scopes.has(needed));
    if (missing) throw httpError('FORBIDDEN', `This operation needs the \`${missing}\` scope, which the key lacks.`, { requiredScope: missing });

    const cost = estimateCost(prepared.costShape, variables, this.now());
    ctx.cost = cost;
    const limit = ctx.caller.budgetPerMinute;
    if (cost > this.maxCost) {
      throw httpError('QUERY_TOO_COMPLEX', `The operation costs ${cost} points; at most ${this.maxCost} are allowed. Narrow ranges, lower \`first\` or select fewer lists.`, {
        cost,
        maxCost: this.maxCost,
      });
    }
    if (limit !== null && cost > limit) {
      throw httpError('QUERY_TOO_COMPLEX', `The operation costs ${cost} points, more than this caller's whole budget of ${limit} per minute.`, { cost, budgetPerMinute: limit });
    }
    const result = this.budgets.charge(ctx.caller.bucket, limit, cost);
    ctx.charged = result;
    if (result.allowed) ctx.admitted = prepared;
    if (!result.allowed) {
      throw httpError(
        'RATE_LIMITED',
        `This operation costs ${cost} points and ${result.remaining} are left this minute; retry after ${result.resetSeconds} s.`,
        { cost, remaining: result.remaining, budgetPerMinute: limit, retryAfterSeconds: result.resetSeconds },
        { 'retry-after': String(result.resetSeconds) },
      );
    }
  }

  /**
   * A request that never reached an operation (unparsable, invalid) still costs a point, so a
   * flood of garbage spends a budget like anything else.
   */
  chargeRefused(ctx: Context): void {
    if (ctx.charged) return;
    const result = this.budgets.charge(ctx.caller.bucket, ctx.caller.budgetPerMinute, 1);
    ctx.charged = result.allowed ? result : this.budgets.peek(ctx.caller.bucket, ctx.caller.budgetPerMinute);
  }
}


/** The entry checks and gate as an Apollo plugin, plus 503 for responses whose fields met a database fault. */
export function gatePlugin(gate: OperationGate, checks: EntryChecks): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation, request }) {
          if (operation) checks.admit(contextValue, 'http', document, operation, request.variables);
        },
        async willSendResponse({ contextValue, response }) {
          gate.chargeRefused(contextValue);
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          if (errors?.some((e) => databaseFaultCodes.has(String(e.extensions?.code)))) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(databaseRetryAfterSeconds));
          }
        },
      };
    },
  };
}
