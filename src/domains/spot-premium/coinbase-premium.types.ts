import { Field, Float, ObjectType } from 'type-graphql';
import { bucketStartDescription } from '../shared/series';
import { CoinbasePremiumRow, rateLookBackWords } from './coinbase-premium.service';

/** The three inputs of the premium, as coverage names them. */
export const premiumInputs = (asset: string) => ({ coinbase: `coinbase:${asset}-USD`, binance: `binance-spot:${asset}USDT`, rate: 'coinbase:USDT-USD' });

@ObjectType('CoinbasePremiumCoverage', { description: 'Which of the three inputs of the Coinbase premium had data in the bucket.' })
export class CoinbasePremiumCoverageType {
  @Field(() => [String], {
    description:
      'Inputs with data in the bucket, as `source:product`: `coinbase:<ASSET>-USD` (Coinbase Exchange candles), `binance-spot:<ASSET>USDT` (Binance spot klines), `coinbase:USDT-USD` (the USDT rate; for a bucket with compared closes, listed when a rate was found for them).',
  })
  reportingSources!: string[];

  @Field(() => [String], {
    description:
      'Inputs with nothing in the bucket, the same names: a missing Coinbase or Binance leaves every figure but the other close null; a missing USDT rate leaves premiumBps, usdtUsd and binanceCloseUsd null (premiumAtParBps is still given).',
  })
  missingSources!: string[];

  @Field(() => Date, { nullable: true, description: 'When Cascade recorded the newest input value in the bucket (null when none).' })
  lastRecordedAt!: Date | null;
}

@ObjectType('CoinbasePremiumBucket', {
  description:
    'US spot demand over one bucket: Coinbase Exchange <ASSET>-USD against Binance spot <ASSET>USDT, both closes of the same candle (the latest both venues published in the bucket), Binance converted to USD with the measured USDT price (Coinbase Exchange USDT-USD).',
})
export class CoinbasePremiumBucketType {
  @Field(() => Date, { description: bucketStartDescription })
  start!: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'Start of the candle whose closes are compared: the latest minute in the bucket (the latest day, for D1 and W1 buckets built from daily candles) at which both Coinbase and Binance published a candle. Null when no such candle exists in the bucket.',
  })
  closesAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'Coinbase Exchange <ASSET>-USD close of the candle at closesAt, USD.' })
  coinbaseCloseUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'Binance spot <ASSET>USDT close of the candle at closesAt, USDT (as quoted).' })
  binanceCloseUsdt!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: `USD per 1 USDT at closesAt: the close of the latest Coinbase Exchange USDT-USD candle at or before it (${rateLookBackWords}); null when none is known.`,
  })
  usdtUsd!: number | null;

  @Field(() => Float, { nullable: true, description: 'binanceCloseUsdt × usdtUsd: the Binance close in USD.' })
  binanceCloseUsd!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      '(coinbaseCloseUsd / binanceCloseUsd − 1) × 10,000, basis points: positive = the asset dearer on Coinbase than on Binance, in USD (US spot buying); null unless both closes and the USDT rate are known.',
  })
  premiumBps!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      '(coinbaseCloseUsd / binanceCloseUsdt − 1) × 10,000, basis points, with USDT taken at par (1 USDT = 1 USD), as most public charts of the premium do; differs from premiumBps by about usdtDeviationBps. Null unless both closes are known.',
  })
  premiumAtParBps!: number | null;

  @Field(() => Float, { nullable: true, description: '(usdtUsd − 1) × 10,000, basis points: how far USDT traded from par at closesAt (positive = above 1 USD).' })
  usdtDeviationBps!: number | null;

  @Field(() => CoinbasePremiumCoverageType, { description: 'Which inputs had data in the bucket.' })
  coverage!: CoinbasePremiumCoverageType;
}

/** (a / b − 1) × 10,000, or null without both. */
export function basisPoints(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : (a / b - 1) * 10_000;
}

/** The Binance close in USD: its USDT close × the USD price of USDT, or null without both. */
function binanceCloseUsd(row: CoinbasePremiumRow): number | null {
  return row.binance_close !== null && row.usdt_usd !== null ? row.binance_close * row.usdt_usd : null;
}

/** The premium in basis points, USDT converted at its measured price (the one definition). */
export function premiumBpsOf(row: CoinbasePremiumRow): number | null {
  return basisPoints(row.coinbase_close, binanceCloseUsd(row));
}

/** A service row as the GraphQL bucket: the premium figures are computed here, from the closes. */
export function toCoinbasePremiumBucket(row: CoinbasePremiumRow, asset: string): CoinbasePremiumBucketType {
  const names = premiumInputs(asset);
  const present = [
    [names.coinbase, row.has_coinbase],
    [names.binance, row.has_binance],
    [names.rate, row.has_rate],
  ] as const;
  return Object.assign(new CoinbasePremiumBucketType(), {
    start: row.start,
    closesAt: row.matched_at,
    coinbaseCloseUsd: row.coinbase_close,
    binanceCloseUsdt: row.binance_close,
    usdtUsd: row.usdt_usd,
    binanceCloseUsd: binanceCloseUsd(row),
    premiumBps: premiumBpsOf(row),
    premiumAtParBps: basisPoints(row.coinbase_close, row.binance_close),
    usdtDeviationBps: basisPoints(row.usdt_usd, row.usdt_usd === null ? null : 1),
    coverage: Object.assign(new CoinbasePremiumCoverageType(), {
      reportingSources: present.filter(([, has]) => has).map(([name]) => name),
      missingSources: present.filter(([, has]) => !has).map(([name]) => name),
      lastRecordedAt: row.last_recorded_at,
    }),
  });
}
