import { startPositioningScenario, PositioningScenario } from './positioning.fixture';

/**
 * Recovery rules on the long/short ratios (src/domains/positioning/positioning.conditions.ts) over
 * what the three connectors stored from the loopback venues, with one reading restated later.
 */
describe('long/short ratios in recovery rules', () => {
  let scenario: PositioningScenario;
  const server = { query: (text: string) => scenario.server.query(text) };

  beforeAll(async () => {
    scenario = await startPositioningScenario();
  });
  afterAll(() => scenario.stop());

  it('a recovery rule reads a venue\'s top-trader ratio: "top-trader long ratio below 1.5" on Binance, refused without a venue or on Bybit', async () => {
    const rule = (venue: string | null) => `{ series: TOP_TRADER_POSITION_LONG_SHORT_RATIO, ${venue ? `venue: "${venue}", ` : ''}comparison: BELOW, value: 1.5 }`;
    const ask = (at: string, venue: string | null) => server.query(`{ recoverySignals(asset: "BTC", at: "${at}", rules: [${rule(venue)}]) { conditions { name value met status } } }`);
    const last = (response: any) => response.data!.recoverySignals.conditions.at(-1);
    // 08:12: the 08:10 reading (1.4038) is the latest; 08:17: the restated 08:15 one (1.5), not below.
    expect(last(await ask('2024-06-10T08:12:00Z', 'binance'))).toMatchObject({ value: 1.4038, met: true, status: 'MET' });
    expect(last(await ask('2024-06-10T08:17:00Z', 'binance'))).toMatchObject({ value: 1.5, met: false, status: 'NOT_MET' });
    // As known before the restatement, the 08:15 reading was 1.3827: below.
    const known = await server.query(`{ recoverySignals(asset: "BTC", at: "2024-06-10T08:17:00Z", knownAt: "${scenario.beforeRevision}", rules: [${rule('binance')}]) { conditions { name value met status } } }`);
    expect(last(known)).toMatchObject({ value: 1.3827, met: true, status: 'MET' });
    // Nothing within 2 hours of the moment: unknown, never met.
    expect(last(await ask('2024-06-10T11:00:00Z', 'binance'))).toMatchObject({ value: null, met: false, status: 'UNKNOWN' });
    for (const venue of [null, 'bybit']) {
      const refused = await ask('2024-06-10T08:12:00Z', venue);
      expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
