import { parse } from 'graphql';
import { KnownOperations } from '../../src/app/fast-path';

/** The fast path's memory of answered documents is bounded by count and by the text it holds. */
describe('KnownOperations', () => {
  const entry = (text: string) => {
    const document = parse(text);
    return { document, operation: document.definitions[0] as any, run: async () => ({ data: {} }) };
  };

  it('keeps at most 1,000 documents, the oldest going first', () => {
    const known = new KnownOperations();
    for (let i = 0; i < 1005; i++) known.remember(`{ a${i}: __typename }`, null, entry(`{ a${i}: __typename }`));
    expect(known.lookup('{ a0: __typename }', null)).toBeUndefined();
    expect(known.lookup('{ a4: __typename }', null)).toBeUndefined();
    expect(known.lookup('{ a5: __typename }', null)).toBeDefined();
    expect(known.lookup('{ a1004: __typename }', null)).toBeDefined();
  });

  it('holds at most 8 MiB of document text, so large documents cannot pile up', () => {
    const known = new KnownOperations();
    const padded = (i: number) => `{ a${i}: __typename }${' '.repeat(3 * 1024 * 1024)}`;
    for (let i = 0; i < 4; i++) known.remember(padded(i), null, entry(`{ a${i}: __typename }`));
    expect(known.lookup(padded(0), null)).toBeUndefined();
    expect(known.lookup(padded(1), null)).toBeUndefined();
    expect(known.lookup(padded(2), null)).toBeDefined();
    expect(known.lookup(padded(3), null)).toBeDefined();
    // One document over the whole bound is not kept at all.
    known.remember(' '.repeat(9 * 1024 * 1024), null, entry('{ b: __typename }'));
    expect(known.lookup(padded(3), null)).toBeDefined();
  });

  it('tells documents apart by the operation name sent with them', () => {
    const known = new KnownOperations();
    const text = 'query A { a: __typename } query B { b: __typename }';
    known.remember(text, 'A', entry(text));
    expect(known.lookup(text, 'A')).toBeDefined();
    expect(known.lookup(text, 'B')).toBeUndefined();
    expect(known.lookup(text, null)).toBeUndefined();
  });
});
