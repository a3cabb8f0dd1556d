import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { runMigrations, connect } from '../../src/db/data-source';
import { startEmbeddedPostgres } from '../../src/db/embedded';
import { EmbeddedPostgresError } from '../../src/db/embedded-failures';
import { loadSampleScenario } from '../../src/sample/load';
import { TestEnvironment } from './env';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * One cluster per test run: the embedded one by default, or DATABASE_URL's server. Two
 * template databases are built once (migrated; migrated + sample scenario) and every test
 * file clones the one it needs, so no test sees another's writes.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  let adminUrl: string;
  let embedded = false;
  if (process.env.DATABASE_URL) {
    adminUrl = withDatabase(process.env.DATABASE_URL, 'postgres');
  } else {
    const cluster = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `cascade-test-pg-${runId}`), database: 'postgres', postgresFlags: ['-c', 'max_connections=300'] }).catch(
      (error: unknown) => {
        if (!(error instanceof EmbeddedPostgresError)) throw error;
        // What failed and what to do, without a stack of jest's and the library's frames.
        const short = new Error(`${error.message} (npm test keeps the embedded one in TMPDIR.)`);
        short.stack = short.message;
        throw short;
      },
    );
    (globalThis as Record<string, unknown>).__cascadeCluster = cluster;
    adminUrl = cluster.url;
    embedded = true;
  }
  const emptyTemplate = `cascade_t_${runId}_empty`;
  const sampleTemplate = `cascade_t_${runId}_sample`;
  await admin(adminUrl, `CREATE DATABASE ${emptyTemplate}`);
  await runMigrations(withDatabase(adminUrl, emptyTemplate));
  await admin(adminUrl, `CREATE DATABASE ${sampleTemplate} TEMPLATE ${emptyTemplate}`);
  // A loaded machine can make one batch slow; the template load is not a latency test.
  const db = connect(withDatabase(adminUrl, sampleTemplate), { statementTimeoutMs: 600_000, connectionTimeoutMs: 60_000 });
  try {
    await loadSampleScenario(db);
  } finally {
    await db.pool.end();
  }
  const environment: TestEnvironment = { adminUrl, sampleTemplate, emptyTemplate, embedded, runId };
  const file = path.join(os.tmpdir(), `cascade-test-env-${runId}.json`);
  writeFileSync(file, JSON.stringify(environment));
  process.env.CASCADE_TEST_ENV_FILE = file;
}
