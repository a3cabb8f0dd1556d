import { HeaderMap } from '@apollo/server';
import { DocumentNode, getVariableValues, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Context } from '../domains/context';
import { CascadeError, ErrorCode, errorHttpStatus } from '../core/errors';
import type { OperationGate } from './gate';
import { documentLimits } from './limits';
import type { PreparedOperation, PreparedOperations } from './prepared-operations';
import { DocumentReference, TrustedDocuments, trustedQuery } from './trusted-documents';

/** An admitted operation and its variables as coerced (defaults applied). */
export interface Admitted {
  prepared: PreparedOperation;
  coerced: Record<string, unknown>;
}

/** Where an operation came in: subscriptions run over WebSocket (graphql-ws), the rest over HTTP. */
export type Transport = 'http' | 'ws';

/** What a request names before its document is parsed: the document, and the variables as sent. */
export interface EntryRequest extends DocumentReference {
  variables?: unknown;
}

export interface EntryChecksOptions {
  schema: GraphQLSchema;
  gate: OperationGate;
  /** The one cache of prepared operations (prepared-operations.ts). */
  prepared: PreparedOperations;
  /** Trusted-documents mode: only these documents run. */
  trustedDocuments?: TrustedDocuments;
  /** Longest document text, bytes (CASCADE_MAX_DOCUMENT_BYTES). */
  maxDocumentBytes?: number;
}

/** A coded refusal with the HTTP status it ends a request with (413 for sizes, else the code's own). */
function refusal(code: ErrorCode, message: string, details: Record<string, unknown> = {}, status = errorHttpStatus[code] ?? 400): CascadeError {
  return new CascadeError(code, message, { ...details, http: { status, headers: new HeaderMap() } });
}

/** Whether `value` nests deeper than `maxDepth`, found without recursion (a 150,000-deep array cannot overflow the stack). */
function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return true;
    for (const inner of Object.values(current)) pending.push([inner, depth + 1]);
  }
  return false;
}

/**
 * The checks every operation passes, over HTTP (Apollo and the fast path) and WebSocket alike,
 * so the entry points agree by construction: before parsing, the document's size, the manifest
 * in trusted-documents mode, and the variables' depth and size; once parsed and validated, the
 * transport, the variables coerced with the operation's defaults, then the gate (scopes, cost
 * from those coerced values, budget).
 */
export class EntryChecks {
  readonly maxDocumentBytes: number;

  constructor(private readonly options: EntryChecksOptions) {
    this.maxDocumentBytes = options.maxDocumentBytes ?? documentLimits.maxDocumentBytes;
  }

  /** Whether only the manifest's documents run (beforeParse then returns the manifest's text). */
  get trustedMode(): boolean {
    return this.options.trustedDocuments !== undefined;
  }

  /**
   * The document text to parse. Comments are no tokens, so only bytes bound what a parse (and
   * every cache keeping the text) costs; the limit is checked before anything reads the text.
   */
  beforeParse(request: EntryRequest): string | undefined {
    if (typeof request.query === 'string' && Buffer.byteLength(request.query) > this.maxDocumentBytes) {
      throw refusal('DOCUMENT_TOO_LARGE', `The document exceeds ${this.maxDocumentBytes} bytes; it was not parsed.`, { maxDocumentBytes: this.maxDocumentBytes });
    }
    if (nestsDeeperThan(request.variables, documentLimits.maxVariablesDepth)) {
      throw refusal('BAD_REQUEST', `Variables nest deeper than ${documentLimits.maxVariablesDepth} levels.`);
    }
    if (request.variables !== undefined && Buffer.byteLength(JSON.stringify(request.variables) ?? '') > documentLimits.maxVariablesBytes) {
      throw refusal('BAD_REQUEST', `Variables exceed ${documentLimits.maxVariablesBytes} bytes.`, {}, 413);
    }
    if (this.options.trustedDocuments) return trustedQuery(this.options.trustedDocuments, request);
    return typeof request.query === 'string' ? request.query : undefined;
  }

  /**
   * Admits a parsed, validated operation and returns it prepared, with its variables coerced and
   * defaults applied: the values cost is estimated from, so `$i: Interval = H1` costs what `H1`
   * written out does.
   */
  admit(ctx: Context, transport: Transport, document: DocumentNode, operation: OperationDefinitionNode, given: Record<string, unknown> | undefined): Admitted {
    return this.admitPrepared(ctx, transport, this.options.prepared.operation(document, operation), given);
  }

  admitPrepared(ctx: Context, transport: Transport, prepared: PreparedOperation, given: Record<string, unknown> | undefined): Admitted {
    if (transport === 'http' && prepared.operation.operation === 'subscription') {
      throw refusal('BAD_REQUEST', 'Subscriptions run over WebSocket (graphql-ws) at this same /graphql path, not over HTTP.');
    }
    const coerced = getVariableValues(this.options.schema, prepared.operation.variableDefinitions ?? [], given ?? {}, { maxErrors: 1 });
    if (coerced.errors) throw refusal('BAD_USER_INPUT', coerced.errors[0].message);
    this.options.gate.admit(ctx, prepared, coerced.coerced);
    ctx.coercedVariables = coerced.coerced;
    return { prepared, coerced: coerced.coerced };
  }
}
