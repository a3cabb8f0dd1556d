import { loadSampleScenario } from '../../src/sample/load';
import { createTestDatabase, TestDatabase } from '../support/database';
import { wilderRsiSeries } from '../support/wilder';

describe('sample scenario', () => {
  let database: TestDatabase;
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await database.db.query(sql, params)) as T[];

  beforeAll(async () => {
    database = await createTestDatabase('sample');
  });
  afterAll(async () => {
    await database.drop();
  });

  describe('prices', () => {
    let closes: Array<{ day: string; close: number }>;
    beforeAll(async () => {
      closes = await q(`SELECT to_char(start AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, close FROM candle c JOIN asset a ON a.id = c.asset_id
        WHERE a.symbol = 'BTC' AND resolution = 'D1' ORDER BY start`);
    });

    it('BTC closes highest on 6 October near $126k and under $99k on 21 November', () => {
      const peak = closes.reduce((best, c) => (c.close > best.close ? c : best));
      expect(peak.day).toBe('2025-10-06');
      expect(peak.close).toBeCloseTo(126_000, -2);
      expect(closes.find((c) => c.day === '2025-11-21')!.close).toBeLessThan(99_000);
      expect(closes[0].day).toBe('2025-09-01');
      expect(closes).toHaveLength(82);
    });

    it("BTC's 14-day Wilder RSI is under 30 on 20 and 21 November", () => {
      const rsi = wilderRsiSeries(closes.map((c) => c.close));
      const at = (day: string) => rsi[closes.findIndex((c) => c.day === day)];
      expect(at('2025-11-20')).toBeLessThan(30);
      expect(at('2025-11-21')).toBeLessThan(30);
    });

    it('has a minute candle for every minute and daily candles folded from them', async () => {
      const [counts] = await q<{ m1: string; assets: string }>(`SELECT count(*) AS m1, count(DISTINCT asset_id) AS assets FROM candle WHERE resolution = 'M1'`);
      expect(Number(counts.m1)).toBe(3 * 82 * 1440);
      const [mismatch] = await q<{ n: string }>(`
        WITH folded AS (
          SELECT asset_id, date_trunc('day', start, 'UTC') AS day, max(high) AS high, min(low) AS low, sum(volume_usd) AS volume,
                 (array_agg(open ORDER BY start))[1] AS open, (array_agg(close ORDER BY start DESC))[1] AS close
          FROM candle WHERE resolution = 'M1' GROUP BY 1, 2)
        SELECT count(*) AS n FROM folded f JOIN candle d ON d.asset_id = f.asset_id AND d.resolution = 'D1' AND d.start = f.day
        WHERE d.open <> f.open OR d.close <> f.close OR d.high <> f.high OR d.low <> f.low OR abs(d.volume_usd - f.volume) > 1`);
      expect(Number(mismatch.n)).toBe(0);
    });
  });

  describe('liquidations', () => {
    const dayTotals = (day: string) =>
      q<{ symbol: string; usd: number; long_usd: number }>(`SELECT a.symbol, sum(notional_usd) AS usd, sum(notional_usd) FILTER (WHERE side = 'LONG') AS long_usd
        FROM liquidation l JOIN asset a ON a.id = l.asset_id WHERE occurred_at >= $1::date AND occurred_at < $1::date + 1 GROUP BY a.symbol`, [day]);
    const hourly = (day: string) =>
      q<{ hour: number; usd: number }>(`SELECT extract(hour FROM occurred_at AT TIME ZONE 'UTC')::int AS hour, sum(notional_usd) AS usd
        FROM liquidation WHERE occurred_at >= $1::date AND occurred_at < $1::date + 1 GROUP BY 1 ORDER BY usd DESC`, [day]);

    it('10 October totals $19B, 80 % longs overall and for each asset', async () => {
      const rows = await dayTotals('2025-10-10');
      const total = rows.reduce((s, r) => s + r.usd, 0);
      const longs = rows.reduce((s, r) => s + r.long_usd, 0);
      expect(Math.abs(total / 19e9 - 1)).toBeLessThan(0.02);
      expect(Math.abs(longs / total - 0.8)).toBeLessThan(0.02);
      expect(rows.map((r) => r.symbol).sort()).toEqual(['BTC', 'ETH', 'SOL']);
      for (const r of rows) expect(Math.abs(r.long_usd / r.usd - 0.8)).toBeLessThan(0.03);
    });

    it('the cascade peaks in the 21:00 UTC hour, most of the day inside 20:00–23:00', async () => {
      const hours = await hourly('2025-10-10');
      const total = hours.reduce((s, h) => s + h.usd, 0);
      expect(hours[0].hour).toBe(21);
      const evening = hours.filter((h) => h.hour >= 20 && h.hour < 23).reduce((s, h) => s + h.usd, 0);
      expect(evening / total).toBeGreaterThan(0.7);
    });

    it('4 November totals $2.1B, concentrated within one hour', async () => {
      const hours = await hourly('2025-11-04');
      const total = hours.reduce((s, h) => s + h.usd, 0);
      expect(Math.abs(total / 2.1e9 - 1)).toBeLessThan(0.05);
      expect(hours[0].usd / total).toBeGreaterThan(0.6);
    });

    it('ordinary days stay between $100M and $600M across all assets', async () => {
      const days = await q<{ day: string; usd: number }>(`SELECT to_char(date_trunc('day', occurred_at, 'UTC'), 'YYYY-MM-DD') AS day, sum(notional_usd) AS usd
        FROM liquidation GROUP BY 1 ORDER BY 1`);
      const ordinary = days.filter((d) => d.day !== '2025-10-10' && d.day !== '2025-11-04');
      expect(ordinary).toHaveLength(80);
      for (const d of ordinary) {
        expect(d.usd).toBeGreaterThan(100e6);
        expect(d.usd).toBeLessThan(600e6);
      }
    });

    it('has a heavy tail of sizes, venue price kinds, and at most one Binance event per symbol per second', async () => {
      const [sizes] = await q<{ n: string; median: number; p999: number }>(`SELECT count(*) AS n,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY notional_usd) AS median, percentile_cont(0.999) WITHIN GROUP (ORDER BY notional_usd) AS p999 FROM liquidation`);
      expect(Number(sizes.n)).toBeGreaterThan(100_000);
      expect(sizes.p999 / sizes.median).toBeGreaterThan(50);
      const kinds = await q<{ slug: string; kinds: string[] }>(`SELECT v.slug, array_agg(DISTINCT price_kind) AS kinds FROM liquidation l JOIN venue v ON v.id = l.venue_id GROUP BY 1 ORDER BY 1`);
      expect(Object.fromEntries(kinds.map((k) => [k.slug, k.kinds]))).toMatchObject({ binance: ['FILL'], bybit: ['BANKRUPTCY'], okx: ['BANKRUPTCY'] });
      const [crowded] = await q<{ n: string }>(`SELECT count(*) AS n FROM (SELECT instrument_id, date_trunc('second', occurred_at) FROM liquidation l
        JOIN venue v ON v.id = l.venue_id WHERE v.slug = 'binance' GROUP BY 1, 2 HAVING count(*) > 1) s`);
      expect(Number(crowded.n)).toBe(0);
    });
  });

  describe('derivatives market', () => {
    const btcOi = () =>
      q<{ at: Date; usd: number }>(`SELECT at, sum(open_interest_usd) AS usd FROM open_interest o JOIN asset a ON a.id = o.asset_id
        WHERE a.symbol = 'BTC' GROUP BY at ORDER BY at`);

    it('BTC open interest starts near $60B, peaks in early October, loses ≥20 % over 10–11 October, ends above $30B', async () => {
      const series = await btcOi();
      const day = (r: { at: Date }) => r.at.toISOString().slice(0, 10);
      expect(series[0].usd).toBeGreaterThan(55e9);
      expect(series[0].usd).toBeLessThan(65e9);
      const peak = series.reduce((best, r) => (r.usd > best.usd ? r : best));
      expect(day(peak) >= '2025-10-01' && day(peak) <= '2025-10-10').toBe(true);
      const before = Math.max(...series.filter((r) => day(r) === '2025-10-10').map((r) => r.usd));
      const after = Math.min(...series.filter((r) => day(r) === '2025-10-11').map((r) => r.usd));
      expect(after / before).toBeLessThanOrEqual(0.8);
      expect(series.filter((r) => day(r) === '2025-11-21').every((r) => r.usd > 30e9)).toBe(true);
    });

    it("funding arrives at each instrument's interval, hot before the crash and negative after it", async () => {
      const intervals = await q<{ symbol: string; slug: string; interval_hours: number; spacing: number }>(`SELECT i.symbol, v.slug, f.interval_hours,
        (extract(epoch FROM max(f.at) - min(f.at)) / 3600 / (count(*) - 1))::float8 AS spacing FROM funding_rate f JOIN instrument i ON i.id = f.instrument_id
        JOIN venue v ON v.id = i.venue_id GROUP BY 1, 2, 3`);
      expect(intervals.find((r) => r.slug === 'hyperliquid' && r.symbol === 'BTC')).toMatchObject({ interval_hours: 1, spacing: 1 });
      expect(intervals.find((r) => r.slug === 'binance' && r.symbol === 'SOLUSDT')).toMatchObject({ interval_hours: 4, spacing: 4 });
      expect(intervals.find((r) => r.slug === 'binance' && r.symbol === 'BTCUSDT')).toMatchObject({ interval_hours: 8, spacing: 8 });
      const rate = async (at: string) =>
        (await q<{ rate: number }>(`SELECT avg(f.rate) AS rate FROM funding_rate f JOIN instrument i ON i.id = f.instrument_id JOIN venue v ON v.id = i.venue_id
          WHERE v.slug = 'binance' AND i.symbol = 'BTCUSDT' AND f.at = $1`, [at]))[0].rate;
      expect(await rate('2025-10-10T16:00:00Z')).toBeGreaterThan(0.0002);
      expect(await rate('2025-10-11T00:00:00Z')).toBeLessThan(0);
    });

    it('Hyperliquid marks dislocate several percent below other venues during the cascade', async () => {
      const [gap] = await q<{ gap: number }>(`SELECT min(hl.mark_price / bn.mark_price) - 1 AS gap
        FROM mark_price hl JOIN instrument hi ON hi.id = hl.instrument_id JOIN venue hv ON hv.id = hi.venue_id
        JOIN mark_price bn ON bn.at = hl.at JOIN instrument bi ON bi.id = bn.instrument_id JOIN venue bv ON bv.id = bi.venue_id
        WHERE hv.slug = 'hyperliquid' AND hi.symbol = 'BTC' AND bv.slug = 'binance' AND bi.symbol = 'BTCUSDT'
          AND hl.at >= '2025-10-10T21:00Z' AND hl.at < '2025-10-10T22:00Z'`);
      expect(gap.gap).toBeLessThan(-0.03);
      const [minutes] = await q<{ n: string }>(`SELECT count(DISTINCT at) AS n FROM mark_price WHERE at >= '2025-10-10T20:00Z' AND at < '2025-10-10T23:00Z'`);
      expect(Number(minutes.n)).toBe(180);
    });

    it('BTC ±2 % depth falls to about 5 % of its 30-day median on every venue at 21:00 on 10 October', async () => {
      const ratios = await q<{ slug: string; ratio: number }>(`
        WITH hourly AS (
          SELECT v.slug, d.at, sum(d.bid_usd_2pct + d.ask_usd_2pct) AS usd FROM order_book_depth d
          JOIN instrument i ON i.id = d.instrument_id JOIN venue v ON v.id = i.venue_id JOIN asset a ON a.id = d.asset_id
          WHERE a.symbol = 'BTC' GROUP BY 1, 2)
        SELECT slug, max(usd) FILTER (WHERE at = '2025-10-10T21:00Z') /
          percentile_cont(0.5) WITHIN GROUP (ORDER BY usd) FILTER (WHERE at >= '2025-09-10T21:00Z' AND at < '2025-10-10T21:00Z') AS ratio
        FROM hourly GROUP BY slug ORDER BY slug`);
      expect(ratios.map((r) => r.slug)).toEqual(['binance', 'bybit', 'deribit', 'hyperliquid', 'okx']);
      for (const r of ratios) expect(r.ratio).toBeCloseTo(0.05, 3);
    });
  });

  describe('flows and holders', () => {
    it('no Monday–Sunday week of US ETF flows reaches +$5B, November is net negative, Hong Kong funds exist', async () => {
      const [us] = await q<{ week_max: number; november: number; days: string }>(`
        WITH f AS (SELECT day, net_flow_usd FROM etf_flow JOIN etf ON etf.id = etf_flow.etf_id WHERE etf.region = 'US')
        SELECT (SELECT max(s) FROM (SELECT sum(net_flow_usd) AS s FROM f GROUP BY date_trunc('week', day)) w) AS week_max,
               (SELECT sum(net_flow_usd) FROM f WHERE day >= '2025-11-01' AND day < '2025-12-01') AS november,
               (SELECT min(day)::text FROM f) AS days`);
      expect(us.week_max).toBeLessThan(5e9);
      expect(us.week_max).toBeGreaterThan(2e9);
      expect(us.november).toBeLessThan(0);
      expect(us.days).toBe('2025-06-02');
      const etfs = await q<{ ticker: string; region: string }>(`SELECT ticker, region FROM etf ORDER BY region, ticker`);
      expect(etfs.filter((e) => e.region === 'HK').map((e) => e.ticker)).toEqual(['3008', '3042', '3439']);
      expect(etfs.filter((e) => e.region === 'US').map((e) => e.ticker)).toEqual(
        expect.arrayContaining(['IBIT', 'FBTC', 'GBTC', 'ARKB', 'BITB', 'BTCO', 'EZBC', 'BRRR', 'HODL', 'BTCW', 'BTC']),
      );
    });

    it('long-term holders sold over the last 30 days while whales reached a four-month high in November', async () => {
      const supply = async (slug: string) =>
        q<{ day: string; supply: number }>(`SELECT day::text, supply FROM cohort_supply s JOIN holder_cohort c ON c.id = s.cohort_id WHERE c.slug = $1 ORDER BY day`, [slug]);
      const lth = await supply('LTH');
      const lthOn = (day: string) => lth.find((r) => r.day === day)!.supply;
      expect(lthOn('2025-11-21')).toBeLessThan(lthOn('2025-10-22'));
      const whales = (await supply('WHALES')).filter((r) => r.day >= '2025-07-21');
      const top = whales.reduce((best, r) => (r.supply > best.supply ? r : best));
      expect(top.day.startsWith('2025-11')).toBe(true);
    });

    it('coins flowed onto exchanges around 10 October', async () => {
      const rows = await q<{ day: string; net: number }>(`SELECT day::text, inflow - outflow AS net FROM exchange_flow WHERE day BETWEEN '2025-10-09' AND '2025-10-12' ORDER BY day`);
      expect(rows.find((r) => r.day === '2025-10-10')!.net).toBeGreaterThan(0);
      expect(rows.reduce((s, r) => s + r.net, 0)).toBeGreaterThan(0);
    });
  });

  it('loading again adds no rows, whether skipped or forced through every writer', async () => {
    const counts = () => q(`SELECT (SELECT count(*) FROM candle) c, (SELECT count(*) FROM liquidation) l, (SELECT sum(event_count) FROM liquidation_hourly) h,
      (SELECT count(*) FROM open_interest) o, (SELECT count(*) FROM candle_revision) r, (SELECT count(*) FROM etf_flow) e, (SELECT count(*) FROM instrument) i`);
    const before = await counts();
    await loadSampleScenario(database.db);
    expect(await counts()).toEqual(before);
    await loadSampleScenario(database.db, { force: true });
    expect(await counts()).toEqual(before);
  }, 240_000);
});
