import { wilderRsi } from '../../src/domains/signals/rsi';

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
