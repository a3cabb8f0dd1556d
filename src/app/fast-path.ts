import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { Context } from '../domains/context';
import { stringifyResponse } from '../domains/shared/planned/raw-json';
import { withResponseExtensions } from '../domains/shared/methodology';
import { databaseFaultCodes, databaseRetryAfterSeconds } from './db-faults';
import type { EntryChecks } from './entry-checks';
import type { OperationGate } from './gate';
import { withGraphQLErrors } from './jit-executor';
import type { PreparedOperations } from './prepared-operations';

/** Media types Apollo answers with application/json for (its negotiator's first choice). */
const plainJsonAccept = new Set(['', '*/*', 'application/json']);

export interface FastAnswer {
  status: number;
  headers: Array<[string, string]>;
  body: string;
  operationName: string | null;
  /** `extensions.code` of each error answered (metrics count them as Apollo's are counted). */
  errorCodes: string[];
}

export type MaskError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;


/**
 * Errors formatted as Apollo formats them (its `normalizeAndFormatErrors`): a missing code is
 * INTERNAL_SERVER_ERROR, `extensions.http` sets the status and headers and is not shown, and the
 * same masking (apollo.ts `maskError`) decides what a caller sees.
 */
function formatErrors(errors: readonly unknown[], mask: MaskError): { formatted: GraphQLFormattedError[]; status?: number; headers: Array<[string, string]> } {
  let status: number | undefined;
  const headers: Array<[string, string]> = [];
  const formatted = errors.map((raw) => {
    const error = raw instanceof GraphQLError ? raw : new GraphQLError(raw instanceof Error ? raw.message : `Unexpected error value: ${String(raw)}`, { originalError: raw instanceof Error ? raw : undefined });
    const { http, ...rest } = error.extensions as { http?: { status?: number; headers?: Map<string, string> }; code?: unknown };
    if (http?.status) status = http.status;
    for (const header of http?.headers ?? []) headers.push(header);
    return mask({ ...error.toJSON(), extensions: { ...rest, code: rest.code ?? 'INTERNAL_SERVER_ERROR' } }, error);
  });
  if (formatted.some((error) => databaseFaultCodes.has(String(error.extensions?.code)))) {
    status = 503;
    headers.push(['retry-after', String(databaseRetryAfterSeconds)]);
  }
  return { formatted, status, headers };
}

/**
 * Answers a POSTed request whose document is a prepared query that has answered before, doing
 * what Apollo's pipeline would do for it and nothing else: coerce the variables and admit the
 * operation (EntryChecks: transport, scopes, cost, budget), run it (its plan, or compiled), and
 * write the answer as Apollo writes it — errors included: a refusal or a field error is
 * formatted and masked here exactly as Apollo would (same masking, same status, same charge),
 * not handed back to Apollo to run again. Returns null — and Apollo answers — only for what is
 * not the plain case: another media type, APQ or other extensions, a document not prepared or
 * never answered, a body that is not a plain query.
 */
export function answerKnown(
  prepared: PreparedOperations,
  checks: EntryChecks,
  gate: OperationGate,
  mask: MaskError,
  onPlanFailure?: (error: unknown, operationName: string | null) => void,
): (ctx: Context, req: IncomingMessage, body: unknown) => Promise<FastAnswer | null> {
  const json: [string, string] = ['content-type', 'application/json; charset=utf-8'];
  return async (ctx, req, body) => {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
    const { query, variables, operationName, ...rest } = body as Record<string, unknown>;
    if (typeof query !== 'string' || Object.keys(rest).length > 0) return null;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
    if (!plainJsonAccept.has((req.headers.accept ?? '').trim().toLowerCase())) return null;
    const entry = prepared.answered(query, operationName as string | null | undefined);
    if (!entry) return null;
    const given = (variables ?? {}) as Record<string, unknown>;
    const name = entry.name;
    const errorAnswer = (errors: readonly unknown[], result: Record<string, unknown> | undefined, fallbackStatus: number): FastAnswer => {
      const { formatted, status, headers } = formatErrors(errors, mask);
      // As Apollo's gate plugin does: a request that never reached its charge still costs a point.
      gate.chargeRefused(ctx);
      // Apollo writes `errors` first, then the rest of the result (`data`).
      const { errors: _raw, ...rest } = result ?? {};
      const payload = { errors: formatted, ...rest };
      return {
        status: status ?? fallbackStatus,
        headers: [json, ...headers],
        body: `${stringifyResponse({ ...payload, extensions: withResponseExtensions((payload as { extensions?: Record<string, unknown> }).extensions) })}\n`,
        operationName: name,
        errorCodes: formatted.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
      };
    };
    let admitted;
    try {
      admitted = checks.admitPrepared(ctx, 'http', entry, given);
    } catch (error) {
      // Apollo answers a refusal from its didResolveOperation hook with the error's status, else 500.
      return errorAnswer([error], undefined, 500);
    }
    let result;
    try {
      result = withGraphQLErrors(await entry.run(ctx, admitted.coerced, given, onPlanFailure));
    } catch (error) {
      return errorAnswer([error], undefined, 500);
    }
    // Apollo answers errors without data (graphql-js's own refusals) with 400, field errors with 200.
    if (result.errors?.length) return errorAnswer(result.errors, result as Record<string, unknown>, result.data === undefined ? 400 : 200);
    return { status: 200, headers: [json], body: `${stringifyResponse({ data: result.data, extensions: withResponseExtensions(undefined) })}\n`, operationName: name, errorCodes: [] };
  };
}
