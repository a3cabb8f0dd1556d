import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connect } from '../../src/db/data-source';
import { Db } from '../../src/db/sql';
import { readTestEnvironment } from './env';

export interface TestDatabase {
  db: Db;
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs one statement as the cluster's admin (outside any test database). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: readTestEnvironment().adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A database of the test file's own, cloned from a template: `sample` holds the scenario,
 * `empty` only the migrated schema, `blank` nothing at all (for migration tests).
 */
export async function createTestDatabase(kind: 'sample' | 'empty' | 'blank' = 'sample'): Promise<TestDatabase> {
  const environment = readTestEnvironment();
  const name = `cascade_t_${environment.runId}_${randomBytes(4).toString('hex')}`;
  const template = kind === 'sample' ? environment.sampleTemplate : kind === 'empty' ? environment.emptyTemplate : 'template0';
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = withDatabase(environment.adminUrl, name);
  const db = connect(url, { max: 5, statementTimeoutMs: 120_000, connectionTimeoutMs: 60_000 });
  return {
    db,
    url,
    name,
    async drop() {
      await db.pool.end();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
