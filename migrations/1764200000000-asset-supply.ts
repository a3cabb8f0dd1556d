import { MigrationInterface, QueryRunner } from 'typeorm';

/** Circulating supply, where known, so leverage (open interest / market value) can be stated. */
export class AssetSupply1764200000000 implements MigrationInterface {
  name = 'AssetSupply1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE asset ADD COLUMN circulating_supply double precision CHECK (circulating_supply > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE asset DROP COLUMN circulating_supply`);
  }
}
