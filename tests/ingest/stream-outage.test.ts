import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { connect } from '../../src/db/data-source';
import { Db } from '../../src/db/sql';
import { insertLiquidations, LiquidationRow } from '../../src/domains/liquidations/liquidation.writer';
import { FileSpool } from '../../src/ingest/spool';
import { Batcher, WsCollector } from '../../src/ingest/ws';
import { adminQuery, createTestDatabase, TestDatabase } from '../support/database';
import { FixtureIds, seedRegistry, toRow } from '../integration/liquidations.fixture';

/** A real outage of one database: new connections refused, open ones cut. */
const takeDown = (name: string) =>
  adminQuery(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
const bringBack = (name: string) => adminQuery(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);

const eventually = async (check: () => Promise<boolean> | boolean, timeoutMs = 60_000) => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('a stream collector while the database is away', () => {
  let database: TestDatabase;
  let writer: Db;
  let ids: FixtureIds;
  let spoolDir: string;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    ids = await seedRegistry(database.db);
    // The collector's own pool, as a worker has: it is the one the outage cuts.
    writer = connect(database.url, { max: 2, connectionTimeoutMs: 2_000 });
    writer.pool.on('error', () => undefined);
  });

  beforeEach(() => {
    spoolDir = mkdtempSync(path.join(os.tmpdir(), 'cascade-spool-'));
  });

  afterEach(async () => {
    await bringBack(database.name);
    rmSync(spoolDir, { recursive: true, force: true });
    await database.db.query('TRUNCATE liquidation, liquidation_hourly');
  });

  afterAll(async () => {
    await writer.pool.end();
    await database.drop();
  });

  const rows = (count: number, offset = 0): LiquidationRow[] =>
    Array.from({ length: count }, (_, i) =>
      toRow(ids, { asset: 'BTC', venue: 'bybit', side: i % 3 ? 'LONG' : 'SHORT', notionalUsd: 1000 + (i % 7), at: new Date(Date.UTC(2025, 9, 10, 12) + (offset + i) * 10) }, offset + i),
    );
  const stored = async () => (await database.db.query<{ n: number; keys: number }>('SELECT count(*)::int AS n, count(DISTINCT event_key)::int AS keys FROM liquidation'))[0];

  it('stores every one of 100,000 events sent during an outage exactly once, holding at most 1,000 in memory', async () => {
    const spool = new FileSpool<LiquidationRow>(path.join(spoolDir, 'bybit-liquidations.jsonl'));
    const errors: string[] = [];
    const batcher = new Batcher<LiquidationRow>({
      maxItems: 2000,
      maxDelayMs: 100,
      maxBuffered: 1000,
      spool,
      write: async (batch) => void (await insertLiquidations(writer, batch)),
      onError: (error) => errors.push(error.message),
    });
    await takeDown(database.name);
    let mostHeld = 0;
    const events = rows(100_000);
    for (let i = 0; i < events.length; i += 500) {
      batcher.addAll(events.slice(i, i + 500));
      mostHeld = Math.max(mostHeld, batcher.pending);
      if (i % 10_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await batcher.flush();
    expect(errors.length).toBeGreaterThan(0); // the writes really failed
    expect(batcher.pending + batcher.spooledCount).toBe(100_000);
    expect(mostHeld).toBeLessThanOrEqual(1000);
    await bringBack(database.name);
    await eventually(async () => {
      await batcher.flush();
      return batcher.pending === 0 && batcher.spooledCount === 0;
    });
    expect(await stored()).toEqual({ n: 100_000, keys: 100_000 });
    expect(existsSync(path.join(spoolDir, 'bybit-liquidations.jsonl'))).toBe(false);
    await batcher.close();
  });

  it('replays what a stopped worker still held, first, after a restart', async () => {
    const file = path.join(spoolDir, 'bybit-liquidations.jsonl');
    const options = { maxItems: 500, maxDelayMs: 100, maxBuffered: 1000, write: async (batch: LiquidationRow[]) => void (await insertLiquidations(writer, batch)) };
    await takeDown(database.name);
    const before = new Batcher<LiquidationRow>({ ...options, spool: new FileSpool(file), onError: () => undefined });
    before.addAll(rows(5000));
    await before.close(); // nothing could be written: memory and spool both end up in the file
    await bringBack(database.name);
    const after = new Batcher<LiquidationRow>({ ...options, spool: new FileSpool(file) });
    expect(after.spooledCount).toBe(5000);
    after.addAll(rows(10, 5000));
    await eventually(async () => {
      await after.flush();
      return after.pending === 0 && after.spooledCount === 0;
    });
    await after.close();
    expect(await stored()).toEqual({ n: 5010, keys: 5010 });
    const [{ occurred_at }] = await database.db.query<{ occurred_at: Date }>('SELECT min(occurred_at) AS occurred_at FROM liquidation');
    expect(occurred_at.toISOString()).toBe('2025-10-10T12:00:00.000Z'); // Dates survive the file
  });
});

describe('a WebSocket collector that cannot get going', () => {
  it('abandons a handshake that stalls and tries again', async () => {
    const attempts: net.Socket[] = [];
    // Accepts TCP and never answers the HTTP upgrade.
    const server = net.createServer((socket) => attempts.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const errors: string[] = [];
    const collector = new WsCollector({
      name: 'stalled',
      url: `ws://127.0.0.1:${(server.address() as net.AddressInfo).port}/`,
      handshakeTimeoutMs: 200,
      reconnect: { baseMs: 50, maxMs: 100 },
      onMessage: () => undefined,
      onError: (error) => errors.push(error.message),
    }).start();
    try {
      await eventually(() => attempts.length >= 2, 10_000);
      expect(errors.some((message) => /timed out/i.test(message))).toBe(true);
    } finally {
      await collector.stop();
      for (const socket of attempts) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('closes a connection whose subscription could not be made, and subscribes afresh on the next', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    const closed: number[] = [];
    let opened = 0;
    wss.on('connection', (socket) => {
      opened += 1;
      socket.on('close', () => closed.push(opened));
    });
    let calls = 0;
    const errors: string[] = [];
    const collector = new WsCollector({
      name: 'unsubscribed',
      url: `ws://127.0.0.1:${(wss.address() as net.AddressInfo).port}/`,
      reconnect: { baseMs: 50, maxMs: 100 },
      subscriptions: () => {
        calls += 1;
        if (calls === 1) throw new Error('instrument list unavailable');
        return [{ op: 'subscribe' }];
      },
      onMessage: () => undefined,
      onError: (error) => errors.push(error.message),
    }).start();
    try {
      await eventually(() => opened >= 2 && calls >= 2, 10_000);
      expect(closed[0]).toBe(1);
      expect(errors[0]).toMatch(/subscribing failed, reconnecting: instrument list unavailable/);
    } finally {
      await collector.stop();
      await new Promise((resolve) => wss.close(resolve));
    }
  });
});
