import { ChildProcess } from 'node:child_process';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { connect } from '../../src/db/data-source';
import { Db } from '../../src/db/sql';
import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';
import { pg15Missing, Pg15Pair, startPrimaryAndStandby } from '../support/pg15-cluster';
import { FixtureIds, seedRegistry, toRow } from './liquidations.fixture';
import { eventually, postTo, startApiProcess, stopApiProcess } from './security/support';

/**
 * Reads from a real streaming standby: a PostgreSQL 15 primary and a hot standby made with
 * `pg_basebackup -R` from Debian's server binaries, and the compiled API as a real process with
 * DATABASE_URL on the primary and DATABASE_READ_URL on the standby. Pausing the standby's replay
 * (pg_wal_replay_pause) makes the lag as long as the test needs, so which server answered, and
 * what a client sees within the lag, are visible without timing luck.
 */
const missing = pg15Missing();
const suite = missing ? describe.skip : describe;
if (missing) {
  describe('reads from a streaming standby', () => {
    it.skip(`skipped: ${missing}`, () => undefined);
  });
}

/** One sample of a metric from a Prometheus text exposition, with `labels` among its labels (null when absent). */
function metric(text: string, name: string, labels?: string): number | null {
  const line = text.split('\n').find((l) => (labels ? l.startsWith(`${name}{`) && l.includes(labels) : l.startsWith(`${name} `)));
  return line ? Number(line.split(' ').pop()) : null;
}

suite('reads from a streaming standby (PostgreSQL 15, pg_basebackup -R)', () => {
  let pair: Pg15Pair;
  let api: { child: ChildProcess; url: string; output: () => string };
  let writer: Db;
  let ids: FixtureIds;
  const clients: Client[] = [];
  const base = () => api.url.replace('/graphql', '');
  const get = async (path: string) => {
    const response = await fetch(`${base()}${path}`);
    return { status: response.status, text: await response.text() };
  };
  const readyz = async () => {
    const { status, text } = await get('/readyz');
    return { status, body: JSON.parse(text) };
  };
  const metrics = async () => (await get('/metrics')).text;
  const venueName = async () => {
    const reply = await postTo(api.url, '{ venue(slug: "okx") { name } }');
    if (reply.status !== 200 || reply.body.errors) throw new Error(`venue query: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.data.venue.name as string;
  };
  const onStandby = <Row>(sql: string, params?: unknown[]) => pair.query<Row>(pair.standby, sql, params);
  const onPrimary = <Row>(sql: string, params?: unknown[]) => pair.query<Row>(pair.primary, sql, params);
  const pauseReplay = async () => {
    await onStandby('SELECT pg_wal_replay_pause()');
    await eventually(async () => (await onStandby<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state'))[0].state === 'paused', 10_000, 50);
  };
  const resumeReplay = async () => {
    await onStandby('SELECT pg_wal_replay_resume()');
    await pair.caughtUp();
  };
  /** A `liquidationOccurred` client of the API: the ids it received. */
  const subscribe = () => {
    const client = createClient({ url: api.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 });
    clients.push(client);
    const received: string[] = [];
    const failures: unknown[] = [];
    client.subscribe<{ liquidationOccurred: { id: string } }>(
      { query: 'subscription { liquidationOccurred { id } }' },
      { next: (r) => void (r.errors ? failures.push(r.errors) : r.data && received.push(r.data.liquidationOccurred.id)), error: (e) => void failures.push(e), complete: () => undefined },
    );
    return { received, failures };
  };
  const listeningOnPrimary = async () =>
    (await onPrimary<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'cascade-liquidation-feed' AND query LIKE 'LISTEN%'`))[0].n;
  let eventSeq = 0;
  const writeLiquidation = async () => {
    eventSeq += 1;
    const [row] = await insertLiquidations(writer, [toRow(ids, { asset: 'BTC', venue: 'okx', side: 'SHORT', notionalUsd: 50, at: new Date(Date.UTC(2025, 9, 10, 21, 0, eventSeq)), key: `standby-${eventSeq}` }, 0)]);
    return String(row.id);
  };

  beforeAll(async () => {
    pair = await startPrimaryAndStandby();
    // The API migrates the empty database itself: through DATABASE_URL, the primary.
    api = await startApiProcess(pair.primary.url(), {
      DATABASE_READ_URL: pair.standby.url(),
      CASCADE_REGISTRY_TTL_MS: '0',
      CASCADE_RATE_SYNC_MS: '50',
    });
    writer = connect(pair.primary.url(), { max: 2 });
    ids = await seedRegistry(writer);
    await pair.caughtUp();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    if (api) await stopApiProcess(api.child);
    await writer?.pool.end();
    await pair?.destroy();
  }, 60_000);

  it('migrated on the primary at start; the standby is in recovery and has the schema by replication', async () => {
    expect(api.output()).toMatch(/"msg":"migrations applied"/);
    expect(await onStandby('SELECT pg_is_in_recovery() AS recovery')).toEqual([{ recovery: true }]);
    const [{ n }] = await onStandby<{ n: number }>('SELECT count(*)::int AS n FROM cascade_migrations');
    expect(n).toBeGreaterThan(0);
  });

  it('answers queries from the standby, LISTENs on the primary, and reports the lag', async () => {
    expect(await venueName()).toBe('OKX');
    const live = subscribe();
    await eventually(async () => (await listeningOnPrimary()) === 1, 10_000, 50);
    // The standby serves the read pool and never the feed: a standby gets no NOTIFY.
    const apps = async (query: typeof onStandby) => (await query<{ app: string }>(`SELECT DISTINCT application_name AS app FROM pg_stat_activity WHERE application_name LIKE 'cascade%'`)).map((r) => r.app).sort();
    expect(await apps(onStandby)).toEqual(['cascade-api-read']);
    expect(await apps(onPrimary)).toContain('cascade-liquidation-feed');

    await pauseReplay();
    await onPrimary(`UPDATE venue SET name = 'OKX (renamed on the primary)' WHERE slug = 'okx'`);
    // Written, not yet replayed: the answer is the standby's.
    expect(await venueName()).toBe('OKX');
    const lagging = await readyz();
    expect(lagging.status).toBe(200);
    expect(lagging.body.replication).toMatchObject({ readsFrom: 'standby', standbyReachable: true, standby: `127.0.0.1:${pair.standby.port}` });
    expect(lagging.body.replication.lagBytes).toBeGreaterThan(0);
    expect(lagging.body.replication.lagSeconds).toBeGreaterThan(0);
    const scraped = await metrics();
    expect(metric(scraped, 'cascade_db_replica_lag_bytes', `standby="127.0.0.1:${pair.standby.port}"`)).toBeGreaterThan(0);
    expect(metric(scraped, 'cascade_db_standby_up', `standby="127.0.0.1:${pair.standby.port}"`)).toBe(1);
    expect(metric(scraped, 'cascade_db_reads_on_standby')).toBe(1);
    expect(metric(scraped, 'cascade_db_reads_total', 'target="standby"')).toBeGreaterThan(0);
    expect(metric(scraped, 'cascade_db_reads_total', 'target="primary"')).toBe(0);

    // Read-after-write within the lag: the live event comes from the primary at once, while the
    // `liquidations` query (the standby) does not show the row until replay reaches it.
    const id = await writeLiquidation();
    await eventually(() => live.received.includes(id), 10_000, 20);
    const page = async () => (await postTo(api.url, '{ liquidations(first: 50) { edges { node { id } } } }')).body.data.liquidations.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await page()).not.toContain(id);

    // knownAt past the standby's replay point is not yet a settled answer: asked again once
    // replay has caught up, the same knownAt returns more.
    await onPrimary(`INSERT INTO open_interest (asset_id, instrument_id, at, open_interest_usd, origin) VALUES ($1, $2, now() - interval '1 minute', 100, 'IMPORT')`, [ids.asset.BTC, ids.instrument['okx:BTC']]);
    const [{ knownAt }] = await onPrimary<{ knownAt: string }>(`SELECT to_char((now() + interval '2 seconds') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "knownAt"`);
    const openInterest = async () => {
      const reply = await postTo(api.url, 'query ($knownAt: DateTime, $from: DateTime!) { openInterestHistory(asset: "BTC", from: $from, interval: H1, knownAt: $knownAt) { openInterestUsd } }', {
        variables: { knownAt, from: new Date(Date.now() - 2 * 3_600_000).toISOString() },
      });
      if (reply.body.errors) throw new Error(JSON.stringify(reply.body.errors));
      return (reply.body.data.openInterestHistory as Array<{ openInterestUsd: number | null }>).map((b) => b.openInterestUsd).filter((v) => v !== null);
    };
    expect(await openInterest()).toEqual([]);

    await resumeReplay();
    expect(await venueName()).toBe('OKX (renamed on the primary)');
    expect(await page()).toContain(id);
    // The reading is a minute old: in the first minute of an hour it lands in the last hour's
    // bucket and its level is carried into this one's, so one or two buckets show it.
    const caughtUpOpenInterest = await openInterest();
    expect(caughtUpOpenInterest.length).toBeGreaterThanOrEqual(1);
    expect(caughtUpOpenInterest).toEqual(caughtUpOpenInterest.map(() => 100));
    const caughtUp = await readyz();
    expect(caughtUp.body.replication).toMatchObject({ readsFrom: 'standby', lagBytes: 0, lagSeconds: 0 });
    expect(live.failures).toEqual([]);
  }, 60_000);

  it('falls back to the primary while the standby is down and returns to it, with no 5xx and live events unaffected', async () => {
    const live = subscribe();
    await eventually(async () => (await listeningOnPrimary()) >= 1, 10_000, 50);
    const before = await metrics();
    const primaryReadsBefore = metric(before, 'cascade_db_reads_total', 'target="primary"') ?? 0;

    // A client reading all along: bounded in count and time, it stops by itself.
    const statuses = new Map<number, number>();
    const wrong: unknown[] = [];
    let stop = false;
    const reader = (async () => {
      const until = Date.now() + 50_000;
      for (let i = 0; i < 3000 && !stop && Date.now() < until; i += 1) {
        const reply = await postTo(api.url, '{ venue(slug: "okx") { name } }');
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        if (reply.body?.errors || reply.body?.data?.venue?.name !== 'OKX (renamed on the primary)') wrong.push(reply.body);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();

    await pair.standby.stop();
    const away = await eventually(async () => {
      const ready = await readyz();
      return ready.body.replication?.readsFrom === 'primary' ? ready : undefined;
    }, 15_000, 50);
    expect(away.status).toBe(200);
    expect(away.body).toMatchObject({ ready: true, replication: { standbyReachable: false, lagBytes: null, lagSeconds: null } });
    const scrapedAway = await metrics();
    expect(metric(scrapedAway, 'cascade_db_standby_up', `standby="127.0.0.1:${pair.standby.port}"`)).toBe(0);
    expect(metric(scrapedAway, 'cascade_db_replica_lag_seconds', 'standby=')).toBeNull();
    await eventually(async () => (metric(await metrics(), 'cascade_db_reads_total', 'target="primary"') ?? 0) > primaryReadsBefore + 20, 15_000, 100);

    // Live events do not touch the standby.
    const id = await writeLiquidation();
    await eventually(() => live.received.includes(id), 10_000, 20);

    await pair.standby.start();
    const standbyReadsBack = metric(await metrics(), 'cascade_db_reads_total', 'target="standby"') ?? 0;
    await eventually(async () => (metric(await metrics(), 'cascade_db_reads_total', 'target="standby"') ?? 0) > standbyReadsBack + 20, 20_000, 100);
    expect((await readyz()).body.replication).toMatchObject({ readsFrom: 'standby', standbyReachable: true });
    stop = true;
    await reader;

    const scraped = await metrics();
    console.log(
      `standby outage: ${JSON.stringify({ replies: Object.fromEntries(statuses), wrong: wrong.length, reads: { standby: metric(scraped, 'cascade_db_reads_total', 'target="standby"'), primary: metric(scraped, 'cascade_db_reads_total', 'target="primary"') } })}`,
    );
    expect([...statuses.keys()]).toEqual([200]);
    expect(wrong).toEqual([]);
    expect(statuses.get(200)).toBeGreaterThan(40);
    expect(live.failures).toEqual([]);
    expect(api.output()).toMatch(/standby unavailable: reads fall back to the primary/);
    expect(api.output()).toMatch(/reads back on the standby/);
  }, 90_000);
});
