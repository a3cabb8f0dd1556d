import { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { IncomingMessage } from 'node:http';
import type { Context } from '../domains/context';
import type { EntryChecks } from './entry-checks';
import { stringifyResponse } from '../domains/shared/planned/raw-json';
import { responseExtensions } from '../domains/shared/methodology';

/** What a known operation needs to run again without Apollo's pipeline. */
export interface KnownOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /**
   * Runs it: its plan, or its compiled form (graphql-jit) for queries without one. `coerced`
   * are the variables as the operation's definitions coerce them, `given` as sent.
   */
  run(ctx: Context, coerced: Record<string, unknown>, given: Record<string, unknown>): Promise<{ data?: unknown; errors?: readonly unknown[] }>;
}

/** Documents kept per process, as many as the compiled-operation cache holds, and their text in all. */
const maxKnown = 1000;
const maxKnownTextLength = 8 * 1024 * 1024;

/**
 * Query texts (with the operation name the caller sent) that Apollo parsed, validated and ran —
 * through a plan, or compiled — answering data and no error. The same text always parses and
 * validates the same against the same schema, so a request repeating one can skip straight to
 * the gate and the run (`answerKnown`); anything else still goes through Apollo.
 */
export class KnownOperations {
  private readonly known = new Map<string, KnownOperation>();
  private textLength = 0;

  private static key(query: string, operationName: string | null | undefined): string {
    return `${operationName ?? ''}\u0000${query}`;
  }

  remember(query: string, operationName: string | null | undefined, known: KnownOperation): void {
    const key = KnownOperations.key(query, operationName);
    if (this.known.has(key) || key.length > maxKnownTextLength) return;
    // Oldest first out, until both the count and the text held fit: large documents cannot pile up.
    while (this.known.size >= maxKnown || this.textLength + key.length > maxKnownTextLength) {
      const oldest = this.known.keys().next().value!;
      this.known.delete(oldest);
      this.textLength -= oldest.length;
    }
    this.known.set(key, known);
    this.textLength += key.length;
  }

  lookup(query: string, operationName: string | null | undefined): KnownOperation | undefined {
    return this.known.get(KnownOperations.key(query, operationName));
  }
}

/** Media types Apollo answers with application/json for (its negotiator's first choice). */
const plainJsonAccept = new Set(['', '*/*', 'application/json']);

export interface FastAnswer {
  body: string;
  operationName: string | null;
}

/**
 * Answers a POSTed request whose document is a known query, doing what Apollo's pipeline would
 * do for it and nothing else: coerce the variables and admit the operation (EntryChecks: scopes,
 * cost, budget), run it, write `{"data":…}` as Apollo's stringifier would. Returns null — and
 * the request goes through Apollo, which answers it in full — whenever anything differs from the
 * plain case: another media type, APQ extensions, variables that do not coerce, a refusal at the
 * gate, an error in the result (a read, so running it again is safe). A refusal is decided again
 * there, identically; an admitted operation is not charged twice (OperationGate.admit).
 */
export function answerKnown(known: KnownOperations, checks: EntryChecks): (ctx: Context, req: IncomingMessage, body: unknown) => Promise<FastAnswer | null> {
  return async (ctx, req, body) => {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
    const { query, variables, operationName, ...rest } = body as Record<string, unknown>;
    if (typeof query !== 'string' || Object.keys(rest).length > 0) return null;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
    if (!plainJsonAccept.has((req.headers.accept ?? '').trim().toLowerCase())) return null;
    const entry = known.lookup(query, operationName as string | null | undefined);
    if (!entry) return null;
    const given = (variables ?? {}) as Record<string, unknown>;
    try {
      const coerced = checks.admit(ctx, 'http', query, entry.document, entry.operation, given);
      const result = await entry.run(ctx, coerced, given);
      // Errors are Apollo's to shape (codes, masking, status): it runs the operation again.
      if (result.errors?.length || result.data === undefined) return null;
      return { body: `${stringifyResponse({ data: result.data, extensions: responseExtensions })}\n`, operationName: entry.operation.name?.value ?? null };
    } catch {
      return null;
    }
  };
}
