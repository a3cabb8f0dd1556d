import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a live stream's canary (a message the venue pushes at a steady rate on the same
 * connection) stopped and when it came back: one row per silence, open (ended_at null) while it
 * lasts. Kept in Postgres so every API process lists the venue as missing for the buckets the
 * silence touches, also after a restart, and /metrics counts silences from every worker.
 */
export class StreamSilence1765500000000 implements MigrationInterface {
  name = 'StreamSilence1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stream_silence (
        id bigserial PRIMARY KEY,
        source text NOT NULL,
        dataset text NOT NULL,
        venue_id int REFERENCES venue (id),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        detected_at timestamptz NOT NULL DEFAULT now(),
        reason text NOT NULL,
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      )`);
    // At most one open silence per stream: a second detection while one is open changes nothing.
    await q.query('CREATE UNIQUE INDEX stream_silence_open_idx ON stream_silence (source, dataset) WHERE ended_at IS NULL');
    await q.query('CREATE INDEX stream_silence_venue_idx ON stream_silence (venue_id, started_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS stream_silence');
  }
}
