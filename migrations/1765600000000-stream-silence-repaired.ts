import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a REST run refilled a stream's silence (OKX liquidations: the REST history behind the
 * stream). A repaired silence no longer makes coverage list its venue missing; one no REST
 * source can refill stays unrepaired, and missing.
 */
export class StreamSilenceRepaired1765600000000 implements MigrationInterface {
  name = 'StreamSilenceRepaired1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE stream_silence ADD COLUMN repaired_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE stream_silence DROP COLUMN IF EXISTS repaired_at');
  }
}
