import { readFileSync } from 'node:fs';

/** Written by global setup, read by every test worker: where the test cluster is. */
export interface TestEnvironment {
  /** URL of a maintenance database on the test cluster (for CREATE DATABASE). */
  adminUrl: string;
  /** Database holding migrations and the sample scenario, cloned per test file. */
  sampleTemplate: string;
  /** Database holding migrations only, cloned per test file. */
  emptyTemplate: string;
  embedded: boolean;
  /** Embedded cluster's postmaster pid, for teardown. */
  runId: string;
}


export function readTestEnvironment(): TestEnvironment {
  const file = process.env.CASCADE_TEST_ENV_FILE;
  if (!file) throw new Error('CASCADE_TEST_ENV_FILE unset: run the tests through jest (global setup).');
  return JSON.parse(readFileSync(file, 'utf8')) as TestEnvironment;
}
