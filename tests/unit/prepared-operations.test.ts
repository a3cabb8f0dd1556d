import { FieldNode, GraphQLError, OperationDefinitionNode, parse, Token } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { compactLocations, PreparedOperations, queryHash } from '../../src/app/prepared-operations';
import { buildCascadeSchema } from '../../src/app/schema';

/** Every token reachable from `start` by the lexer's links, either way. */
function reachable(start: Token): number {
  const seen = new Set<Token>([start]);
  for (const direction of ['next', 'prev'] as const) {
    for (let token = start[direction]; token; token = token[direction]) seen.add(token);
  }
  return seen.size;
}

const schema = buildCascadeSchema();

describe('a prepared document keeps neither its text nor its tokens', () => {
  const text = `# ${'a comment the lexer keeps as a token\n# '.repeat(200)}\nquery Venues {\n  venues { slug }\n}\n`;

  it('cuts the token list: comments are not held by its nodes', () => {
    const document = parse(text);
    expect(reachable(document.loc!.startToken)).toBeGreaterThan(200);
    compactLocations(document);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const field = operation.selectionSet.selections[0] as FieldNode;
    for (const node of [document, operation, field]) expect(reachable(node.loc!.startToken)).toBe(1);
  });

  it('replaces the source by a stand-in a fraction of its size, on which errors find the same line and column', () => {
    const original = parse(text);
    const field = (original.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    const before = new GraphQLError('x', { nodes: [field] }).locations;
    expect(before).toEqual([{ line: 203, column: 3 }]);
    compactLocations(original);
    expect(original.loc!.source.body.length).toBeLessThan(text.length / 10);
    expect(new GraphQLError('x', { nodes: [field] }).locations).toEqual(before);
    expect(isCompiledQuery(compileQuery(schema, original))).toBe(true);
  });
});

describe('the prepared-operation cache', () => {
  const doc = (i: number, padding = 0) => `{ a${i}: __typename }${' '.repeat(padding)}`;

  it('keeps at most its count of documents, the least recently used going first', () => {
    const cache = new PreparedOperations(schema, { maxDocuments: 3 });
    for (let i = 0; i < 3; i++) cache.prepare(doc(i));
    cache.documentFor(queryHash(doc(0))); // used again: now the newest
    cache.prepare(doc(3));
    expect(cache.documentFor(queryHash(doc(1)))).toBeUndefined();
    for (const i of [0, 2, 3]) expect(cache.documentFor(queryHash(doc(i)))).toBeDefined();
    expect(cache.size.documents).toBe(3);
  });

  it('holds at most its bytes, and counts a padded document by what it keeps, not by its text', () => {
    const probe = new PreparedOperations(schema);
    probe.prepare(doc(0, 60_000));
    // 60 KB of padding, kept as a few bytes of compact source.
    const each = probe.size.bytes;
    expect(each).toBeLessThan(2_000);
    const cache = new PreparedOperations(schema, { maxBytes: each * 10 + each / 2 });
    for (let i = 0; i < 10; i++) cache.prepare(doc(i, 60_000));
    expect(cache.size.documents).toBe(10);
    // One more pushes the oldest out: the bytes, not the count, bound it.
    cache.prepare(doc(10, 60_000));
    expect(cache.size.documents).toBe(10);
    expect(cache.size.bytes).toBeLessThanOrEqual(each * 10 + each / 2);
    expect(cache.documentFor(queryHash(doc(0, 60_000)))).toBeUndefined();
    expect(cache.documentFor(queryHash(doc(10, 60_000)))).toBeDefined();
    // A document larger than the whole bound is not stored at all.
    const huge = `{ ${Array.from({ length: 400 }, (_, i) => `f${i}: __typename`).join(' ')} }`;
    cache.prepare(huge);
    expect(cache.documentFor(queryHash(huge))).toBeUndefined();
    expect(cache.size.documents).toBe(10);
  });

  it('is keyed by the text’s SHA-256, the key Apollo’s document store uses after its schema prefix', async () => {
    const cache = new PreparedOperations(schema);
    const store = cache.documentStore();
    const document = parse('{ venues { slug } }');
    await store.set(`schemahash:${queryHash('{ venues { slug } }')}`, document);
    expect(await store.get(`other:${queryHash('{ venues { slug } }')}`)).toBe(document);
    expect(cache.documentFor(queryHash('{ venues { slug } }'))).toBe(document);
  });

  it('prepares each operation of a document once, told apart by name, and answers only those that answered', () => {
    const cache = new PreparedOperations(schema);
    const text = 'query A { a: __typename } query B { b: __typename }';
    const document = cache.prepare(text);
    if (!('kind' in document)) throw new Error('expected a document');
    const [a, b] = document.definitions as OperationDefinitionNode[];
    expect(cache.operation(document, a)).toBe(cache.operation(document, a));
    expect(cache.operation(document, a)).not.toBe(cache.operation(document, b));
    expect(cache.answered(text, 'A')).toBeUndefined();
    cache.operation(document, a).answered = true;
    expect(cache.answered(text, 'A')).toBe(cache.operation(document, a));
    expect(cache.answered(text, 'B')).toBeUndefined();
    expect(cache.answered(text, null)).toBeUndefined();
  });

  it('refuses what does not parse or validate with coded errors, and stores nothing for it', () => {
    const cache = new PreparedOperations(schema);
    const broken = cache.prepare('{ venues { slug }');
    expect('kind' in broken ? 'document' : broken[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const invalid = cache.prepare('{ noSuchField }');
    expect('kind' in invalid ? 'document' : invalid[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(cache.size.documents).toBe(0);
  });
});
