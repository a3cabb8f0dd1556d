import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each ingestion job got to, per source, dataset and scope (usually the venue symbol),
 * so a restarted backfill resumes instead of starting over. Watermarks only move forward.
 */
export class IngestionWatermark1764100000000 implements MigrationInterface {
  name = 'IngestionWatermark1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingestion_watermark (
        source text NOT NULL,
        dataset text NOT NULL,
        scope text NOT NULL DEFAULT '',
        watermark timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, dataset, scope)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS ingestion_watermark');
  }
}
