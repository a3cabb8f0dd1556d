import { conditionSeries, publishingVenues } from '../../src/domains/signals/condition-series';
import { ConditionSeries } from '../../src/domains/signals/condition.types';
import { buildCascadeSchema } from '../../src/app/schema';
import { GraphQLEnumType } from 'graphql';

/** The series registry behind `rules`: one entry per series, and the schema follows from it. */
describe('condition series registry', () => {
  it('has one well-formed entry per series', () => {
    const names = conditionSeries.map((e) => e.series);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of conditionSeries) {
      expect(entry.series).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(entry.unit.trim()).not.toBe('');
      expect(entry.description.length).toBeGreaterThan(40);
      expect(entry.missingBecause.trim()).not.toBe('');
      // A series read per venue names the venues that publish it; one without an aggregate must have some.
      if (entry.publishedBy !== null) expect(publishingVenues(entry).length).toBeGreaterThan(0);
      if (!entry.aggregate) expect(entry.publishedBy).not.toBeNull();
      if (entry.range?.min !== undefined && entry.range.max !== undefined) expect(entry.range.min).toBeLessThan(entry.range.max);
    }
  });

  it("takes the venues of a dataset from the data-source catalog", () => {
    const openInterest = conditionSeries.find((e) => e.series === 'OPEN_INTEREST_USD')!;
    expect(publishingVenues(openInterest)).toEqual(['binance', 'bybit', 'deribit', 'hyperliquid', 'okx']);
    expect(publishingVenues(conditionSeries.find((e) => e.series === 'RSI_14')!)).toEqual([]);
  });

  it('serves every entry as a ConditionSeries value described with its unit and venues', () => {
    expect(Object.keys(ConditionSeries)).toEqual(conditionSeries.map((e) => e.series));
    const type = buildCascadeSchema().getType('ConditionSeries') as GraphQLEnumType;
    expect(type.getValues().map((v) => v.name)).toEqual(conditionSeries.map((e) => e.series));
    const openInterest = type.getValue('OPEN_INTEREST_USD')!;
    expect(openInterest.description).toContain('Unit: USD.');
    expect(openInterest.description).toContain('Per venue: binance, bybit, deribit, hyperliquid, okx; or the aggregate');
    expect(type.getValue('ETF_NET_FLOW_7D_USD')!.description).toContain('A figure of the asset: no venue.');
  });
});
