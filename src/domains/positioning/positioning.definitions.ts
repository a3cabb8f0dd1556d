import { registerEnumType } from 'type-graphql';

/**
 * What a long/short ratio counts. The venues publish different things under the same name —
 * accounts or positions, every user or a venue-chosen top slice — so each definition is its own
 * series and none is ever averaged with another, or across venues (docs/analytics.md,
 * "Positioning").
 */
export enum LongShortRatioDefinition {
  GLOBAL_ACCOUNTS = 'GLOBAL_ACCOUNTS',
  TOP_TRADER_ACCOUNTS = 'TOP_TRADER_ACCOUNTS',
  TOP_TRADER_POSITIONS = 'TOP_TRADER_POSITIONS',
}

registerEnumType(LongShortRatioDefinition, {
  name: 'LongShortRatioDefinition',
  description:
    'Which long/short ratio a venue publishes. Accounts count holders (one per account, whatever its size); positions weigh by position size. Top traders are a slice each venue chooses its own way (Binance: the top 20 % of users by margin balance; OKX: the top 5 % by open position value), so the same definition is still not the same population on two venues.',
  valuesConfig: {
    GLOBAL_ACCOUNTS: {
      description:
        "Every account holding a position: long share = accounts net long / accounts with a position, short share likewise, ratio = long share / short share. Binance globalLongShortAccountRatio (per symbol), Bybit account-ratio (buyRatio / sellRatio: holders with long positions / all holders, per symbol), OKX long-short-account-ratio-contract (per contract) and long-short-account-ratio (users net long vs net short across the currency's futures and perpetuals; instrument is the currency).",
    },
    TOP_TRADER_ACCOUNTS: {
      description:
        "Top traders' accounts, each counted once: long share = top-trader accounts net long / top-trader accounts with a position. Binance topLongShortAccountRatio (top 20 % of users by margin balance), OKX long-short-account-ratio-contract-top-trader (top 5 % of traders by open position value). Bybit publishes none.",
    },
    TOP_TRADER_POSITIONS: {
      description:
        "Top traders' positions weighed by size: long share = long positions of top traders / their total open positions, ratio = long share / short share. Binance topLongShortPositionRatio (top 20 % by margin balance), OKX long-short-position-ratio-contract-top-trader (top 5 % by open position value). Bybit publishes none.",
    },
  },
});

export const longShortRatioDefinitions = Object.values(LongShortRatioDefinition);

/** One published series: its endpoint, exact wording and the period Cascade reads it at. */
export interface PublishedRatio {
  venue: string;
  definition: LongShortRatioDefinition;
  /** CONTRACT: one series per symbol; CURRENCY: one for the asset across its contracts (OKX). */
  scope: 'CONTRACT' | 'CURRENCY';
  endpoint: string;
  /** The venue's period value Cascade asks for: the finest each serves. */
  period: string;
  /** The venue's definition, in our words, as the documentation page gives it. */
  meaning: string;
  /** What the venue publishes beside the ratio. */
  sharesPublished: boolean;
}

export const publishedRatios: PublishedRatio[] = [
  {
    venue: 'binance', definition: LongShortRatioDefinition.GLOBAL_ACCOUNTS, scope: 'CONTRACT', endpoint: 'GET /futures/data/globalLongShortAccountRatio', period: '5m', sharesPublished: true,
    meaning: 'Binance USDⓈ-M, all traders of the symbol: longAccount = share of accounts net long, shortAccount = share net short, longShortRatio = longAccount / shortAccount. Latest 30 days only.',
  },
  {
    venue: 'binance', definition: LongShortRatioDefinition.TOP_TRADER_ACCOUNTS, scope: 'CONTRACT', endpoint: 'GET /futures/data/topLongShortAccountRatio', period: '5m', sharesPublished: true,
    meaning: 'Binance USDⓈ-M, the top 20 % of users by margin balance, each account counted once: longAccount = their accounts net long / their accounts with open positions, shortAccount likewise, longShortRatio = longAccount / shortAccount. Latest 30 days only.',
  },
  {
    venue: 'binance', definition: LongShortRatioDefinition.TOP_TRADER_POSITIONS, scope: 'CONTRACT', endpoint: 'GET /futures/data/topLongShortPositionRatio', period: '5m', sharesPublished: true,
    meaning: "Binance USDⓈ-M, the top 20 % of users by margin balance, by position: long share = their long positions / their total open positions, short share likewise, longShortRatio = long / short. Latest 30 days only.",
  },
  {
    venue: 'bybit', definition: LongShortRatioDefinition.GLOBAL_ACCOUNTS, scope: 'CONTRACT', endpoint: 'GET /v5/market/account-ratio?category=linear', period: '5min', sharesPublished: true,
    meaning: 'Bybit linear (USDT) contract, all position holders: buyRatio = holders with long positions / all holders, sellRatio = holders with short positions / all holders; Bybit publishes no ratio, Cascade stores buyRatio / sellRatio (the documented "long-short account ratio").',
  },
  {
    venue: 'okx', definition: LongShortRatioDefinition.GLOBAL_ACCOUNTS, scope: 'CONTRACT', endpoint: 'GET /api/v5/rubik/stat/contracts/long-short-account-ratio-contract', period: '5m', sharesPublished: false,
    meaning: "OKX, all traders of the contract: the account long/short ratio (longShortAcctRatio), accounts net long / accounts net short; no shares published. The latest 1,440 readings only.",
  },
  {
    venue: 'okx', definition: LongShortRatioDefinition.GLOBAL_ACCOUNTS, scope: 'CURRENCY', endpoint: 'GET /api/v5/rubik/stat/contracts/long-short-account-ratio', period: '5m', sharesPublished: false,
    meaning: "OKX, every user with a net position in the currency's expiry futures and perpetual swaps together: users net long / users net short; no shares published. At 5m, the latest two days only.",
  },
  {
    venue: 'okx', definition: LongShortRatioDefinition.TOP_TRADER_ACCOUNTS, scope: 'CONTRACT', endpoint: 'GET /api/v5/rubik/stat/contracts/long-short-account-ratio-contract-top-trader', period: '5m', sharesPublished: false,
    meaning: 'OKX, the top 5 % of traders of the contract by open position value: their accounts net long / net short (longShortAcctRatio); no shares published. The latest 1,440 readings only.',
  },
  {
    venue: 'okx', definition: LongShortRatioDefinition.TOP_TRADER_POSITIONS, scope: 'CONTRACT', endpoint: 'GET /api/v5/rubik/stat/contracts/long-short-position-ratio-contract-top-trader', period: '5m', sharesPublished: false,
    meaning: 'OKX, the top 5 % of traders of the contract by open position value: their long positions / their short positions (longShortPosRatio); no shares published. The latest 1,440 readings only.',
  },
];

/** The periods served (each venue's 5-minute value): a reading of another period is another series. */
export const servedPeriods = [...new Set(publishedRatios.map((p) => p.period))];

/** The published series of a venue and definition (an empty list: the venue publishes none). */
export function publishedBy(venue: string, definition: LongShortRatioDefinition): PublishedRatio[] {
  return publishedRatios.filter((p) => p.venue === venue && p.definition === definition);
}

/** The entry a stored series belongs to: a currency-wide scope is the asset's ticker. */
export function publishedFor(venue: string, definition: LongShortRatioDefinition, scope: string, assetSymbol: string): PublishedRatio | undefined {
  const candidates = publishedBy(venue, definition);
  return candidates.find((p) => (p.scope === 'CURRENCY') === (scope === assetSymbol)) ?? candidates[0];
}
