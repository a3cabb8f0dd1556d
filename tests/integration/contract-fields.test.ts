import { buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { contractCopy } from '../contract/contract';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

/** One operation per root field of the contract, run over HTTP against the sample scenario. */
const operations: Record<string, string> = {
  assets: `{ assets { id symbol name priceUsd etfs { ticker } cohorts { slug } } }`,
  asset: `{ asset(symbol: "BTC") { symbol candles(interval: D1, from: "2025-10-01T00:00:00Z", to: "2025-10-08T00:00:00Z") { start open high low close volumeUsd }
             instruments(venue: "deribit") { symbol marginType contractSize } } }`,
  venues: `{ venues(kind: CEX) { slug name kind instruments(asset: "BTC") { symbol } } }`,
  venue: `{ venue(slug: "hyperliquid") { slug kind } }`,
  instruments: `{ instruments(asset: "BTC", contractType: PERPETUAL) { symbol venue { slug } asset { symbol } fundingIntervalHours
                  latestOpenInterest { at openInterestUsd } latestFunding { at rate intervalHours annualizedRate } } }`,
  liquidations: `{ liquidations(filter: { asset: "BTC", side: LONG }, first: 5) { edges { cursor node { id side notionalUsd occurredAt origin venue { slug } instrument { symbol } asset { symbol } } } pageInfo { hasNextPage endCursor } } }`,
  liquidationTotalsByVenue: `{ liquidationTotalsByVenue(from: "2025-10-10T00:00:00Z", to: "2025-10-11T00:00:00Z") { venue { slug } longUsd shortUsd totalUsd count longShare } }`,
  liquidationHistory: `{ liquidationHistory(asset: "BTC", interval: H1, from: "2025-10-10T00:00:00Z", to: "2025-10-11T00:00:00Z") { start longUsd shortUsd totalUsd count longShare } }`,
  openInterestHistory: `{ openInterestHistory(asset: "BTC", interval: D1, from: "2025-10-01T00:00:00Z", to: "2025-10-15T00:00:00Z") { start openInterestUsd } }`,
  fundingHistory: `{ fundingHistory(asset: "BTC", venues: ["binance", "hyperliquid"], interval: D1, from: "2025-10-01T00:00:00Z", to: "2025-10-15T00:00:00Z") { start averageRate openInterestWeightedRate } }`,
  marketDepthHistory: `{ marketDepthHistory(asset: "BTC", interval: H1, from: "2025-10-10T18:00:00Z", to: "2025-10-11T00:00:00Z", band: 0.01) { start bidUsd askUsd } }`,
  etfs: `{ etfs(asset: "BTC", region: "HK") { ticker name issuer region asset { symbol } flows(from: "2025-11-01", to: "2025-11-08") { date netFlowUsd holdings etf { ticker } } } }`,
  etfFlowHistory: `{ etfFlowHistory(asset: "BTC", interval: W1, from: "2025-09-01T00:00:00Z", to: "2025-11-24T00:00:00Z") { start netFlowUsd } }`,
  holderCohorts: `{ holderCohorts(asset: "BTC") { slug name definition asset { symbol } } }`,
  cohortSupplyHistory: `{ cohortSupplyHistory(asset: "BTC", cohort: "LTH", interval: W1, from: "2025-09-01T00:00:00Z", to: "2025-11-24T00:00:00Z") { start supply change } }`,
  exchangeFlowHistory: `{ exchangeFlowHistory(asset: "BTC", interval: D1, from: "2025-10-05T00:00:00Z", to: "2025-10-15T00:00:00Z") { start inflow outflow netflow } }`,
  marketSnapshot: `{ marketSnapshot(asset: "BTC", at: "2025-11-21T23:59:00Z") { asset { symbol } asOf priceUsd change24h drawdownFromHigh rsi14 openInterestUsd
                     openInterestWeightedFunding liquidations24h { longUsd shortUsd totalUsd count longShare } etfNetFlow7dUsd lthSupplyChange30d
                     whaleSupplyChange30d exchangeNetflow7d depthRatio } }`,
  recoverySignals: `{ recoverySignals(asset: "BTC", at: "2025-11-21T23:59:00Z", thresholds: { rsiOversold: 30 }) { asOf allMet conditions { name value threshold met } } }`,
  ingestionStatus: `{ ingestionStatus { source dataset lastSuccessAt lastErrorAt lastError rowsLast24h } }`,
};

describe('every root field of the contract', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('sample');
    server = await startTestServer(database.db);
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('has an operation here for each contract query field', () => {
    const contract = buildSchema(readFileSync(contractCopy, 'utf8'));
    expect(Object.keys(operations).sort()).toEqual(Object.keys(contract.getQueryType()!.getFields()).sort());
  });

  it.each(Object.entries(operations))('%s answers over HTTP with data and no errors', async (field, operation) => {
    const response = await server.query(operation);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    const value = response.data![field];
    expect(value).toBeDefined();
    if (field !== 'ingestionStatus') {
      // The sample scenario has data for every field; an empty answer would hide a broken query.
      expect(Array.isArray(value) ? value.length : value).toBeTruthy();
    }
  });
});
