import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A venue's liquidation completeness becomes a three-valued fact (COMPLETE, LOWER_BOUND,
 * NOT_COLLECTED) instead of the boolean `liquidations_lower_bound`, which it replaces: the API
 * derives the boolean from it, so the two can never disagree. Existing rows keep their meaning
 * (true → LOWER_BOUND); each worker writes its venue's current value when it lists instruments.
 */
export class LiquidationCompleteness1764900000000 implements MigrationInterface {
  name = 'LiquidationCompleteness1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE venue ADD COLUMN liquidation_completeness text NOT NULL DEFAULT 'COMPLETE'
        CHECK (liquidation_completeness IN ('COMPLETE', 'LOWER_BOUND', 'NOT_COLLECTED'))`);
    await q.query(`UPDATE venue SET liquidation_completeness = 'LOWER_BOUND' WHERE liquidations_lower_bound`);
    await q.query(`ALTER TABLE venue DROP COLUMN liquidations_lower_bound`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE venue ADD COLUMN liquidations_lower_bound boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE venue SET liquidations_lower_bound = liquidation_completeness <> 'COMPLETE'`);
    await q.query(`ALTER TABLE venue DROP COLUMN liquidation_completeness`);
  }
}
