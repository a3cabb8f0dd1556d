import { Client } from 'pg';
import { Authenticator } from '../../../src/app/auth';
import { connect } from '../../../src/db/data-source';
import { Db } from '../../../src/db/sql';
import { createApiKey, revokeApiKey } from '../../../src/domains/keys/key.service';
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

  describe('revoked means refused within one TTL', () => {
    const ttlMs = 1000;
    /** Round trips and timer jitter on a loaded machine: well under the TTL itself. */
    const slackMs = 300;

    it('refuses a key idle since its last refresh once one TTL has passed since its revocation', async () => {
      const authenticator = new Authenticator(db, { requireKeys: true, keyCacheTtlMs: ttlMs });
      try {
        const { key, record } = await createApiKey(db, { name: 'idle-then-revoked', scopes: ['read'] });
        expect((await authenticator.identify(key, '127.0.0.1')).keyId).toBe(record.id);
        // Idle past a refresh: the refresh re-read it once and then forgot it was in use, which
        // let its entry live three TTLs unread.
        await sleep(ttlMs * 1.5);
        await revokeApiKey(db, String(record.id));
        const revokedAt = Date.now();
        await sleep(ttlMs - (Date.now() - revokedAt));
        await expect(authenticator.identify(key, '127.0.0.1')).rejects.toMatchObject({ message: 'The API key was revoked.', extensions: { code: 'UNAUTHENTICATED' } });
      } finally {
        authenticator.stop();
      }
    });

    it('refuses a key in steady use within one TTL of its revocation', async () => {
      const authenticator = new Authenticator(db, { requireKeys: true, keyCacheTtlMs: ttlMs });
      try {
        const { key, record } = await createApiKey(db, { name: 'busy-then-revoked', scopes: ['read'] });
        const accepted = () => authenticator.identify(key, '127.0.0.1').then(() => true, () => false);
        for (const end = Date.now() + ttlMs * 1.5; Date.now() < end; await sleep(50)) expect(await accepted()).toBe(true);
        await revokeApiKey(db, String(record.id));
        const revokedAt = Date.now();
        while (await accepted()) {
          expect(Date.now() - revokedAt).toBeLessThan(ttlMs + slackMs);
          await sleep(50);
        }
        expect(Date.now() - revokedAt).toBeLessThan(ttlMs + slackMs);
      } finally {
        authenticator.stop();
      }
    });
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

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
