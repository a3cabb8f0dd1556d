import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { readTestEnvironment } from './env';

/** Drops every database this run made and stops the embedded cluster. */
export default async function globalTeardown(): Promise<void> {
  const environment = readTestEnvironment();
  const cluster = (globalThis as Record<string, unknown>).__cascadeCluster as { stop(): Promise<void> } | undefined;
  if (!environment.embedded) {
    const client = new Client({ connectionString: environment.adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`cascade_t_${environment.runId}_%`]);
      for (const row of rows) await client.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  await cluster?.stop();
  // Each run's cluster is ~600 MB: left behind, a day of runs fills the disk.
  if (environment.embedded) rmSync(path.join(os.tmpdir(), `cascade-test-pg-${environment.runId}`), { recursive: true, force: true });
}
