import { generate } from '@graphql-codegen/cli';
import { print } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LiquidationsOnTenOctoberDocument, OpenInterestUnderThirtyBillionQuery } from '../../clients/generated/operations';
import { projectRoot } from '../../src/core/paths';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

describe('typed client documents (npm run codegen)', () => {
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

  it('are the ones committed (regenerate with `npm run codegen` after changing examples or the schema)', async () => {
    const cwd = process.cwd();
    process.chdir(projectRoot);
    try {
      const config = (await import(path.join(projectRoot, 'codegen.ts'))).default;
      const [output] = await generate(config, false);
      expect(output.content).toBe(readFileSync(path.join(projectRoot, 'clients', 'generated', 'operations.ts'), 'utf8'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('run as plain fetch with typed results', async () => {
    const response = await server.query(print(LiquidationsOnTenOctoberDocument));
    expect(response.errors).toBeUndefined();
    const rows = response.data!.byVenue as Array<{ venue: { slug: string }; totalUsd: number }>;
    expect(rows.map((r) => r.venue.slug)).toContain('hyperliquid');
    // The generated result type checks the shape at compile time.
    const typed: OpenInterestUnderThirtyBillionQuery['recoverySignals'] = null;
    expect(typed).toBeNull();
  });
});
