import { binaryArray } from '../../src/db/binary-array';
import { createTestDatabase, TestDatabase } from '../support/database';

/** Binary array parameters must reach Postgres exactly as JavaScript held them. */
describe('binary array parameters', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('blank');
  });

  afterAll(() => database.drop());

  /** Each element as Postgres renders it in text, so the comparison never goes through a JS parser. */
  async function asText(sqlType: string, buffer: Buffer): Promise<Array<string | null>> {
    const rows = await database.db.query<{ value: string | null }>(`SELECT v::text AS value FROM unnest($1::${sqlType}[]) WITH ORDINALITY AS u(v, n) ORDER BY n`, [buffer]);
    return rows.map((r) => r.value);
  }

  it('sends integers and doubles bit for bit, nulls as NULL', async () => {
    expect(await asText('int', binaryArray('int', [0, -1, 2147483647, -2147483648, null, 42, undefined]))).toEqual(['0', '-1', '2147483647', '-2147483648', null, '42', null]);
    expect(await asText('bigint', binaryArray('bigint', [Number.MAX_SAFE_INTEGER, -7, 9223372036854775807n]))).toEqual(['9007199254740991', '-7', '9223372036854775807']);
    const doubles = [0.1 + 0.2, -0, 1e-300, Number.MAX_VALUE, Number.MIN_VALUE, 123456.789, NaN, Infinity, -Infinity];
    const [{ same }] = await database.db.query<{ same: boolean[] }>(
      `SELECT array_agg(a = b ORDER BY n) AS same FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS u(a, b, n)`,
      [binaryArray('float8', doubles), doubles.map((d) => (Number.isNaN(d) ? 'NaN' : Object.is(d, -0) ? '-0' : d === Infinity ? 'Infinity' : d === -Infinity ? '-Infinity' : d.toPrecision(17)))],
    );
    expect(same).toEqual(doubles.map(() => true));
    expect(await asText('float8', binaryArray('float8', [-0]))).toEqual(['-0']);
  });

  it('sends instants to the microsecond, before 2000, around now and centuries away', async () => {
    const instants = ['1969-12-31T23:59:59.999Z', '1999-12-31T23:59:59.999Z', '2000-01-01T00:00:00.000Z', '2025-10-10T21:15:30.123Z', '2300-01-01T00:00:00.001Z', '9999-12-31T23:59:59.999Z', '1500-06-01T12:00:00.500Z'];
    const rows = await database.db.query<{ value: string }>(
      `SELECT to_char(v AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS value FROM unnest($1::timestamptz[]) WITH ORDINALITY AS u(v, n) ORDER BY n`,
      [binaryArray('timestamptz', instants.map((i) => new Date(i)))],
    );
    expect(rows.map((r) => r.value)).toEqual(instants.map((i) => `${i.slice(0, 23)}000`));
  });

  it('sends text of any content unescaped and unmangled', async () => {
    const texts = ['', 'plain', 'NULL', 'tab\there', 'new\nline', 'quote " and \\ backslash', '{braces,commas}', 'ünïcödé €', '🚀 rocket', "it's"];
    expect(await asText('text', binaryArray('text', texts))).toEqual(texts);
    expect(await asText('text', binaryArray('text', [null, 'after null']))).toEqual([null, 'after null']);
  });

  it('sends an empty array as one', async () => {
    const [{ length }] = await database.db.query<{ length: number | null }>('SELECT cardinality($1::int[]) AS length', [binaryArray('int', [])]);
    expect(length).toBe(0);
  });

  it('refuses values its type cannot hold instead of sending something else', () => {
    expect(() => binaryArray('int', [1.5])).toThrow(TypeError);
    expect(() => binaryArray('int', [2 ** 31])).toThrow(TypeError);
    expect(() => binaryArray('int', ['7'])).toThrow(TypeError);
    expect(() => binaryArray('float8', ['1.5'])).toThrow(TypeError);
    expect(() => binaryArray('timestamptz', [new Date('not a date')])).toThrow(TypeError);
    expect(() => binaryArray('timestamptz', ['2025-10-10T00:00:00Z'])).toThrow(TypeError);
    expect(() => binaryArray('bigint', [2 ** 60])).toThrow(TypeError);
  });

  it('makes Postgres reject text that cannot be stored, as the text protocol does', async () => {
    await expect(asText('text', binaryArray('text', ['nul \u0000 byte']))).rejects.toThrow(/invalid byte sequence/);
  });
});
