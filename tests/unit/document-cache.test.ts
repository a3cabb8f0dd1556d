import { FieldNode, OperationDefinitionNode, parse, Token } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { forgetTokenList } from '../../src/app/apollo';
import { buildCascadeSchema } from '../../src/app/schema';

/** Every token reachable from `start` by the lexer's links, either way. */
function reachable(start: Token): number {
  const seen = new Set<Token>([start]);
  for (const direction of ['next', 'prev'] as const) {
    for (let token = start[direction]; token; token = token[direction]) seen.add(token);
  }
  return seen.size;
}

describe('the parsed-document cache', () => {
  const text = `# ${'a comment the lexer keeps as a token\n# '.repeat(200)}\nquery Venues {\n  venues { slug }\n}\n`;

  it('keeps no token list from a cached document: comments are not held by its nodes', () => {
    const document = parse(text);
    expect(reachable(document.loc!.startToken)).toBeGreaterThan(200);
    forgetTokenList(document);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const field = operation.selectionSet.selections[0] as FieldNode;
    for (const node of [document, operation, field]) expect(reachable(node.loc!.startToken)).toBe(1);
  });

  it('leaves each node its line and column, which graphql-jit compiles into errors', () => {
    const document = parse(text);
    forgetTokenList(document);
    const field = (document.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    expect([field.loc!.startToken.line, field.loc!.startToken.column]).toEqual([203, 3]);
    expect(isCompiledQuery(compileQuery(buildCascadeSchema(), document))).toBe(true);
  });
});
