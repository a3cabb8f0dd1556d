import { connect } from '../../src/db/data-source';
import { trackedAssets } from '../../src/ingest/catalog';
import { createTestDatabase, TestDatabase } from '../support/database';
import { eventually } from '../support/venue-server';

/**
 * Workers started together on a fresh database discover venues at the same moment, and each
 * discovery first makes sure of the tracked assets. One that meets another's uncommitted
 * insert must still see those assets: with none, it would list no instruments and retire every
 * instrument the other had just stored, and the venue's live liquidations would be dropped.
 */
describe('tracked assets under concurrent discovery', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('empty');
  });
  afterAll(async () => database.drop());

  it('returns every asset to a worker whose insert waited on another worker inserting them', async () => {
    const other = connect(database.url, { max: 2 });
    try {
      expect(await database.db.query('SELECT count(*)::int AS n FROM asset')).toEqual([{ n: 0 }]);
      let insertedByA!: () => void;
      let commitA!: () => void;
      const inserted = new Promise<void>((resolve) => (insertedByA = resolve));
      const commit = new Promise<void>((resolve) => (commitA = resolve));
      const a = database.db.transaction(async (tx) => {
        const assets = await trackedAssets(tx);
        insertedByA();
        await commit;
        return assets;
      });
      await inserted;
      const b = trackedAssets(other);
      // B's insert is now waiting on A's uncommitted rows.
      await eventually(async () => (await database.db.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).length === 1);
      commitA();
      const [fromA, fromB] = await Promise.all([a, b]);
      expect([...fromA.keys()].sort()).toEqual(['BTC', 'ETH', 'SOL']);
      expect(fromB).toEqual(fromA);
    } finally {
      await other.pool.end();
    }
  });
});
