import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  getNamedType,
  getNullableType,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { projectRoot } from '../../../src/core/paths';

/**
 * Hostile requests for the fuzz test, from a seeded generator (a failure names its seed and
 * index, so it replays): schema-aware random operations with hostile arguments, mutated valid
 * documents, alias/depth/directive floods, huge and mistyped variables, and broken HTTP.
 */
export interface HostileRequest {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export type Random = () => number;

/** mulberry32: small, fast and reproducible. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (random: Random, p: number) => random() < p;

const strings = ['BTC', 'ETH', 'okx', 'binance', 'WHALES', 'US', '', ' ', 'btc', "'; DROP TABLE asset; --", '\u0000', 'a\u0000b', '\ud800', '%', '_', '\\', '"', '😀'.repeat(50), 'x'.repeat(20_000), 'Ω≈ç√∫', '${1}', '$1', 'null'];
const ints = [0, 1, -1, 2, 50, 499, 500, 501, 10_000, 2_147_483_647, -2_147_483_648];
const floats = [0, 0.01, 0.02, -1, 1e308, 3.5, 1e-9];
const times = [
  '2025-10-10T00:00:00Z',
  '2025-10-10T21:15:00Z',
  '2025-10-11T00:00:00Z',
  '2020-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2025-13-45T99:99:99Z',
  'not a date',
  '',
  '2025-10-10',
  '1760054400000',
];
const days = ['2025-10-01', '2025-10-08', '2025-02-30', '1900-01-01', '9999-12-31', 'yesterday', ''];

function literal(type: GraphQLInputType, random: Random, depth: number): string {
  if (chance(random, 0.05)) return pick(random, ['"wrong"', '42', 'true', 'null', '[1, 2]', '{ a: 1 }', 'NOPE', '3.5']);
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    const size = pick(random, [0, 1, 2, 3, 300]);
    return `[${Array.from({ length: size }, () => literal(inner.ofType as GraphQLInputType, random, depth + 1)).join(', ')}]`;
  }
  if (isEnumType(inner)) return chance(random, 0.9) ? pick(random, inner.getValues()).name : 'NOT_A_VALUE';
  if (isInputObjectType(inner)) {
    if (depth > 3) return '{}';
    const fields = Object.values(inner.getFields()).filter((f) => isNonNullType(f.type) || chance(random, 0.6));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type, random, depth + 1)}`).join(', ')} }`;
  }
  switch ((inner as GraphQLNamedType).name) {
    case 'Int':
      return String(pick(random, ints));
    case 'Float':
      return String(pick(random, floats));
    case 'Boolean':
      return pick(random, ['true', 'false']);
    case 'DateTime':
      return JSON.stringify(pick(random, times));
    case 'Date':
      return JSON.stringify(pick(random, days));
    default:
      return JSON.stringify(pick(random, strings));
  }
}

function selection(type: GraphQLNamedType, random: Random, depth: number): string {
  if (!isObjectType(type)) return isLeafType(type) ? '' : '{ __typename }';
  const fields = Object.values(type.getFields());
  const chosen = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(random, fields));
  const parts = chosen.map((field) => {
    const args = field.args.filter((a) => isNonNullType(a.type) || chance(random, 0.5));
    const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type, random, 0)}`).join(', ')})` : '';
    const named = getNamedType(field.type);
    if (isLeafType(named)) return `${field.name}${argText}`;
    return depth >= 5 ? `${field.name}${argText} { __typename }` : `${field.name}${argText} ${selection(named, random, depth + 1)}`;
  });
  return `{ ${parts.join(' ')} }`;
}

export function randomOperation(schema: GraphQLSchema, random: Random): string {
  return selection(schema.getQueryType()!, random, 1);
}

/** Valid documents: the IDE examples and a few small ones, to be broken. */
export function validDocuments(): string[] {
  const examples = path.join(projectRoot, 'examples');
  return [
    ...readdirSync(examples).map((f) => readFileSync(path.join(examples, f), 'utf8')),
    '{ venues { slug name kind instruments { symbol } } }',
    '{ liquidations(first: 5) { edges { cursor node { id venue { slug } } } pageInfo { hasNextPage endCursor } } }',
    'query Q($a: String!) { asset(symbol: $a) { symbol instruments { symbol } } }',
  ];
}

function mutate(text: string, random: Random): string {
  const at = Math.floor(random() * text.length);
  switch (Math.floor(random() * 6)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 10));
    case 1:
      return text.slice(0, at) + pick(random, ['{', '}', '(', ')', '$', '@', '"', '...', ':', '#', '\\u0000', 'é', '[', '!']) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at, at + 40) + text.slice(at);
    case 3:
      return text.replace(/\d/g, () => String(Math.floor(random() * 10)));
    case 4:
      return text.replace(/"[A-Z]+"/g, () => JSON.stringify(pick(random, strings)));
    default:
      return text.split('').reverse().join('');
  }
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const post = (kind: string, body: Buffer, headers: Record<string, string> = {}): HostileRequest => ({
  kind,
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

/** The `index`-th hostile request of a run seeded with `seed`. */
export function hostileRequest(schema: GraphQLSchema, documents: string[], random: Random): HostileRequest {
  const roll = random();
  if (roll < 0.3) return post('random-operation', json({ query: randomOperation(schema, random) }));
  if (roll < 0.5) return post('mutated-document', json({ query: mutate(pick(random, documents), random), variables: { a: pick(random, strings) } }));
  if (roll < 0.55) {
    const count = pick(random, [31, 100, 1000]);
    return post('alias-flood', json({ query: `{ ${Array.from({ length: count }, (_, i) => `a${i}: venues { slug }`).join(' ')} }` }));
  }
  if (roll < 0.6) {
    const depth = pick(random, [11, 30, 200]);
    return post('depth-flood', json({ query: `{ venues { ${'instruments { venue { '.repeat(depth)}slug${' } }'.repeat(depth)} } }` }));
  }
  if (roll < 0.63) return post('directive-flood', json({ query: `{ venues ${'@include(if: true) '.repeat(pick(random, [21, 500]))}{ slug } }` }));
  if (roll < 0.66) return post('fragment-cycle', json({ query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }));
  if (roll < 0.72) {
    const variables = pick(random, [{ a: 'x'.repeat(200_000) }, { a: Array.from({ length: 20_000 }, (_, i) => i) }, { a: { nested: { deeper: [null, true, 1.5] } } }, { a: 12 }, { a: null }]);
    return post('hostile-variables', json({ query: 'query Q($a: String!) { asset(symbol: $a) { symbol } }', variables }));
  }
  if (roll < 0.76) {
    const variables = pick(random, [{ first: '50' }, { first: 1e12 }, { first: -5 }, { first: [1] }, { first: null }, {}]);
    return post('wrong-types', json({ query: 'query P($first: Int) { liquidations(first: $first) { edges { node { id } } } }', variables }));
  }
  if (roll < 0.82) {
    const bodies = [Buffer.from('{"query": '), Buffer.from('[]'), Buffer.from('null'), Buffer.from('42'), Buffer.from('"{ venues { slug } }"'), json([{ query: '{ venues { slug } }' }, { query: '{ assets { symbol } }' }]), Buffer.from([0x7b, 0xff, 0xfe, 0x22, 0x7d]), Buffer.alloc(0), json({ query: 42 }), json({ query: '{ venues { slug } }', operationName: 'Nope' }), json({ query: '{ venues { slug } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } })];
    return post('malformed-body', pick(random, bodies));
  }
  if (roll < 0.85) return post('wrong-media-type', Buffer.from('query={venues{slug}}'), { 'content-type': pick(random, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) });
  if (roll < 0.87) return post('oversized', Buffer.alloc(1_100_000, 0x20));
  if (roll < 0.9) return post('bad-key', json({ query: '{ venues { slug } }' }), { authorization: pick(random, ['Bearer ', 'Bearer csk_aaaaaaaa_' + 'b'.repeat(43), 'Basic abc', 'Bearer ' + 'x'.repeat(5000)]) });
  if (roll < 0.95) {
    const query = encodeURIComponent(chance(random, 0.5) ? randomOperation(schema, random).slice(0, 4000) : mutate(pick(random, documents), random).slice(0, 4000));
    const extra = pick(random, ['', '&variables=%7Bbroken', '&operationName=%00', '&extensions=%7B%22persistedQuery%22%3A1%7D', '&query=second']);
    return { kind: 'get', method: 'GET', path: `/graphql?query=${query}${extra}`, headers: { 'graphql-preflight': '1', accept: 'application/json' } };
  }
  return post('introspection-probe', json({ query: pick(random, ['{ __schema { types { name fields { name } } } }', '{ __type(name: "Query") { fields { name args { name } } } }', '{ __typename }']) }));
}
