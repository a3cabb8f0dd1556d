import { Db } from '../../src/db/sql';
import { ResolvedLiquidationFilter } from '../../src/domains/liquidations/liquidation.filter';
import { findLiquidationBuckets, sumLiquidationsByVenue } from '../../src/domains/liquidations/liquidation.rollup';
import { findLiquidationPage } from '../../src/domains/liquidations/liquidation.service';
import { insertLiquidations } from '../../src/domains/liquidations/liquidation.writer';
import { Interval } from '../../src/domains/shared/enums';
import { bucketRange } from '../../src/domains/shared/series';
import { createTestDatabase, TestDatabase } from '../support/database';
import { FixtureIds, generateEvents, seedRegistry, toRow } from './liquidations.fixture';

/** Plans of the statements the resolvers send, so a lost index shows up in review. */
describe('liquidation statements use their indexes', () => {
  let database: TestDatabase;
  let ids: FixtureIds;
  const noFilter: ResolvedLiquidationFilter = { assetId: null, venueIds: null, side: null, from: null, to: null, minNotionalUsd: null };

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    ids = await seedRegistry(database.db);
    const events = generateEvents(3000, new Date('2025-03-15T00:00:00Z'), 40 * 86400_000);
    await insertLiquidations(database.db, events.map((e, i) => toRow(ids, e, i)));
    await database.db.query('ANALYZE');
  });

  afterAll(() => database.drop());

  /** EXPLAIN of whatever `run` sends, with sequential scans priced out of the planner's reach. */
  async function planOf(run: (db: Db) => Promise<unknown>): Promise<string> {
    return database.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      let plan = '';
      const explaining: Db = {
        ...tx,
        query: async (text, params) => {
          const rows = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, params);
          plan = rows.map((r) => r['QUERY PLAN']).join('\n');
          return [];
        },
      };
      await run(explaining);
      return plan;
    });
  }

  /** The part of a plan below its Limit node: where the rows are found. */
  const belowLimit = (plan: string) => plan.slice(plan.indexOf('Limit'));

  it.each([
    ['every asset, first page', noFilter, null, 'occurred_at_id_idx'],
    ['every asset, after a cursor', noFilter, { occurredAtMicros: '1743379200000000', id: '1500' }, 'occurred_at_id_idx'],
    ['one asset and venue, after a cursor', { ...noFilter, assetId: 1, venueIds: [2] }, { occurredAtMicros: '1743379200000000', id: '1500' }, 'asset_id_occurred_at_id_idx'],
  ])('a page (%s) walks the page index in order, with no sort before the limit', async (_name, filter, after, index) => {
    const plan = belowLimit(await planOf((db) => findLiquidationPage(db, filter, after, 51)));
    expect(plan).toContain(`liquidation_2025_03_${index}`);
    expect(plan).not.toMatch(/Sort  |Seq Scan/);
  });

  it('a page after a cursor skips the partitions newer than the cursor', async () => {
    const plan = await planOf((db) => findLiquidationPage(db, noFilter, { occurredAtMicros: '1742169600000000', id: '9' }, 51));
    expect(plan).toContain('liquidation_2025_03');
    expect(plan).not.toContain('liquidation_2025_04');
    expect(plan).toContain('Subplans Removed: 1');
  });

  it('H1 history reads only the hourly rollup; M15 reads raw events through an index', async () => {
    const range = (interval: Interval) => bucketRange(interval, new Date('2025-03-20T00:00:00Z'), new Date('2025-03-27T00:00:00Z'));
    const hourly = await planOf((db) => findLiquidationBuckets(db, ids.asset.BTC, null, range(Interval.H1)));
    expect(hourly).toContain('liquidation_hourly');
    expect(hourly).not.toMatch(/on liquidation_(20|default)/);
    const raw = await planOf((db) => findLiquidationBuckets(db, ids.asset.BTC, null, range(Interval.M15)));
    expect(raw).toMatch(/liquidation_2025_03_\w*occurred_at_id_idx/);
    expect(raw).not.toContain('liquidation_hourly');
  });

  it('totals by venue over 30 days read raw events only for the partial hours at the ends', async () => {
    const plan = await planOf((db) =>
      sumLiquidationsByVenue(db, { assetId: null, from: new Date('2025-03-16T00:20:00Z'), to: new Date('2025-04-15T10:40:00Z') }),
    );
    expect(plan).toContain('liquidation_hourly');
    expect(plan).not.toContain('Seq Scan');
    // Raw events are bounded to an hour at each end (the index condition carries both bounds).
    expect(plan).toMatch(/Index Cond: \(\(occurred_at >= '2025-03-16 00:20:00\+00'::timestamp with time zone\) AND \(occurred_at < '2025-03-16 01:00:00\+00'/);
  });
});
