import { createHash } from 'node:crypto';
import { cohortSupplyRows, etfFlowRows, exchangeFlowRows } from '../../src/sample/flows';
import { liquidationBatches, liquidationPlan } from '../../src/sample/liquidations';
import { depthRows, fundingRows, markPriceRows, openInterestRows } from '../../src/sample/market';
import { ASSET_SYMBOLS, buildAssetPaths, candleBatches } from '../../src/sample/prices';
import { memoryRegistry } from '../../src/sample/registry';

/** A digest of everything the generator would write, built in memory. */
function scenarioDigest(): string {
  const hash = createHash('sha256');
  // Numbers hashed as raw float64 bytes: exact, and far faster than formatting ~6M floats.
  const feed = (rows: object[]) => {
    if (rows.length === 0) return;
    const keys = Object.keys(rows[0]);
    const numbers = new Float64Array(rows.length * keys.length);
    const texts: string[] = [];
    rows.forEach((row, i) =>
      keys.forEach((key, j) => {
        const value = (row as Record<string, unknown>)[key];
        if (typeof value === 'number') numbers[i * keys.length + j] = value;
        else if (value instanceof Date) numbers[i * keys.length + j] = value.getTime();
        else texts.push(String(value));
      }),
    );
    hash.update(new Uint8Array(numbers.buffer));
    hash.update(texts.join('|'));
  };
  const registry = memoryRegistry();
  const paths = buildAssetPaths();
  for (const asset of ASSET_SYMBOLS) {
    for (const batch of candleBatches(registry.assetId[asset], paths[asset], 50_000)) feed(batch);
    feed(openInterestRows(registry, asset, paths[asset]));
    feed(fundingRows(registry, asset));
    feed(markPriceRows(registry, asset, paths[asset]));
    feed(depthRows(registry, asset, paths[asset]));
  }
  const exchangeFlows = exchangeFlowRows(registry);
  feed(exchangeFlows);
  feed(cohortSupplyRows(registry, exchangeFlows));
  feed(etfFlowRows(registry, paths.BTC));
  for (const batch of liquidationBatches(paths, registry)) feed(batch);
  return hash.digest('hex');
}

function cascadeDay(scale: number) {
  const paths = buildAssetPaths();
  const registry = memoryRegistry();
  const plan = liquidationPlan(paths);
  let events = 0;
  let cascadeUsd = 0;
  let cascadeEvents = 0;
  let largestBatch = 0;
  const from = Date.parse('2025-10-10T00:00:00Z');
  const to = from + 86_400_000;
  for (const batch of liquidationBatches(paths, registry, { scale, plan })) {
    largestBatch = Math.max(largestBatch, batch.length);
    events += batch.length;
    for (const row of batch) {
      const at = row.occurred_at.getTime();
      if (at >= from && at < to) {
        cascadeUsd += row.notional_usd;
        cascadeEvents++;
      }
    }
  }
  return { events, cascadeUsd, cascadeEvents, largestBatch };
}

describe('sample scenario generator', () => {
  it('generates the same scenario on every run', () => {
    expect(scenarioDigest()).toBe(scenarioDigest());
  });

  it('scale 3 triples the liquidation events while 10 October stays at $19B', () => {
    const base = cascadeDay(1);
    const tripled = cascadeDay(3);
    expect(base.events).toBeGreaterThan(100_000);
    expect(base.events).toBeLessThan(200_000);
    expect(tripled.events).toBe(3 * base.events);
    expect(tripled.cascadeEvents).toBe(3 * base.cascadeEvents);
    expect(tripled.cascadeUsd / 19e9).toBeCloseTo(1, 6);
    expect(base.cascadeUsd / 19e9).toBeCloseTo(1, 6);
    // Streamed: memory is bounded by the batch, not by the scale.
    expect(tripled.largestBatch).toBeLessThanOrEqual(25_000);
  });
});
