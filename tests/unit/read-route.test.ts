import { Pool } from 'pg';
import { ReadRoute } from '../../src/db/read-route';
import { Db } from '../../src/db/sql';

/** A Db whose every statement is answered by `answer` (or fails with what it throws), counting calls. */
function scripted(name: string, answer: () => unknown[]): Db & { calls: number } {
  const db: Db & { calls: number } = {
    calls: 0,
    pool: { options: { connectionString: `postgres://u@${name}:5432/cascade` } } as unknown as Pool,
    async query() {
      db.calls += 1;
      return answer() as never[];
    },
    transaction: (work) => work(db),
  };
  return db;
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' });

describe('ReadRoute', () => {
  it('runs a read on the primary when the standby refuses the connection, and stays there until the retry time', async () => {
    let standbyUp = false;
    const standby = scripted('standby', () => {
      if (!standbyUp) throw refused();
      return [{ from: 'standby' }];
    });
    const primary = scripted('primary', () => [{ from: 'primary' }]);
    const switches: string[] = [];
    const route = new ReadRoute(standby, primary, { retryStandbyMs: 50, onSwitch: (to) => switches.push(to) });
    expect(await route.db.query('SELECT 1')).toEqual([{ from: 'primary' }]);
    standbyUp = true;
    // Within the retry time the standby is not asked.
    expect(await route.db.query('SELECT 1')).toEqual([{ from: 'primary' }]);
    expect(standby.calls).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await route.db.query('SELECT 1')).toEqual([{ from: 'standby' }]);
    expect(route.reads).toEqual({ standby: 1, primary: 2 });
    expect(switches).toEqual(['primary', 'standby']);
  });

  it('does not retry an SQL error on the primary: it would fail the same', async () => {
    const standby = scripted('standby', () => {
      throw Object.assign(new Error('relation "nope" does not exist'), { code: '42P01' });
    });
    const primary = scripted('primary', () => []);
    const route = new ReadRoute(standby, primary);
    await expect(route.db.query('SELECT * FROM nope')).rejects.toThrow(/does not exist/);
    expect([primary.calls, route.target]).toEqual([0, 'standby']);
  });

  it('retries a statement cancelled for a recovery conflict on the primary without leaving the standby', async () => {
    const standby = scripted('standby', () => {
      throw Object.assign(new Error('canceling statement due to conflict with recovery'), { code: '40001' });
    });
    const primary = scripted('primary', () => [{ ok: true }]);
    const route = new ReadRoute(standby, primary);
    expect(await route.db.query('SELECT 1')).toEqual([{ ok: true }]);
    expect(route.target).toBe('standby');
  });

  it('reports the lag from the LSNs, and none while the standby cannot be asked', async () => {
    let standbyUp = true;
    const standby = scripted('standby', () => {
      if (!standbyUp) throw refused();
      return [{ recovery: true, replayed: '0/3000000', since_replay: 4.5 }];
    });
    const primary = scripted('primary', () => [{ lsn: '1/00000010' }]);
    const route = new ReadRoute(standby, primary);
    expect(await route.status()).toEqual({ standby: 'standby:5432', readsFrom: 'standby', standbyReachable: true, lagBytes: 2 ** 32 + 16 - 0x3000000, lagSeconds: 4.5 });
    standbyUp = false;
    expect(await route.status()).toEqual({ standby: 'standby:5432', readsFrom: 'standby', standbyReachable: false, lagBytes: null, lagSeconds: null });
  });
});
