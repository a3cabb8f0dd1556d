import { fundingHistoryPlan, intervalFromSpacing, intervalsFromSettlements } from '../../src/ingest/funding-interval';

const hour = 3_600_000;
const at = (hours: number) => new Date(Date.UTC(2024, 5, 1) + hours * hour);

describe('a settled rate\'s funding interval', () => {
  it('is the allowed interval nearest the spacing, ties to the longer', () => {
    expect([1, 2, 4, 8].map((h) => intervalFromSpacing(h * hour))).toEqual([1, 2, 4, 8]);
    expect(intervalFromSpacing(3 * hour)).toBe(4);
    expect(intervalFromSpacing(7 * hour)).toBe(8);
    expect(intervalFromSpacing(10 * hour)).toBe(8);
  });

  it('is not read from a gap of missing settlements, nor from no spacing at all', () => {
    expect(intervalFromSpacing(16 * hour)).toBeNull();
    expect(intervalFromSpacing(0)).toBeNull();
  });

  it('follows the venue across a move from 8 h to 4 h, the first row taking its successor\'s spacing', () => {
    expect(intervalsFromSettlements([at(0), at(8), at(16), at(20), at(24)], null, 4)).toEqual([8, 8, 8, 4, 4]);
  });

  it('takes the previous stored settlement for a page\'s first row, and today\'s interval for a lone row with none', () => {
    expect(intervalsFromSettlements([at(8)], at(0), 4)).toEqual([8]);
    expect(intervalsFromSettlements([at(8)], null, 4)).toEqual([4]);
    // A stored settlement from long before (a gap) is no interval: the next row's spacing is.
    expect(intervalsFromSettlements([at(100), at(101)], at(0), 8)).toEqual([1, 1]);
  });

  it('cuts history so that a page cannot fill at hourly settlements', () => {
    expect(fundingHistoryPlan(200)).toEqual({ sliceMs: 199 * hour, overlapMs: 8 * hour });
    expect(fundingHistoryPlan(1000).sliceMs / hour).toBe(999);
  });
});
