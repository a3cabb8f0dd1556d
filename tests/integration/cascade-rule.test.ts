import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/**
 * Issue 15, item 5: the cascade rule (docs/analytics.md, "Cascade episodes") on generated
 * tapes, one asset per tape, with the answers the written rule gives. Every tape sits on the same
 * quiet background of $20k–$218k a minute; events replace the background in their minutes.
 */
const t0 = Date.parse('2025-06-01T00:00:00Z');
const minuteMs = 60_000;
const at = (hours: number, minutes = 0) => t0 + hours * 3_600_000 + minutes * minuteMs;
const iso = (ms: number) => new Date(ms).toISOString();
const tapeEndMs = at(62);

/** USD per minute of the events of a tape, keyed by minute start (ms). */
type Events = Map<number, number>;
const run = (events: Events, fromMs: number, minutes: number, usdPerMinute: number) => {
  for (let m = 0; m < minutes; m += 1) events.set(fromMs + m * minuteMs, usdPerMinute);
  return events;
};
const twin = (apartMinutes: number) => {
  // Two $150M bursts of five $30M minutes; the first's last hot minute and the second's first
  // start `apartMinutes` apart.
  const events = run(new Map(), at(40), 5, 30e6);
  return run(events, at(40, 4 + apartMinutes), 5, 30e6);
};
const tapes: Record<string, Events> = {
  QUIET: new Map(),
  SPIKE: new Map([[at(40), 800e6]]),
  GRIND: run(new Map(), at(40), 120, 2e6),
  AFTERSHOCK: run(run(new Map(), at(38), 240, 25e6), at(50), 60, 30e6),
  TWIN15: twin(15),
  TWIN16: twin(16),
  TWIN17: twin(17),
};

describe('the cascade rule on generated tapes', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    const symbols = Object.keys(tapes);
    await database.db.query(`INSERT INTO asset (symbol, name) SELECT s, s FROM unnest($1::text[]) WITH ORDINALITY AS x(s, n) ORDER BY n`, [symbols]);
    await database.db.query(`INSERT INTO venue (slug, name, kind) VALUES ('binance', 'Binance', 'CEX')`);
    await database.db.query(
      `INSERT INTO instrument (venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size, funding_interval_hours, origin)
       SELECT 1, id, symbol || 'USDT', 'PERPETUAL', 'LINEAR', 'USDT', 1, 8, 'LIVE' FROM asset`,
    );
    for (const [index, symbol] of symbols.entries()) {
      const times: string[] = [];
      const usd: number[] = [];
      for (let ms = t0, i = 0; ms < tapeEndMs; ms += minuteMs, i += 1) {
        times.push(iso(ms + 17_000));
        usd.push(tapes[symbol].get(ms) ?? 20_000 + ((i * 7919) % 100) * 2_000);
      }
      await database.db.query(
        `INSERT INTO liquidation (asset_id, venue_id, instrument_id, side, price, quantity, notional_usd, occurred_at, event_key, origin)
         SELECT $1, 1, $1, 'LONG', 100, u / 100, u, t, 'tape-' || n, 'LIVE' FROM unnest($2::timestamptz[], $3::float8[]) WITH ORDINALITY AS x(t, u, n)`,
        [index + 1, times, usd],
      );
    }
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  const episodes = async (asset: string) => {
    const response = await server.query(`{ cascadeEpisodes(asset: "${asset}", from: "${iso(at(36))}", to: "${iso(at(60))}") { start end totalUsd peakUsdPerMinute } }`);
    expect(response.errors).toBeUndefined();
    return response.data!.cascadeEpisodes as Array<{ start: string; end: string; totalUsd: number; peakUsdPerMinute: number }>;
  };

  it('finds nothing in a quiet market', async () => {
    expect(await episodes('QUIET')).toEqual([]);
  });

  it('calls one $800M minute one episode: size alone decides at $500M', async () => {
    expect(await episodes('SPIKE')).toEqual([{ start: iso(at(40)), end: iso(at(40, 1)), totalUsd: 800e6, peakUsdPerMinute: 800e6 }]);
  });

  it('calls a slow $2M-a-minute two-hour grind one episode: 120 hot minutes, $240M, $2M per minute of its length', async () => {
    expect(await episodes('GRIND')).toEqual([{ start: iso(at(40)), end: iso(at(42)), totalUsd: 240e6, peakUsdPerMinute: 2e6 }]);
  });

  it('finds a $1.8B aftershock eight hours after a $6B cascade: capped minutes keep the first cascade from raising the bar', async () => {
    expect(await episodes('AFTERSHOCK')).toEqual([
      { start: iso(at(38)), end: iso(at(42)), totalUsd: 6e9, peakUsdPerMinute: 25e6 },
      { start: iso(at(50)), end: iso(at(51)), totalUsd: 1.8e9, peakUsdPerMinute: 30e6 },
    ]);
  });

  it('finds twin $150M bursts as two episodes when their hot minutes start 16 or 17 minutes apart, and as one $300M episode at 15', async () => {
    for (const asset of ['TWIN16', 'TWIN17']) {
      const apart = asset === 'TWIN16' ? 16 : 17;
      expect(await episodes(asset)).toEqual([
        { start: iso(at(40)), end: iso(at(40, 5)), totalUsd: 150e6, peakUsdPerMinute: 30e6 },
        { start: iso(at(40, 4 + apart)), end: iso(at(40, 9 + apart)), totalUsd: 150e6, peakUsdPerMinute: 30e6 },
      ]);
    }
    const [merged, ...rest] = await episodes('TWIN15');
    expect(rest).toEqual([]);
    expect(merged).toMatchObject({ start: iso(at(40)), end: iso(at(40, 24)), peakUsdPerMinute: 30e6 });
    // The 14 quiet minutes between the bursts are inside the episode and count in its total.
    expect(merged.totalUsd).toBeGreaterThan(300e6);
    expect(merged.totalUsd).toBeLessThan(300e6 + 14 * 218_000 + 1);
  });
});
