// The bench's fixed operations on Cascade (bench-design.md) and the normalizers that turn an
// answer into comparable values, so PostGraphile's and the bare server's answers can be checked
// against Cascade's before any load is measured.
import { isDeepStrictEqual } from 'node:util';

export const SCENARIOS = ['a', 'b', 'c', 'd', 'e'];

export const scenarioTitles = {
  a: '(a) venues { slug name }',
  b: '(b) 50 instruments + venue, asset, latest OI and funding',
  c: '(c) liquidationHistory H1, 30 days, BTC',
  d: '(d) liquidations page of 100, BTC longs',
  e: '(e) marketSnapshot BTC',
  f: '(f) (c) at 1M / 10M / 50M events',
};

const documents = {
  a: '{ venues { slug name } }',
  b: 'query B($venue: String!) { instruments(venue: $venue) { symbol venue { slug name } asset { symbol } latestOpenInterest { at openInterestUsd } latestFunding { at rate intervalHours } } }',
  c: 'query C($from: DateTime!, $to: DateTime!) { liquidationHistory(asset: "BTC", interval: H1, from: $from, to: $to) { start longUsd shortUsd count } }',
  d: '{ liquidations(first: 100, filter: { asset: "BTC", side: LONG }) { edges { cursor node { id occurredAt notionalUsd venue { slug } } } pageInfo { hasNextPage endCursor } } }',
  e: 'query E($at: DateTime!) { marketSnapshot(asset: "BTC", at: $at) { priceUsd openInterestUsd openInterestWeightedFunding change24h drawdownFromHigh depthRatio etfNetFlow7dUsd lthSupplyChange30d whaleSupplyChange30d rsi14 liquidations24h { longUsd shortUsd } } }',
};

/** Cascade's request per scenario, from the parameters the runner picked ({ venue, asset, side, from, to, at }). */
export const operations = {
  a: () => ({ query: documents.a, variables: {} }),
  b: (p) => ({ query: documents.b, variables: { venue: p.venue } }),
  c: (p) => ({ query: documents.c, variables: { from: p.from, to: p.to } }),
  d: () => ({ query: documents.d, variables: {} }),
  e: (p) => ({ query: documents.e, variables: { at: p.at } }),
};

// Rules of bench-design.md: ISO-8601 UTC with milliseconds, 6 significant digits, ids as strings.
export const iso = (value) => (value === null || value === undefined ? null : new Date(value).toISOString());
export const num = (value) => {
  if (value === null || value === undefined) return null;
  const rounded = Number(Number(value).toPrecision(6));
  return Object.is(rounded, -0) ? 0 : rounded;
};

function data(body) {
  if (!body || typeof body !== 'object') throw new Error('the answer is not a JSON object');
  if (body.errors?.length) throw new Error(`the answer has errors: ${JSON.stringify(body.errors).slice(0, 300)}`);
  if (!body.data) throw new Error('the answer has no data');
  return body.data;
}

export const normalize = {
  a: (body) => data(body).venues.map((v) => ({ slug: v.slug, name: v.name })).sort((x, y) => x.slug.localeCompare(y.slug)),
  b: (body) =>
    data(body)
      .instruments.map((i) => ({
        symbol: i.symbol,
        venue: { slug: i.venue.slug, name: i.venue.name },
        asset: i.asset.symbol,
        oi: i.latestOpenInterest ? { at: iso(i.latestOpenInterest.at), usd: num(i.latestOpenInterest.openInterestUsd) } : null,
        funding: i.latestFunding ? { at: iso(i.latestFunding.at), rate: num(i.latestFunding.rate), intervalHours: num(i.latestFunding.intervalHours) } : null,
      }))
      .sort((x, y) => x.symbol.localeCompare(y.symbol)),
  c: (body) => data(body).liquidationHistory.map((b) => [iso(b.start), num(b.longUsd), num(b.shortUsd), num(b.count)]),
  d: (body) => {
    const page = data(body).liquidations;
    return {
      rows: page.edges.map((e) => ({ id: String(e.node.id), occurredAt: iso(e.node.occurredAt), notionalUsd: num(e.node.notionalUsd), venue: e.node.venue.slug })),
      hasNextPage: page.pageInfo.hasNextPage,
    };
  },
  e: (body) => {
    const s = data(body).marketSnapshot;
    if (!s) throw new Error('marketSnapshot is null');
    return {
      priceUsd: num(s.priceUsd),
      openInterestUsd: num(s.openInterestUsd),
      openInterestWeightedFunding: num(s.openInterestWeightedFunding),
      change24h: num(s.change24h),
      drawdownFromHigh: num(s.drawdownFromHigh),
      depthRatio: num(s.depthRatio),
      etfNetFlow7dUsd: num(s.etfNetFlow7dUsd),
      lthSupplyChange30d: num(s.lthSupplyChange30d),
      whaleSupplyChange30d: num(s.whaleSupplyChange30d),
      rsi14: num(s.rsi14),
      longUsd24h: num(s.liquidations24h.longUsd),
      shortUsd24h: num(s.liquidations24h.shortUsd),
    };
  },
};

/** Where two normalized answers first differ, or null when they are equal. */
export function firstDifference(expected, actual, path = '$') {
  if (isDeepStrictEqual(expected, actual)) return null;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return `${path}: ${expected.length} items expected, ${actual.length} received`;
    for (let i = 0; i < expected.length; i += 1) {
      const found = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (found) return found;
    }
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object' && !Array.isArray(expected) && !Array.isArray(actual)) {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const found = firstDifference(expected[key], actual[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: expected ${JSON.stringify(expected)?.slice(0, 200)}, received ${JSON.stringify(actual)?.slice(0, 200)}`;
}
