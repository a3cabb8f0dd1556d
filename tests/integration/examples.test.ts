import { parse, validate } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildCascadeSchema } from '../../src/app/schema';
import { projectRoot } from '../../src/core/paths';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

const dir = path.join(projectRoot, 'examples');
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.graphql'))
  .map((file) => [file, readFileSync(path.join(dir, file), 'utf8')] as const);

describe('the IDE example operations', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('exist, one per question of the article', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });

  it.each(examples)('%s says what it answers and is valid against the schema', (_file, text) => {
    expect(text.split('\n')[0]).toMatch(/^# .+\?/);
    expect(validate(buildCascadeSchema(), parse(text))).toEqual([]);
  });

  it.each(examples)('%s runs on the sample scenario with data and no errors', async (_file, text) => {
    const response = await server.query(text);
    expect(response.errors).toBeUndefined();
    for (const value of Object.values(response.data!)) expect(value).toBeTruthy();
  });
});
