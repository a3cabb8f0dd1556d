import { methodologyVersion } from '../../../src/domains/shared/methodology';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pino from 'pino';
import { renderErrorsDoc, errorsDocFile } from '../../../src/app/errors-doc';
import { errorCodes } from '../../../src/core/errors';
import { buildCascadeSchema } from '../../../src/app/schema';
import { parseTrustedDocuments } from '../../../src/app/trusted-documents';
import { createApiKey } from '../../../src/domains/keys/key.service';
import { GraphQLEnumType } from 'graphql';
import { createTestDatabase, TestDatabase } from '../../support/database';
import { postTo, SecuredServer, startSecuredServer } from './support';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const venues = '{ venues { slug } }';

describe('abuse bounds', () => {
  let database: TestDatabase;
  let server: SecuredServer;
  let trusted: SecuredServer;
  let closed: SecuredServer;
  const logLines: any[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    await database.db.query(`INSERT INTO venue (slug, name, kind) VALUES ('okx', 'OKX', 'CEX')`);
    const logger = pino({ level: 'error' }, new Writable({ write: (chunk, _encoding, done) => (logLines.push(JSON.parse(chunk.toString())), done()) }));
    server = await startSecuredServer(database.db, {}, { logger });
    trusted = await startSecuredServer(database.db, {}, { trustedDocuments: parseTrustedDocuments(JSON.stringify({ [sha256(venues)]: venues })) });
    closed = await startSecuredServer(database.db, {}, { introspection: false });
  });
  afterAll(async () => {
    await Promise.all([server.stop(), trusted.stop(), closed.stop()]);
    await database.drop();
  });

  it('runs automatic persisted queries: a hash alone once the document was sent with it', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(venues) } };
    const send = (body: object): Promise<any> => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    expect((await send({ extensions })).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await send({ query: venues, extensions })).toEqual({ data: { venues: [{ slug: 'okx' }] }, extensions: { methodologyVersion } });
    expect(await send({ extensions })).toEqual({ data: { venues: [{ slug: 'okx' }] }, extensions: { methodologyVersion } });
    // A hash that is not the document's own is refused with a code, not a 500.
    const wrong = await send({ query: '{ assets { symbol } }', extensions });
    expect(wrong.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('runs only manifest documents in trusted-documents mode, by hash, documentId or identical text', async () => {
    const byHash = await fetch(trusted.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(venues) } } }) });
    expect(await byHash.json()).toEqual({ data: { venues: [{ slug: 'okx' }] }, extensions: { methodologyVersion } });
    const byId = await fetch(`${trusted.url}?documentId=sha256:${sha256(venues)}`, { headers: { 'graphql-preflight': '1', accept: 'application/json' } });
    expect(await byId.json()).toEqual({ data: { venues: [{ slug: 'okx' }] }, extensions: { methodologyVersion } });
    expect((await trusted.post(venues)).body).toEqual({ data: { venues: [{ slug: 'okx' }] }, extensions: { methodologyVersion } });
    const other = await trusted.post('{ venues { slug name } }');
    expect([other.status, other.body.errors[0].extensions.code]).toEqual([400, 'UNTRUSTED_DOCUMENT']);
    // Registering a new document through APQ is no way around the manifest.
    const text = '{ assets { symbol } }';
    const register = await fetch(trusted.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } } }) });
    expect([register.status, ((await register.json()) as any).errors[0].extensions.code]).toEqual([400, 'UNTRUSTED_DOCUMENT']);
  });

  it('refuses a manifest whose hash is not its document’s own', () => {
    expect(() => parseTrustedDocuments(JSON.stringify({ [sha256('{ assets { symbol } }')]: venues }))).toThrow(/is not the SHA-256 of its document/);
    const apollo = { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256(venues), body: venues, name: 'V', type: 'query' }] };
    expect([...parseTrustedDocuments(JSON.stringify(apollo)).keys()]).toEqual([sha256(venues)]);
  });

  it('bounds variables at 64 KB, refuses batches and NUL characters, and can close introspection', async () => {
    const big = await server.post('query Q($s: String!) { asset(symbol: $s) { symbol } }', { variables: { s: 'x'.repeat(70_000) } });
    expect([big.status, big.body.errors[0].extensions.code]).toEqual([413, 'BAD_REQUEST']);
    const batch = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: venues }, { query: venues }]) });
    expect(batch.status).toBe(400);
    const nul = await server.post('{ asset(symbol: "B\\u0000TC") { symbol } }');
    expect([nul.status, nul.body.errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    const introspection = await closed.post('{ __schema { types { name } } }');
    expect([introspection.status, introspection.body.errors[0].extensions.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    expect((await server.post('{ __schema { queryType { name } } }')).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } }, extensions: { methodologyVersion } });
  });

  it('masks an unexpected failure to an error id that the log ties to request, operation and key', async () => {
    const { key, record } = await createApiKey(database.db, { name: 'logged', scopes: ['read'] });
    await database.db.query('DROP TABLE etf_flow, etf CASCADE');
    const reply = await postTo(server.url, 'query FundsPlease { etfs { ticker } }', { key, headers: { 'x-request-id': 'req-123' } });
    expect(reply.headers.get('x-request-id')).toBe('req-123');
    const [error] = reply.body.errors;
    expect(error).toEqual({ message: 'Internal server error', path: ['etfs'], extensions: { code: 'INTERNAL_SERVER_ERROR', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    expect(JSON.stringify(reply.body)).not.toMatch(/relation|select|does not exist|stack/i);
    const logged = logLines.find((line) => line.errorId === error.extensions.errorId);
    expect(logged).toMatchObject({ requestId: 'req-123', operationName: 'FundsPlease', keyPrefix: record.prefix, msg: 'unexpected error in a request' });
    expect(logged.err.message).toContain('relation "etf" does not exist');
  });

  it('lists every error code in the schema and docs/errors.md, both generated from one list', async () => {
    const codes = Object.keys(errorCodes);
    const schemaEnum = buildCascadeSchema().getType('ErrorCode') as GraphQLEnumType;
    expect(schemaEnum.getValues().map((v) => [v.name, v.description])).toEqual(Object.entries(errorCodes));
    const listed = await server.post('{ errorCodes { code httpStatus } }');
    expect(listed.body.data.errorCodes.map((c: { code: string }) => c.code)).toEqual(codes);
    expect(listed.body.data.errorCodes.find((c: { code: string }) => c.code === 'RATE_LIMITED').httpStatus).toBe(429);
    // docs/errors.md is generated (`npm run schema`); a stale copy fails here.
    expect(readFileSync(errorsDocFile, 'utf8')).toBe(renderErrorsDoc());
  });
});
