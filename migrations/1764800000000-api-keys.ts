import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Third-party access: API keys (only a SHA-256 hash of each key is stored, beside a visible
 * prefix that finds it) and the per-minute spend of every caller, shared by all API processes.
 */
export class ApiKeys1764800000000 implements MigrationInterface {
  name = 'ApiKeys1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL,
        prefix text NOT NULL UNIQUE,
        hash text NOT NULL,
        scopes text[] NOT NULL CHECK (scopes <@ ARRAY['read', 'stream', 'admin']::text[]),
        rate_points_per_minute int CHECK (rate_points_per_minute > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
    `);
    // One row per caller and minute; API processes add their local spend in batches.
    await q.query(`
      CREATE TABLE rate_limit_usage (
        bucket_key text NOT NULL,
        window_start timestamptz NOT NULL,
        points bigint NOT NULL,
        PRIMARY KEY (bucket_key, window_start)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS rate_limit_usage');
    await q.query('DROP TABLE IF EXISTS api_key');
  }
}
