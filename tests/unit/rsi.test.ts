import { onWilderSteps, rsiAt, wilderRsi } from '../../src/domains/signals/rsi';

describe("Wilder's RSI", () => {
  it('matches the worked example: seed by simple means, then smoothing', () => {
    // 15 closes give 14 changes: +1 ×11 and −1 ×3 → avg gain 11/14, avg loss 3/14 → RSI = 100 − 100 / (1 + 11/3) = 78.57.
    const closes = [10, 11, 12, 13, 14, 15, 14, 15, 16, 15, 16, 17, 16, 17, 18];
    expect(wilderRsi(closes)).toBeCloseTo(100 - 100 / (1 + 11 / 3), 10);
    // One more close, down 2: gain = (11/14 × 13 + 0) / 14, loss = (3/14 × 13 + 2) / 14.
    const gain = ((11 / 14) * 13) / 14;
    const loss = ((3 / 14) * 13 + 2) / 14;
    expect(wilderRsi([...closes, 16])).toBeCloseTo(100 - 100 / (1 + gain / loss), 10);
  });

  it('is null with too few closes, 100 with no losses and 50 when flat', () => {
    expect(wilderRsi([1, 2, 3])).toBeNull();
    expect(wilderRsi(Array.from({ length: 20 }, (_, i) => i + 1))).toBe(100);
    expect(wilderRsi(Array.from({ length: 20 }, () => 5))).toBe(50);
  });
});

describe('RSI at instants (rsiAt), one pass', () => {
  const dayMs = 86_400_000;
  const start = Date.parse('2025-01-01T00:00:00Z');
  // A generated close series: a slow wave with a trend, so gains and losses both occur.
  const closes = Array.from({ length: 60 }, (_, i) => ({ start: new Date(start + i * dayMs), close: 100 + 10 * Math.sin(i / 3) + i / 4 }));
  const points = Array.from({ length: 500 }, (_, i) => ({ at: new Date(start + 10 * dayMs + i * 2 * 3_600_000), price: 100 + 8 * Math.cos(i / 20) }));

  it('equals the textbook RSI of the closes closed by each instant followed by its price', () => {
    const values = rsiAt(closes, points);
    points.forEach(({ at, price }, i) => {
      const closed = closes.filter((c) => c.start.getTime() + dayMs <= at.getTime()).map((c) => c.close);
      const expected = wilderRsi([...closed, price]);
      if (expected === null) expect(values[i]).toBeNull();
      else expect(values[i]).toBeCloseTo(expected, 10);
    });
    expect(values.filter((v) => v === null).length).toBeGreaterThan(0);
    expect(values.filter((v) => v !== null).length).toBeGreaterThan(400);
  });

  it('takes one Wilder step per close folded in and one per instant', () => {
    let steps = 0;
    const stop = onWilderSteps((n) => (steps += n));
    rsiAt(closes, points);
    stop();
    const lastAt = points[points.length - 1].at.getTime();
    expect(steps).toBe(closes.filter((c) => c.start.getTime() + dayMs <= lastAt).length + points.length);
  });

  it('is null for an instant without a price', () => {
    expect(rsiAt(closes, [{ at: new Date(start + 40 * dayMs), price: null }])).toEqual([null]);
  });
});
