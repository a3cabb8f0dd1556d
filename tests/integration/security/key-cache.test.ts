import { Client } from 'pg';
import { Authenticator } from '../../../src/app/auth';
import { connect } from '../../../src/db/data-source';
import { Db } from '../../../src/db/sql';
import { createApiKey } from '../../../src/domains/keys/key.service';
import { createTestDatabase, TestDatabase } from '../../support/database';

/**
 * The key cache's first lookup of a key and the periodic refresh of keys in use can overlap: on
 * a loaded machine (a fresh clone's full run) a fresh key was refused with 401 before it was
 * ever revoked, because the refresh's write aborted the lookup still in flight.
 */
describe('the key cache', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    db = connect(database.url, { max: 12 });
  });
  afterAll(async () => {
    await db.pool.end();
    await database.drop();
  });

  it('accepts a key looked up for the first time while the cache refreshes the keys in use', async () => {
    // A refresh period far beyond the test, so only the refreshes called below run.
    const authenticator = new Authenticator(db, { requireKeys: true, keyCacheTtlMs: 3_600_000 });
    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    try {
      for (let round = 0; round < 4; round += 1) {
        const keys = await Promise.all(Array.from({ length: 8 }, (_, i) => createApiKey(db, { name: `fresh-${round}-${i}`, scopes: ['read'] })));
        // Every lookup and the refresh wait behind one lock and are let go together, so the
        // refresh's answer lands while most first lookups are still in flight.
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE api_key IN ACCESS EXCLUSIVE MODE');
        const callers = keys.map(({ key }) => authenticator.identify(key, '127.0.0.1').then((c) => c.keyId, (error: Error) => error.message));
        const refreshed = authenticator.refresh();
        await waitForLockWaiters(blocker, keys.length + 1);
        await blocker.query('COMMIT');
        await refreshed;
        expect(await Promise.all(callers)).toEqual(keys.map(({ record }) => record.id));
      }
    } finally {
      await blocker.end();
      authenticator.stop();
    }
  });

  it('answers SERVICE_UNAVAILABLE, not "unknown key", for a key never seen while the database is away', async () => {
    const { key } = await createApiKey(db, { name: 'first-seen-during-outage', scopes: ['read'] });
    const away = connect('postgres://nobody@127.0.0.1:1/none', { max: 1, connectionTimeoutMs: 2000 });
    const authenticator = new Authenticator(away, { requireKeys: true, keyCacheTtlMs: 3_600_000 });
    try {
      await expect(authenticator.identify(key, '127.0.0.1')).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    } finally {
      authenticator.stop();
      await away.pool.end();
    }
  });
});

/** Polls pg_locks until `count` backends wait on a lock in this database (deadline 10 s). */
async function waitForLockWaiters(client: Client, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await client.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE NOT l.granted AND d.datname = current_database()`,
    );
    if (rows[0].waiting >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${rows[0].waiting} of ${count} queries were waiting on the lock`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
