import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { createHash } from 'node:crypto';
import { ASTNode, BREAK, DocumentNode, execute, getOperationAST, GraphQLError, GraphQLSchema, OperationDefinitionNode, parse, Source, Token, validate, ValidationRule, valueFromASTUntyped, visit } from 'graphql';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';
import type { KeyScope } from '../core/caller';
import { CascadeError } from '../core/errors';
import type { Context } from '../domains/context';
import { OperationPlan, planOperation } from '../domains/shared/planned/operation-plan';
import { CostShape, costShapeOf } from './cost';
import { databaseFault } from './db-faults';
import { documentLimits } from './limits';
import { rootFieldPlanners } from './planned/planners';
import { requiredScopes } from './scopes';

/**
 * One operation of a parsed, validated document, with everything decided about it once: the
 * scopes it needs, the shape its cost is computed from, whether its literals are free of NUL,
 * and — built on its first run — its compiled form (graphql-jit) and its SQL plan (planned/).
 */
export class PreparedOperation {
  readonly scopes: ReadonlySet<KeyScope>;
  readonly costShape: CostShape;
  readonly nulFree: boolean;
  private compiledOnce?: CompiledQuery | null;
  private plannedOnce?: OperationPlan | null;
  /**
   * Set once it has answered without error through its plan or compiled form: a repeat may then
   * skip Apollo's pipeline (fast-path.ts). Reads only; the fast path never runs a mutation.
   */
  answered = false;

  constructor(
    private readonly schema: GraphQLSchema,
    readonly document: DocumentNode,
    readonly operation: OperationDefinitionNode,
  ) {
    this.scopes = requiredScopes(document, operation);
    this.costShape = costShapeOf(schema, document, operation);
    this.nulFree = !containsNul(document);
  }

  get name(): string | null {
    return this.operation.name?.value ?? null;
  }

  /** graphql-jit's compiled form, or null for a document it cannot compile (graphql-js runs it). */
  get compiled(): CompiledQuery | null {
    if (this.compiledOnce === undefined) {
      const result = compileQuery(this.schema, this.document, this.name ?? undefined);
      this.compiledOnce = isCompiledQuery(result) ? result : null;
    }
    return this.compiledOnce;
  }

  /** The SQL plan when every root field has a planner that knows its selection, else null. */
  get planned(): OperationPlan | null {
    if (this.plannedOnce === undefined) this.plannedOnce = planOperation(this.schema, this.document, this.operation, rootFieldPlanners);
    return this.plannedOnce;
  }

  /**
   * Runs it, for the executor (jit-executor.ts) and the fast path alike: its plan when it has one
   * — a refused argument or a database fault then falls to the resolvers, which answer it with
   * its path and code, and anything else is reported as a planner bug — else compiled, else
   * graphql-js. `coerced` are the variables coerced with defaults, `given` as sent.
   */
  async run(
    ctx: Context,
    coerced: Record<string, unknown>,
    given: Record<string, unknown>,
    onPlanFailure?: (error: unknown, operationName: string | null) => void,
  ): Promise<{ data?: unknown; errors?: readonly GraphQLError[] }> {
    const planned = this.planned;
    if (planned) {
      try {
        return { data: await planned.run(ctx, coerced) };
      } catch (error) {
        if (!(error instanceof CascadeError) && !databaseFault(error)) onPlanFailure?.(error, this.name);
      }
    }
    const compiled = this.compiled;
    if (!compiled) return execute({ schema: this.schema, document: this.document, operationName: this.name ?? undefined, variableValues: given, contextValue: ctx });
    return (await compiled.query(undefined, ctx, withDefaultsSent(this.operation, given))) as { data?: unknown; errors?: readonly GraphQLError[] };
  }
}

function containsNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\u0000')) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * The variables as sent, with each default the caller left out written in as the caller would
 * send it. graphql-jit coerces a default itself and then hands resolvers its JSON form (a
 * DateTime default arrives as a string, not a Date); as a sent value it is coerced like any other.
 */
export function withDefaultsSent(operation: OperationDefinitionNode, given: Record<string, unknown>): Record<string, unknown> {
  const missing = operation.variableDefinitions?.filter((definition) => definition.defaultValue && given[definition.variable.name.value] === undefined) ?? [];
  if (missing.length === 0) return given;
  const values = { ...given };
  for (const definition of missing) values[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue!);
  return values;
}

/** A parsed document and its prepared operations, as the cache holds them. */
interface PreparedDocument {
  document: DocumentNode;
  bytes: number;
  operations: Map<OperationDefinitionNode, PreparedOperation>;
}

export interface PreparedOperationsOptions {
  /** Documents kept (CASCADE_PREPARED_DOCUMENTS, default 1,000). */
  maxDocuments?: number;
  /** Bytes they may take (CASCADE_PREPARED_CACHE_BYTES, default 32 MiB), as `bytesOf` counts them. */
  maxBytes?: number;
  /** Validation rules beyond graphql-js's own (the document limits, no introspection). */
  validationRules?: readonly ValidationRule[];
}

export const preparedCacheDefaults = { maxDocuments: 1000, maxBytes: 32 * 1024 * 1024 };

/** Apollo's key for a document is a prefix (its schema's hash and ':') and the text's SHA-256. */
const hashOf = (storeKey: string) => storeKey.slice(storeKey.lastIndexOf(':') + 1);
export const queryHash = (query: string) => createHash('sha256').update(query).digest('hex');

/**
 * The one cache of prepared operations, keyed by the SHA-256 of the document text (the key
 * Apollo's own pipeline computes), so no text is kept to find a document by. Apollo reads and
 * fills it as its document store (`documentStore`: a hit skips parsing and validation); the
 * executor, the gate and the fast path take each operation's decisions from it; WebSocket
 * prepares through it too (`prepare`). Bounded by count and by bytes, least recently used first
 * out. What is stored keeps no source text: locations are rewritten onto a compact stand-in
 * (`compactLocations`).
 */
export class PreparedOperations {
  private readonly documents = new Map<string, PreparedDocument>();
  private readonly byDocument = new WeakMap<DocumentNode, PreparedDocument>();
  private bytesHeld = 0;
  readonly maxDocuments: number;
  readonly maxBytes: number;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: PreparedOperationsOptions = {},
  ) {
    this.maxDocuments = options.maxDocuments ?? preparedCacheDefaults.maxDocuments;
    this.maxBytes = options.maxBytes ?? preparedCacheDefaults.maxBytes;
  }

  get size(): { documents: number; bytes: number } {
    return { documents: this.documents.size, bytes: this.bytesHeld };
  }

  /** The document stored for a text's hash, refreshed as recently used. */
  documentFor(hash: string): DocumentNode | undefined {
    const entry = this.documents.get(hash);
    if (!entry) return undefined;
    this.documents.delete(hash);
    this.documents.set(hash, entry);
    return entry.document;
  }

  /** Stores a parsed, validated document under its text's hash (its locations compacted first). */
  store(hash: string, document: DocumentNode): void {
    if (this.documents.has(hash)) return;
    compactLocations(document);
    const entry: PreparedDocument = { document, bytes: bytesOf(document), operations: new Map() };
    if (entry.bytes > this.maxBytes) return;
    while (this.documents.size > 0 && (this.documents.size >= this.maxDocuments || this.bytesHeld + entry.bytes > this.maxBytes)) {
      const [oldestHash, oldest] = this.documents.entries().next().value!;
      this.documents.delete(oldestHash);
      this.bytesHeld -= oldest.bytes;
    }
    this.documents.set(hash, entry);
    this.byDocument.set(document, entry);
    this.bytesHeld += entry.bytes;
  }

  /**
   * The prepared form of one operation of a document. A document the cache does not hold (too
   * large for it, or evicted while its request ran) is prepared for this request alone.
   */
  operation(document: DocumentNode, operation: OperationDefinitionNode): PreparedOperation {
    const entry = this.byDocument.get(document);
    if (!entry) return new PreparedOperation(this.schema, document, operation);
    let prepared = entry.operations.get(operation);
    if (!prepared) {
      prepared = new PreparedOperation(this.schema, document, operation);
      entry.operations.set(operation, prepared);
    }
    return prepared;
  }

  /** A repeat the fast path may answer: a stored text whose named operation has answered before. */
  answered(query: string, operationName: string | null | undefined): PreparedOperation | undefined {
    const document = this.documentFor(queryHash(query));
    if (!document) return undefined;
    const operation = getOperationAST(document, operationName ?? undefined);
    if (!operation) return undefined;
    const prepared = this.byDocument.get(document)?.operations.get(operation);
    return prepared?.answered ? prepared : undefined;
  }

  /**
   * Parses and validates a text as Apollo's pipeline would, through the cache (WebSocket's
   * entry): the stored document when the text was seen, else parsed (token bound), validated and
   * stored. Refusals are coded errors.
   */
  prepare(query: string): DocumentNode | readonly GraphQLError[] {
    const hash = queryHash(query);
    const known = this.documentFor(hash);
    if (known) return known;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: documentLimits.maxTokens });
    } catch (error) {
      const tooLong = error instanceof GraphQLError && /tokens/.test(error.message);
      return [new CascadeError(tooLong ? 'QUERY_TOO_COMPLEX' : 'GRAPHQL_PARSE_FAILED', (error as Error).message)];
    }
    const invalid = validate(this.schema, document, this.options.validationRules);
    if (invalid.length > 0) return invalid.map((e) => (e.extensions.code ? e : new CascadeError('GRAPHQL_VALIDATION_FAILED', e.message)));
    this.store(hash, document);
    return document;
  }

  /** The cache as Apollo's document store: Apollo looks a text's hash up before parsing, and stores what it validated. */
  documentStore(): KeyValueCache<DocumentNode> {
    return {
      get: async (key) => this.documentFor(hashOf(key)),
      set: async (key, document) => this.store(hashOf(key), document),
      delete: async (key) => {
        const hash = hashOf(key);
        const entry = this.documents.get(hash);
        if (!entry) return false;
        this.documents.delete(hash);
        this.bytesHeld -= entry.bytes;
        return true;
      },
    };
  }

  clear(): void {
    this.documents.clear();
    this.bytesHeld = 0;
  }
}

/**
 * What a stored document is charged: its nodes (their JSON, Apollo's own measure), counted three
 * times for the compiled query and plan made from them, and its compact source.
 */
function bytesOf(document: DocumentNode): number {
  return 3 * JSON.stringify(document).length + (document.loc?.source.body.length ?? 0);
}

/**
 * Rewrites a document's locations so it keeps neither its source text nor the lexer's token
 * list. Every location points into the whole text (comments and padding included) and, through
 * its tokens, into a linked list of every token; errors only need each node's line and column.
 * So the text is replaced by a stand-in holding as many lines as the original and, on each, as
 * many characters as the furthest node starts there, and each location's offsets are moved onto
 * it: GraphQLError computes the same line and column from it. A 60 KB comment-padded document
 * then keeps a few bytes of text.
 */
export function compactLocations(document: DocumentNode): void {
  const nodes: ASTNode[] = [];
  let lastLine = 1;
  const widest = new Map<number, number>();
  visit(document, {
    enter(node) {
      const token = node.loc?.startToken;
      if (!token) return;
      nodes.push(node);
      // The document's own start is the lexer's start-of-file token, at line 0, column 0.
      const line = Math.max(1, token.line);
      lastLine = Math.max(lastLine, line);
      widest.set(line, Math.max(widest.get(line) ?? 0, token.column));
    },
  });
  const lineStart: number[] = [];
  let body = '';
  for (let line = 1; line <= lastLine; line += 1) {
    lineStart[line] = body.length;
    body += `${' '.repeat(widest.get(line) ?? 0)}\n`;
  }
  const source = new Source(body, document.loc?.source.name);
  for (const node of nodes) {
    const loc = node.loc! as { start: number; end: number; source: Source; startToken: Token; endToken: Token };
    const start = lineStart[Math.max(1, loc.startToken.line)] + Math.max(1, loc.startToken.column) - 1;
    loc.start = start;
    loc.end = start;
    loc.source = source;
    for (const token of [loc.startToken, loc.endToken]) {
      (token as { prev: Token | null }).prev = null;
      (token as { next: Token | null }).next = null;
    }
  }
}
