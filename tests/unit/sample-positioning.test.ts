import { memoryRegistry } from '../../src/sample/registry';
import { positioningRows } from '../../src/sample/positioning';

/** The sample's positioning story (src/sample/positioning.ts), as the dashboard and the IDE example tell it. */
describe('sample positioning story', () => {
  const registry = memoryRegistry();
  const rows = positioningRows(registry, 'BTC');
  const reading = (venue: 'binance' | 'bybit' | 'okx', kind: string, iso: string, scope?: string) =>
    rows.find((r) => r.venue_id === registry.venueId[venue] && r.kind === kind && r.at.toISOString() === iso && (!scope || r.scope === scope));

  it('holds every published series once per hour: Binance three, Bybit one, OKX three per contract and one for the currency', () => {
    const series = new Set(rows.map((r) => `${r.venue_id}/${r.kind}/${r.scope}/${r.period}`));
    expect(series.size).toBe(8);
    expect([...series].filter((s) => s.includes('/BTC/'))).toEqual([`${registry.venueId.okx}/GLOBAL_ACCOUNTS/BTC/5m`]);
    expect(rows.filter((r) => r.venue_id === registry.venueId.okx).every((r) => r.long_share === null)).toBe(true);
  });

  it('top traders stretch long into 10 October, are flushed by the cascade, and sit under 1.5 by 21 November', () => {
    const before = reading('binance', 'TOP_TRADER_POSITIONS', '2025-10-10T20:00:00.000Z')!.long_short_ratio;
    const september = reading('binance', 'TOP_TRADER_POSITIONS', '2025-09-01T00:00:00.000Z')!.long_short_ratio;
    const after = reading('binance', 'TOP_TRADER_POSITIONS', '2025-10-10T23:00:00.000Z')!.long_short_ratio;
    const end = reading('binance', 'TOP_TRADER_POSITIONS', '2025-11-21T23:00:00.000Z')!.long_short_ratio;
    expect(september).toBeLessThan(1.4);
    expect(before).toBeGreaterThan(2.1);
    expect(after).toBeLessThan(1.2);
    expect(end).toBeLessThan(1.5);
    expect(end).toBeGreaterThan(after);
  });

  it('retail accounts buy the dip: the global account ratio jumps after the cascade while top traders cut', () => {
    const before = reading('binance', 'GLOBAL_ACCOUNTS', '2025-10-10T20:00:00.000Z')!.long_short_ratio;
    const after = reading('binance', 'GLOBAL_ACCOUNTS', '2025-10-10T23:00:00.000Z')!.long_short_ratio;
    expect(after).toBeGreaterThan(2.3);
    expect(after).toBeGreaterThan(before * 1.5);
  });

  it('prints shares the way the venues do: 4 decimals summing to 1, the ratio from them', () => {
    for (const row of rows.filter((r) => r.long_share !== null).slice(0, 500)) {
      expect(row.long_share! + row.short_share!).toBeCloseTo(1, 10);
      expect(row.long_short_ratio).toBeCloseTo(row.long_share! / row.short_share!, 4);
    }
  });
});
