import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A venue's "stop calling" (a 429/418 with Retry-After, Bybit's 403 "access too frequent"), kept
 * where every worker sees it: one row per source, until when and why. Binance escalates IP bans
 * from 2 minutes to 3 days for clients that keep calling after one, so a pause must hold across
 * processes, not only in the process that was told.
 */
export class SourcePause1765300000000 implements MigrationInterface {
  name = 'SourcePause1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE source_pause (
        source text PRIMARY KEY,
        paused_until timestamptz NOT NULL,
        reason text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS source_pause');
  }
}
