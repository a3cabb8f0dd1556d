/**
 * The bench's summary statistics (bench/lib/method.mjs): the claims in docs/performance.md rest
 * on them, so the interval maths is checked against values worked out by hand. The module is an
 * ES module outside the compiled tree, so it is run in a child Node process.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

function evaluate<T>(expression: string): T {
  const script = `import * as m from ${JSON.stringify(path.join(root, 'bench/lib/method.mjs'))};\nprocess.stdout.write(JSON.stringify(${expression}));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })) as T;
}

interface Interval {
  n: number;
  median: number;
  low: number;
  high: number;
  coverage: number;
}

describe('bench method: median with an order-statistic interval', () => {
  it('takes [min, max] for the full run (7 rounds, 98 %) and the quick run (5 rounds, 94 %)', () => {
    const seven = evaluate<Interval>('m.medianInterval([1.4, 2.3, 1.6, 1.5, 1.9, 1.7, 1.55])');
    expect(seven).toEqual({ n: 7, median: 1.6, low: 1.4, high: 2.3, coverage: 0.984 });
    const five = evaluate<Interval>('m.medianInterval([3, 1, 2, 5, 4])');
    expect(five).toEqual({ n: 5, median: 3, low: 1, high: 5, coverage: 0.938 });
    // Three rounds cannot reach 90 %: the widest interval is reported with its true coverage.
    const three = evaluate<Interval>('m.medianInterval([1.1, 0.9, 1.0])');
    expect(three).toEqual({ n: 3, median: 1.0, low: 0.9, high: 1.1, coverage: 0.75 });
  });

  it('narrows to inner order statistics once there are enough rounds', () => {
    // n = 20: P(Bin(20, ½) ≤ 5) = 0.0207, so [x(6), x(15)] covers 1 − 2·0.0207 = 0.959 ≥ 90 %,
    // while [x(7), x(14)] covers 1 − 2·P(≤ 6) = 0.885 < 90 %.
    const values = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 … 1, unsorted on purpose
    const interval = evaluate<Interval>(`m.medianInterval(${JSON.stringify(values)})`);
    expect(interval).toEqual({ n: 20, median: 10.5, low: 6, high: 15, coverage: 0.959 });
  });

  it('pairs rounds by index and drops invalid ones', () => {
    const ratios = evaluate<number[]>(
      "m.roundRatios([{ valid: true, rps: 200 }, { valid: false, rps: 0 }, { valid: true, rps: 90 }], [{ valid: true, rps: 100 }, { valid: true, rps: 50 }, { valid: true, rps: 60 }])",
    );
    expect(ratios).toEqual([2, 1.5]);
  });

  it('replays the same server order from the same seed', () => {
    const orders = evaluate<string[][]>(
      "(() => { const a = m.seededRandom(42), b = m.seededRandom(42), s = ['p', 'q', 'r', 's', 't']; return [m.shuffled(s, a), m.shuffled(s, b), m.shuffled(s, a)]; })()",
    );
    expect(orders[0]).toEqual(orders[1]);
    expect([...orders[0]].sort()).toEqual(['p', 'q', 'r', 's', 't']);
    expect(orders[2]).not.toEqual(orders[0]);
  });
});
