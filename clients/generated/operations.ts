import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date string, such as 2007-12-03, compliant with the `full-date` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  Date: { input: string; output: string; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
};

/** What an API key may do. */
export type ApiKeyScope =
  /** Operator fields: `ingestionStatus` and `/metrics` where keys are required. */
  | 'ADMIN'
  /** Run queries. */
  | 'READ'
  /** Open subscriptions (graphql-ws). */
  | 'STREAM';

/** A tracked crypto asset, named by its ticker (BTC, ETH, SOL). */
export type Asset = {
  /** Spot candles per bucket, gap-filled: open = first price, high/low = extremes, close = last price, volume summed. D1 and W1 come from daily candles, finer buckets from minute candles. */
  candles: Array<Candle>;
  /** The asset's holder cohorts. */
  cohorts: Array<HolderCohort>;
  /** Spot ETFs holding the asset, every region. */
  etfs: Array<Etf>;
  /** Stable opaque id of the asset: the same across requests and processes (Postgres row id as a string). */
  id: Scalars['ID']['output'];
  /** The asset's instruments, optionally on one venue and of one contract type. */
  instruments: Array<Instrument>;
  /** Display name: "Bitcoin". */
  name: Scalars['String']['output'];
  /** Latest spot close in USD (minute candles first), null if no price is stored. */
  priceUsd: Maybe<Scalars['Float']['output']>;
  /** Ticker, upper case: "BTC". Every `asset` argument takes it. */
  symbol: Scalars['String']['output'];
};


/** A tracked crypto asset, named by its ticker (BTC, ETH, SOL). */
export type AssetCandlesArgs = {
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** A tracked crypto asset, named by its ticker (BTC, ETH, SOL). */
export type AssetInstrumentsArgs = {
  contractType?: InputMaybe<ContractType>;
  venue?: InputMaybe<Scalars['String']['input']>;
};

/** Which venues contributed to a bucket and which were expected but missing. */
export type BucketCoverage = {
  /** When Cascade recorded the newest value in the bucket (null when none). */
  lastRecordedAt: Maybe<Scalars['DateTime']['output']>;
  /** Slugs of the venues listing a matching instrument, collected by Cascade, that reported nothing in the bucket (an outage or a quiet market), or — liquidations — whose live stream was silent during part of it (its canary stopped: see IngestionSourceStatus.silentSince) and no REST history has refilled it since (only OKX has one), so what it did report is partial. */
  missingVenues: Array<Scalars['String']['output']>;
  /** Slugs of the venues listing a matching instrument whose data for this series Cascade does not collect (liquidations: `Venue.completeness` NOT_COLLECTED), so their absence is expected and says nothing about the market. Empty for series every venue feeds. */
  notCollectedVenues: Array<Scalars['String']['output']>;
  /** Slugs of the venues with data in the bucket (a venue whose liquidation stream was silent during part of it is listed in missingVenues instead). */
  reportingVenues: Array<Scalars['String']['output']>;
  /** Instruments that reported in the bucket but whose figure is unknown rather than small, with the reason. Depth: the order book fetched was cut at the request's level limit before the band's edge, on every snapshot of the bucket; while one is listed the bucket's side is null, not the sum of the others. Empty for other series. */
  unknownVenues: Array<CoverageGap>;
};

/** Spot price over one bucket, in USD. Empty buckets have null levels and zero volume. */
export type Candle = {
  /** Last price of the bucket, USD. */
  close: Maybe<Scalars['Float']['output']>;
  /** Highest price, USD. */
  high: Maybe<Scalars['Float']['output']>;
  /** Lowest price, USD. */
  low: Maybe<Scalars['Float']['output']>;
  /** First price of the bucket, USD. */
  open: Maybe<Scalars['Float']['output']>;
  /** Bucket start (UTC). */
  start: Scalars['DateTime']['output'];
  /** Traded volume in USD (quote volume; USDT at par). */
  volumeUsd: Scalars['Float']['output'];
};

/** A liquidation cascade (rule: docs/analytics.md, 'Cascade episodes'): hot minutes — at least $1M and 10× the baseline, the mean over the 24 hours ending 6 hours earlier of each minute's USD capped at $1M — whose starts are at most 15 minutes apart form a run; a run is an episode with $500M or more in all, or with at least 5 hot minutes, $100M in all and $1M per minute of its length. */
export type CascadeEpisode = {
  /** How far ±2 % depth fell: 1 − (lowest aggregate snapshot during the episode) / (median aggregate snapshot over the 24 hours before). */
  depthDrawdown: Maybe<Scalars['Float']['output']>;
  /** End of the last hot minute (exclusive). */
  end: Scalars['DateTime']['output'];
  /** The episode’s liquidation events, newest first, as a cursor page. */
  liquidations: LiquidationConnection;
  /** Long USD / total USD. */
  longShare: Maybe<Scalars['Float']['output']>;
  /** Open interest lost, USD: the sum of each instrument's last reading at or before `start` minus its first reading at or after `end`. */
  openInterestShedUsd: Maybe<Scalars['Float']['output']>;
  /** USD liquidated in the episode’s busiest minute. */
  peakUsdPerMinute: Scalars['Float']['output'];
  /** Spot price change over the episode: last close before `end` / first open from `start` − 1. */
  priceChange: Maybe<Scalars['Float']['output']>;
  /** First hot minute. */
  start: Scalars['DateTime']['output'];
  /** USD liquidated in [start, end), every venue. */
  totalUsd: Scalars['Float']['output'];
  /** Venues with liquidations in the episode. */
  venues: Array<Venue>;
};


/** A liquidation cascade (rule: docs/analytics.md, 'Cascade episodes'): hot minutes — at least $1M and 10× the baseline, the mean over the 24 hours ending 6 hours earlier of each minute's USD capped at $1M — whose starts are at most 15 minutes apart form a run; a run is an episode with $500M or more in all, or with at least 5 hot minutes, $100M in all and $1M per minute of its length. */
export type CascadeEpisodeLiquidationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A cohort's supply over one bucket, in coins. */
export type CohortSupplyPoint = {
  /** Change since the previous bucket in coins (supply − previous supply), the first bucket included; null when either is unknown. */
  change: Maybe<Scalars['Float']['output']>;
  /** When Cascade recorded the bucket's value (null when none): a stale date means a stalled provider, not a still market. */
  lastRecordedAt: Maybe<Scalars['DateTime']['output']>;
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
  /** Coins held: the cohort's last daily value within the bucket; null when none. */
  supply: Maybe<Scalars['Float']['output']>;
};

/** US spot demand over one bucket: Coinbase Exchange <ASSET>-USD against Binance spot <ASSET>USDT, both closes of the same candle (the latest both venues published in the bucket), Binance converted to USD with the measured USDT price (Coinbase Exchange USDT-USD). */
export type CoinbasePremiumBucket = {
  /** binanceCloseUsdt × usdtUsd: the Binance close in USD. */
  binanceCloseUsd: Maybe<Scalars['Float']['output']>;
  /** Binance spot <ASSET>USDT close of the candle at closesAt, USDT (as quoted). */
  binanceCloseUsdt: Maybe<Scalars['Float']['output']>;
  /** Start of the candle whose closes are compared: the latest minute in the bucket (the latest day, for D1 and W1 buckets built from daily candles) at which both Coinbase and Binance published a candle. Null when no such candle exists in the bucket. */
  closesAt: Maybe<Scalars['DateTime']['output']>;
  /** Coinbase Exchange <ASSET>-USD close of the candle at closesAt, USD. */
  coinbaseCloseUsd: Maybe<Scalars['Float']['output']>;
  /** Which inputs had data in the bucket. */
  coverage: CoinbasePremiumCoverage;
  /** (coinbaseCloseUsd / binanceCloseUsdt − 1) × 10,000, basis points, with USDT taken at par (1 USDT = 1 USD), as most public charts of the premium do; differs from premiumBps by about usdtDeviationBps. Null unless both closes are known. */
  premiumAtParBps: Maybe<Scalars['Float']['output']>;
  /** (coinbaseCloseUsd / binanceCloseUsd − 1) × 10,000, basis points: positive = the asset dearer on Coinbase than on Binance, in USD (US spot buying); null unless both closes and the USDT rate are known. */
  premiumBps: Maybe<Scalars['Float']['output']>;
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
  /** (usdtUsd − 1) × 10,000, basis points: how far USDT traded from par at closesAt (positive = above 1 USD). */
  usdtDeviationBps: Maybe<Scalars['Float']['output']>;
  /** USD per 1 USDT at closesAt: the close of the latest Coinbase Exchange USDT-USD candle at or before it (at most 59 minutes earlier for minute candles, the same day for daily ones); null when none is known. */
  usdtUsd: Maybe<Scalars['Float']['output']>;
};

/** Which of the three inputs of the Coinbase premium had data in the bucket. */
export type CoinbasePremiumCoverage = {
  /** When Cascade recorded the newest input value in the bucket (null when none). */
  lastRecordedAt: Maybe<Scalars['DateTime']['output']>;
  /** Inputs with nothing in the bucket, the same names: a missing Coinbase or Binance leaves every figure but the other close null; a missing USDT rate leaves premiumBps, usdtUsd and binanceCloseUsd null (premiumAtParBps is still given). */
  missingSources: Array<Scalars['String']['output']>;
  /** Inputs with data in the bucket, as `source:product`: `coinbase:<ASSET>-USD` (Coinbase Exchange candles), `binance-spot:<ASSET>USDT` (Binance spot klines), `coinbase:USDT-USD` (the USDT rate; for a bucket with compared closes, listed when a rate was found for them). */
  reportingSources: Array<Scalars['String']['output']>;
};

/** How much of the liquidations a figure covers. Sums stay numbers (zeros where nothing was collected); this says what they stand on. */
export type Completeness =
  /** Every liquidation the venue reports: the venue's feed is documented as complete. */
  | 'COMPLETE'
  /** Only part of them: the venue's feed is sampled (e.g. at most one event per contract per second), or some venues in the figure are sampled or not collected, so the figure under-reports. */
  | 'LOWER_BOUND'
  /** None: Cascade has no source for this venue's liquidations (or its keyed source has no key), so the figure's zeros say nothing. */
  | 'NOT_COLLECTED';

/** How a rule compares the series' value with the rule's `value`. */
export type ConditionComparison =
  /** Met when value > threshold. */
  | 'ABOVE'
  /** Met when value ≥ threshold. */
  | 'AT_OR_ABOVE'
  /** Met when value ≤ threshold. */
  | 'AT_OR_BELOW'
  /** Met when value < threshold. */
  | 'BELOW';

/** A recovery rule: a series (of a venue, or the aggregate) compared with a value, e.g. { series: OPEN_INTEREST_USD, comparison: BELOW, value: 25e9 }. Each rule answers one RecoveryCondition after the published ones, judged like them: on data published by the moment judged, UNKNOWN when missing or partial. At most 20 rules. */
export type ConditionInput = {
  /** How the value is compared with `value`. */
  comparison: ConditionComparison;
  /** The RecoveryCondition name to answer with (at most 100 characters); default "<series>[@<venue>] <comparison> <value>", e.g. "OPEN_INTEREST_USD@binance BELOW 8000000000". */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The series read (see `ConditionSeries` for each one's unit, definition and venues). */
  series: ConditionSeries;
  /** The threshold, in the series' unit (see `ConditionSeries`); finite, and within the series' range where it has one (RSI 0–100). */
  value: Scalars['Float']['input'];
  /** Venue slug ("binance"): the series' value on that venue, which must publish it (UNKNOWN_VENUE for an unknown slug, BAD_USER_INPUT for one that does not publish the series). Omitted or null: the aggregate, for series that have one. */
  venue?: InputMaybe<Scalars['String']['input']>;
};

/** A series a recovery rule (`ConditionInput`) reads, each with its unit and exact definition. Per venue where a venue is named (the venues that publish it are listed), else the aggregate; a rule's value is the series' value at the moment judged, from data published by then. */
export type ConditionSeries =
  /** Unit: basis points. Coinbase premium, basis points: (Coinbase Exchange <ASSET>-USD close / (Binance spot <ASSET>USDT close × USD per USDT) − 1) × 10 000, at the latest minute candle both sources closed by the moment, no older than 15 minutes, with the Coinbase USDT-USD rate of that minute or up to 59 minutes earlier: coinbasePremium.premiumBps at that instant (minute candles). A figure of the asset: no venue. */
  | 'COINBASE_PREMIUM_BP'
  /** Unit: ratio (1 = the 30-day median). Current ±2 % order-book depth over its 30-day median: (Σ over instruments of each one's latest bid + ask within 2 % in the hour to the moment) / median of the hourly aggregate over the prior 30 days: marketSnapshot.depthRatio. Missing when a current book did not reach ±2 %. A figure of the asset: no venue. */
  | 'DEPTH_RATIO'
  /** Unit: USD. Net flow of the asset's US spot ETFs over the 7 UTC days ending on the latest day published by the moment (day D counts from D + 1 18:00 UTC): marketSnapshot.etfNetFlow7dUsd, the published condition weeklyEtfInflowAbove's value. Negative = outflow. A figure of the asset: no venue. */
  | 'ETF_NET_FLOW_7D_USD'
  /** Unit: coins. Exchange inflow − outflow over the 7 UTC days ending on the latest day published by the moment (D + 1 03:00 UTC): marketSnapshot.exchangeNetflow7d. Positive = coins moving onto exchanges. A figure of the asset: no venue. */
  | 'EXCHANGE_NETFLOW_7D'
  /** Unit: fraction per 8 hours (0.0001 = 0.01 %). Open-interest-weighted funding: Σ(rate normalised to 8 h × open interest USD) / Σ open interest USD over the instruments (of the venue, or of every venue) with a rate within 2 days and open interest within 3 hours of the moment: marketSnapshot.openInterestWeightedFunding. Partial (UNKNOWN) when an instrument paying funding has no fresh open interest to weight it, or a venue with an active perpetual that had paid funding has no fresh rate. Per venue: binance, bybit, deribit, hyperliquid, okx; or the aggregate (no venue). */
  | 'FUNDING_RATE_8H'
  /** Unit: ratio (long / short; 1.5 = one and a half longs per short). All accounts net long / net short (Bybit: buyRatio / sellRatio), as the venue publishes it (longShortRatioHistory, definition GLOBAL_ACCOUNTS): the latest reading on the venue's USDT-margined perpetual of the asset at or before the moment, no older than 2 hours. Per venue: binance, bybit, okx; no aggregate (name a venue). */
  | 'GLOBAL_ACCOUNT_LONG_SHORT_RATIO'
  /** Unit: coins. Long-term-holder (LTH) supply on the latest day published by the moment (D + 1 03:00 UTC) minus 30 days earlier: marketSnapshot.lthSupplyChange30d. Negative = distributing. A figure of the asset: no venue. */
  | 'LTH_SUPPLY_CHANGE_30D'
  /** Unit: USD. Open interest, USD: the sum over the asset's instruments (of the venue, or of every venue for the aggregate) of each one's latest reading at or before the moment, no older than 3 hours: marketSnapshot.openInterestUsd. Partial (UNKNOWN) when a venue expected to report (an active instrument that had reported by then) has no fresh reading. Per venue: binance, bybit, deribit, hyperliquid, okx; or the aggregate (no venue). */
  | 'OPEN_INTEREST_USD'
  /** Unit: basis points. Perpetual premium over the index, basis points: per perpetual (of the venue, or of every venue) its latest mark with the venue's own index at or before the moment, no older than 15 minutes, (mark / index − 1) × 10 000; across perpetuals weighted by each one's open interest USD (within 3 hours of its mark) when every one has it, else the plain mean: perpetualPremiumHistory.premiumBps at that instant. Partial (UNKNOWN) when a venue with an active perpetual that had reported a mark with its index has none current. Per venue: binance, bybit, deribit, hyperliquid, okx; or the aggregate (no venue). */
  | 'PERPETUAL_PREMIUM_BP'
  /** Unit: index points (0–100). RSI(14), Wilder, daily, at the moment: marketSnapshot.rsi14, the published condition rsiOversold's value (the daily closes closed by then, then the last price as a provisional close). A figure of the asset: no venue. */
  | 'RSI_14'
  /** Unit: ratio (taker buy USD ÷ taker sell USD; above 1: takers net buying). Taker buy ÷ sell volume (USD) over the 5-minute periods ending in the 1 hour to the moment (period start ≥ moment − 1 h, period end ≤ moment), of the venue or summed over the venues that publish a taker-volume series (Binance, OKX) before dividing: takerVolumeHistory.buySellRatio over that hour. Partial (UNKNOWN) when a publishing venue that had reported by then lacks a period of the hour; Bybit, Deribit and Hyperliquid publish none, so they cannot be named. Per venue: binance, okx; or the aggregate (no venue). */
  | 'TAKER_BUY_SELL_RATIO_1H'
  /** Unit: ratio (long / short; 1.5 = one and a half longs per short). Top traders' accounts net long / net short (Binance: the top 20 % by margin balance, each account once; OKX: the top 5 % by open position value), as the venue publishes it (longShortRatioHistory, definition TOP_TRADER_ACCOUNTS): the latest reading on the venue's USDT-margined perpetual of the asset at or before the moment, no older than 2 hours. Per venue: binance, okx; no aggregate (name a venue). */
  | 'TOP_TRADER_ACCOUNT_LONG_SHORT_RATIO'
  /** Unit: ratio (long / short; 1.5 = one and a half longs per short). Top traders' long / short by position size (Binance: the top 20 % of users by margin balance; OKX: the top 5 % by open position value), as the venue publishes it (longShortRatioHistory, definition TOP_TRADER_POSITIONS): the latest reading on the venue's USDT-margined perpetual of the asset at or before the moment, no older than 2 hours. Per venue: binance, okx; no aggregate (name a venue). */
  | 'TOP_TRADER_POSITION_LONG_SHORT_RATIO'
  /** Unit: coins. Whale (WHALES cohort) supply on the latest day published by the moment (D + 1 03:00 UTC) minus 30 days earlier: marketSnapshot.whaleSupplyChange30d. Positive = accumulating. A figure of the asset: no venue. */
  | 'WHALE_SUPPLY_CHANGE_30D';

/** PERPETUAL: no expiry, kept near spot by funding; FUTURE: a dated contract that settles at expiry. */
export type ContractType =
  /** A dated contract that settles at `expiresAt`; its premium over spot is its basis. */
  | 'FUTURE'
  /** No expiry; longs and shorts exchange funding every interval to keep its price near the index. */
  | 'PERPETUAL';

/** An instrument that reported in a bucket but whose figure for it is unknown, not small, and why. */
export type CoverageGap = {
  /** The instrument's symbol on the venue. */
  instrument: Scalars['String']['output'];
  /** Why the figure is unknown, in words. Depth: how far the book Cascade fetched reached from mid (percent) and the request's levels-a-side limit that cut it off, short of the band. */
  reason: Scalars['String']['output'];
  /** Slug of the venue. */
  venue: Scalars['String']['output'];
};

/** Where a stored row came from. LIVE: collected as it happened; BACKFILL: fetched later from a history endpoint; IMPORT: loaded from a file; SAMPLE: the synthetic demo scenario. */
export type DataOrigin =
  /** Fetched later from the venue's history endpoint (`cascade backfill`, or gap repair). */
  | 'BACKFILL'
  /** Loaded from a file with `cascade import`. */
  | 'IMPORT'
  /** Collected as it happened, from a venue stream or a scheduled poll. */
  | 'LIVE'
  /** The synthetic October–November 2025 demo scenario: not market data. */
  | 'SAMPLE';

/** One dataset Cascade reads from one source, with the documentation it follows: what a badge like "lower bound" rests on. Served from the same catalog the ingestion reads (src/domains/sources/data-source.catalog.ts). */
export type DataSource = {
  /** What the source covers when it runs: COMPLETE, or LOWER_BOUND for a sampled feed. A keyed source without its key collects nothing: see `Venue.completeness` for what is collected now. */
  completeness: Completeness;
  /** Dataset: instruments, open-interest, funding, mark-price, depth, liquidations, candles, etf-flows, cohorts, exchange-flows or taker-volume. */
  dataset: Scalars['String']['output'];
  /** The day that page was read (ISO date, YYYY-MM-DD). */
  documentationRead: Scalars['String']['output'];
  /** URL of the documentation page the mapping follows. */
  documentationUrl: Scalars['String']['output'];
  /** Method and path, or WebSocket route and channel, Cascade calls. */
  endpoint: Scalars['String']['output'];
  /** How far back the source serves history, as documented ("30 days"); null for snapshots and streams. */
  historyLimit: Maybe<Scalars['String']['output']>;
  /** Environment variable that holds the API key a keyed source needs; null for public sources. */
  keyVariable: Maybe<Scalars['String']['output']>;
  /** What a user of the figure should know (sampling, conversions, routing). */
  notes: Maybe<Scalars['String']['output']>;
  /** Request weight or rate-limit cost per call, as the venue counts it. */
  rateLimitWeight: Scalars['String']['output'];
  /** For open interest: one side or both, as the venue documents it (stored one-sided). */
  sidedness: Sidedness;
  /** Source slug, as in `ingestionStatus` and `cascade backfill <source>`: "binance", "hydromancer". */
  source: Scalars['String']['output'];
  /** Units of the values read, and how Cascade converts them (contracts to coins, coins to USD). */
  units: Scalars['String']['output'];
  /** Slug of the venue the rows belong to (a keyed provider may fill another venue's); null for spot, ETF and on-chain sources. */
  venue: Maybe<Scalars['String']['output']>;
};

/** Order-book depth of an asset over one bucket, in USD. */
export type DepthBucket = {
  /** Resting ask notional within `band` above mid, USD, computed like `bidUsd` (null likewise when unknown). */
  askUsd: Maybe<Scalars['Float']['output']>;
  /** Resting bid notional within `band` below mid, USD: each instrument's snapshots averaged over the bucket (those whose book reached the band), then summed across the selected venues' instruments. Null when no snapshot fell in the bucket, or when an instrument's fetched books never reached the band in it (unknown, listed in `coverage.unknownVenues` with the reason): never a partial sum. */
  bidUsd: Maybe<Scalars['Float']['output']>;
  /** Which venues the depth stands on; a missing venue makes books look thinner than they are. */
  coverage: BucketCoverage;
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
};

/** Every value `extensions.code` of an error can hold (docs/errors.md lists them with their HTTP statuses). */
export type ErrorCode =
  /** The request is malformed (body, media type, method, variables over 64 KB or nested deeper than 32 levels), or a subscription was sent over HTTP rather than WebSocket. */
  | 'BAD_REQUEST'
  /** An argument is malformed or out of range; `extensions.argument` names it. */
  | 'BAD_USER_INPUT'
  /** The GraphQL document is longer than the server allows (`CASCADE_MAX_DOCUMENT_BYTES`, 64 KiB by default; `extensions.maxDocumentBytes` gives it); it was not parsed. */
  | 'DOCUMENT_TOO_LARGE'
  /** The key lacks the scope the operation needs (`read` for queries, `stream` for subscriptions, `admin` for `ingestionStatus`); `extensions.requiredScope` names it. */
  | 'FORBIDDEN'
  /** The document is not valid GraphQL syntax. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The document does not match the schema. */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** An unexpected failure; `extensions.errorId` finds it in the server log. */
  | 'INTERNAL_SERVER_ERROR'
  /** Depth is stored for bands 0.01 and 0.02 only. */
  | 'INVALID_BAND'
  /** The `after` cursor was not issued by this API. */
  | 'INVALID_CURSOR'
  /** The dataset is not stored at that resolution (ETF flows, cohorts and exchange flows are daily). */
  | 'INVALID_INTERVAL'
  /** `first` is negative or above the page limit (500). */
  | 'INVALID_PAGE_SIZE'
  /** `from` is not before `to`, or a date is not a real date. */
  | 'INVALID_TIME_RANGE'
  /** `operationName` names no operation of the document, or the document holds several and none was named. */
  | 'OPERATION_RESOLUTION_FAILURE'
  /** The persisted-query hash is unknown; send the document with it. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** A statement ran past the statement timeout and was cancelled; narrow the range or retry. */
  | 'QUERY_TIMEOUT'
  /** The operation exceeds the depth, alias, directive, token or cost bounds, or costs more than the caller's whole budget per minute; `extensions.cost` gives its cost. */
  | 'QUERY_TOO_COMPLEX'
  /** The caller spent its budget for this minute; retry after `Retry-After` seconds (`extensions.retryAfterSeconds`). `extensions.cost` and `extensions.remaining` give the operation's cost and the budget left. A subscription whose next tick or check the budget cannot pay ends with it. */
  | 'RATE_LIMITED'
  /** The database is unreachable; the request was not run. Retry after `Retry-After` seconds. */
  | 'SERVICE_UNAVAILABLE'
  /** A subscription fell too far behind (1,000 undelivered events) and was ended; resubscribe. */
  | 'SUBSCRIPTION_OVERFLOW'
  /** The range divided by the interval exceeds the bucket limit (10,000). */
  | 'TOO_MANY_BUCKETS'
  /** The WebSocket already holds `CASCADE_MAX_SUBSCRIPTIONS_PER_CONNECTION` live subscriptions (50 by default), or the caller `CASCADE_MAX_SUBSCRIPTIONS_PER_CALLER` on this server (200); `extensions.limit` and `extensions.per` say which. Complete one first. */
  | 'TOO_MANY_SUBSCRIPTIONS'
  /** The API key sent is unknown, malformed or revoked, or none was sent and this server requires keys (`Authorization: Bearer <key>` or `x-api-key`). */
  | 'UNAUTHENTICATED'
  /** No asset has that ticker. */
  | 'UNKNOWN_ASSET'
  /** The asset has no holder cohort with that slug. */
  | 'UNKNOWN_COHORT'
  /** No venue has that slug. */
  | 'UNKNOWN_VENUE'
  /** This server runs only the documents of its trusted manifest; send a known `extensions.persistedQuery.sha256Hash` (or `documentId`). */
  | 'UNTRUSTED_DOCUMENT';

/** One error code, what it means and the HTTP status a response carries when the code ends it. */
export type ErrorCodeInfo = {
  /** The value `extensions.code` carries. */
  code: ErrorCode;
  /** What the code means and what the caller can do about it. */
  description: Scalars['String']['output'];
  /** HTTP status of a response the code ends before execution; null when it is a field error (status 200). */
  httpStatus: Maybe<Scalars['Int']['output']>;
};

/** A spot exchange-traded fund holding an asset (one row per fund, whatever its trading counters). */
export type Etf = {
  /** The asset the fund holds. */
  asset: Asset;
  /** The fund's daily flows over [from, to) (dates; `to` exclusive), oldest first. */
  flows: Array<EtfFlow>;
  /** Stable opaque id of the fund: the same across requests and processes (Postgres row id as a string). */
  id: Scalars['ID']['output'];
  /** Issuer or sponsor: BlackRock, Fidelity, China Asset Management, … */
  issuer: Scalars['String']['output'];
  /** The fund's name. */
  name: Scalars['String']['output'];
  /** ISO country of listing: US, HK, … */
  region: Scalars['String']['output'];
  /** Listing ticker: IBIT, GBTC; for Hong Kong funds the HKD counter (3042). */
  ticker: Scalars['String']['output'];
};


/** A spot exchange-traded fund holding an asset (one row per fund, whatever its trading counters). */
export type EtfFlowsArgs = {
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};

/** One fund's net creations and redemptions on one trading day. */
export type EtfFlow = {
  /** Trading day (the fund’s local calendar). */
  date: Scalars['Date']['output'];
  /** The fund. */
  etf: Etf;
  /** Coins held at the day's close, where the source reports it. */
  holdings: Maybe<Scalars['Float']['output']>;
  /** Net flow in USD: creations minus redemptions (negative = outflow). */
  netFlowUsd: Scalars['Float']['output'];
};

/** Net ETF flow of an asset over one bucket. */
export type EtfFlowBucket = {
  /** Which funds the sum stands on: a fund not yet reported reads as missing, not as zero flow. */
  coverage: FundCoverage;
  /** Sum of the daily net flows of the selected funds whose trading day starts in the bucket, USD; 0 for none. */
  netFlowUsd: Scalars['Float']['output'];
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
};

/** Coins moving onto and off exchanges' known wallets over one bucket. */
export type ExchangeFlowBucket = {
  /** Coins sent to exchanges; 0 for an empty bucket. */
  inflow: Scalars['Float']['output'];
  /** When Cascade last recorded a flow in the bucket (null when none): 0 with no record is missing data, not a still market. */
  lastRecordedAt: Maybe<Scalars['DateTime']['output']>;
  /** inflow − outflow: positive means coins moving onto exchanges (selling pressure). */
  netflow: Scalars['Float']['output'];
  /** Coins withdrawn from exchanges; 0 for an empty bucket. */
  outflow: Scalars['Float']['output'];
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
};

/** Which funds contributed to an ETF-flow bucket and which listed funds reported nothing. */
export type FundCoverage = {
  /** Tickers listed by the end of the bucket with no flow reported in it (late issuers, a table not yet updated). */
  missingFunds: Array<Scalars['String']['output']>;
  /** Tickers with a reported flow in the bucket. */
  reportingFunds: Array<Scalars['String']['output']>;
};

/** Funding of an asset over one bucket, normalized to an 8-hour interval. */
export type FundingBucket = {
  /** Plain mean over instruments (one value per instrument, not per payment) of each instrument's rate for the bucket: the time-weighted mean of its payments in the bucket normalized to 8 hours, Σ(rate × 8) / Σ intervalHours (a fraction per 8 h); null when none paid. */
  averageRate: Maybe<Scalars['Float']['output']>;
  /** Which venues the rates come from. Funding settles every 1–8 hours, so short buckets miss venues by design. */
  coverage: BucketCoverage;
  /** How many instruments paid funding in the bucket: the count averageRate is the mean of. */
  instrumentCount: Scalars['Int']['output'];
  /** The same per-instrument rates weighted by each instrument's open interest in USD in the bucket (the mean of its readings there, else its latest reading before the bucket's end within 3 hours), a fraction per 8 h; null when any paying instrument has no open interest known (averageRate is then the only figure). */
  openInterestWeightedRate: Maybe<Scalars['Float']['output']>;
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
};

/** One instrument's funding rate at a settlement time. */
export type FundingPoint = {
  /** rate × (24 × 365 / intervalHours): the rate scaled to a year from its own interval. */
  annualizedRate: Scalars['Float']['output'];
  /** The funding time the rate applies to (UTC). */
  at: Scalars['DateTime']['output'];
  /** Hours between funding payments for this instrument at that time (1, 4 or 8). */
  intervalHours: Scalars['Float']['output'];
  /** Fraction paid by longs to shorts per funding interval (0.0001 = 0.01 %). */
  rate: Scalars['Float']['output'];
};

/** How per-instrument funding rates were combined into one figure. */
export type FundingWeighting =
  /** Plain mean, one weight per instrument (fundingHistory.averageRate): used when some paying instrument had no open interest known. */
  | 'EQUAL'
  /** Weighted by each instrument's open interest in USD (fundingHistory.openInterestWeightedRate). */
  | 'OPEN_INTEREST';

/** The basis series of one dated future, gap-filled over the requested buckets. */
export type FuturesBasisContract = {
  /** Expiry (delivery) time of the contract (UTC). */
  expiresAt: Scalars['DateTime']['output'];
  /** LINEAR (USDT/USDC-margined, price in the quote) or INVERSE (coin-margined, price in USD). */
  marginType: MarginType;
  /** One point per bucket of the range, oldest first; null figures where the contract did not report (or had expired). */
  points: Array<FuturesBasisPoint>;
  /** The venue's symbol (BTC-USD-240628, BTC-28JUN24, BTCUSDT_240628). */
  symbol: Scalars['String']['output'];
  /** The venue listing the contract. */
  venue: Venue;
};

/** Dated futures' basis over spot of an asset: per contract, and the nearest tenor per bucket. */
export type FuturesBasisHistory = {
  /** Every dated future of the selected venues that reported in the range, by venue then expiry. */
  contracts: Array<FuturesBasisContract>;
  /** Over the whole range: the venues whose dated futures reported, and those listing an active dated future of the asset that did not. */
  coverage: BucketCoverage;
  /** Per bucket (gap-filled), the nearest-expiry contract of each venue with at least 7 days to run, and their mean. */
  nearest: Array<FuturesBasisNearestBucket>;
};

/** The front (nearest, ≥ 7 days) dated-future basis of an asset in one bucket: per venue and across venues. */
export type FuturesBasisNearestBucket = {
  /** Plain mean over venues of each venue's nearest contract's annualised basis, a fraction per year. Venues weigh equally: dated futures' open interest is not collected on every venue (OKX's is read for swaps only), so an open-interest weighting would be partial. Null when no venue had a contract at least 7 days out reporting. */
  annualizedBasis: Maybe<Scalars['Float']['output']>;
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
  /** The contract each venue contributes, by venue slug. */
  venues: Array<FuturesBasisNearestVenue>;
};

/** A venue's nearest-expiry dated future in a bucket (at least 7 days out). */
export type FuturesBasisNearestVenue = {
  /** Its annualised basis, a fraction per year (FuturesBasisPoint.annualizedBasis). */
  annualizedBasis: Scalars['Float']['output'];
  /** Its days to expiry at the reading (FuturesBasisPoint.daysToExpiry). */
  daysToExpiry: Scalars['Float']['output'];
  /** The contract chosen: the soonest to expire, among those that reported in the bucket, with at least 7 days to expiry. */
  symbol: Scalars['String']['output'];
  /** The venue. */
  venue: Venue;
};

/** One dated future's basis over its venue's index in one bucket; every field but `start` is null when it did not report in the bucket. */
export type FuturesBasisPoint = {
  /** Annualised basis, a fraction per year (0.1 = 10 %/yr): (futuresPrice / indexPrice − 1) × 365 / daysToExpiry. Null under 1 day to expiry, where annualising magnifies the last ticks’ noise (basisBps is still given). */
  annualizedBasis: Maybe<Scalars['Float']['output']>;
  /** When the venue stamped the reading used: the last in the bucket with an index, before expiry (UTC). */
  at: Maybe<Scalars['DateTime']['output']>;
  /** Basis, basis points: (futuresPrice / indexPrice − 1) × 10 000, not annualised. */
  basisBps: Maybe<Scalars['Float']['output']>;
  /** Calendar days from `at` to the expiry: (expiresAt − at) in ms ÷ 86 400 000, fractional (actual/365 day count). */
  daysToExpiry: Maybe<Scalars['Float']['output']>;
  /** The futures price: the venue's mark price of the contract, in its quote currency per coin. */
  futuresPrice: Maybe<Scalars['Float']['output']>;
  /** The spot reference: the venue's own index of the contract's underlying, read in the same collection run as the mark (OKX: index-tickers of the family, e.g. BTC-USD; Deribit: get_index_price of price_index, e.g. btc_usd; Binance: premiumIndex indexPrice). */
  indexPrice: Maybe<Scalars['Float']['output']>;
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
};

/** A group of holders of an asset defined on-chain, whose supply is tracked daily. */
export type HolderCohort = {
  /** The asset whose holders the cohort groups. */
  asset: Asset;
  /** Who is in it, precisely, as the provider computes it (e.g. LTH: coins weighted by a logistic function of their holder's averaged age, centred at 155 days with a 10-day transition). */
  definition: Scalars['String']['output'];
  /** Stable opaque id of the holder cohort: the same across requests and processes (Postgres row id as a string). */
  id: Scalars['ID']['output'];
  /** Display name: "Long-term holders". */
  name: Scalars['String']['output'];
  /** Upper-case slug every `cohort` argument takes: LTH, STH, WHALES, EXCHANGES, MINERS, … */
  slug: Scalars['String']['output'];
};

/** What a source and dataset are doing now. When several hold, the first of NOT_CONFIGURED, PAUSED, SILENT, FAILING, OK is given. */
export type IngestionSourceState =
  /** Its latest finished run failed (no success since the last failure): see lastError. */
  | 'FAILING'
  /** A keyed source (Glassnode, Hydromancer) whose key this API process lacks and no run of which succeeded in the last 48 hours: nothing is collected. */
  | 'NOT_CONFIGURED'
  /** Its latest finished run succeeded, it is not paused and no silence is known. */
  | 'OK'
  /** The venue told Cascade to stop (a 429/418 ban, Bybit's 403 "access too frequent"): every worker holds its calls until pausedUntil. */
  | 'PAUSED'
  /** A live stream's canary (a message the venue pushes at a steady rate on the same connection: Binance markPrice@1s, Bybit tickers, OKX mark-price, Deribit's BTC index) stopped for longer than its bound (60 s): a quiet feed, not a quiet market. The collector reconnects; the silence is stored, and liquidation coverage lists the venue missing for the buckets it touches, until the canary comes back (see silentSince). */
  | 'SILENT';

/** What one source last did for one dataset, from the record of ingestion runs. */
export type IngestionSourceStatus = {
  /** Dataset: instruments, open-interest, funding, mark-price, depth, liquidations, candles, etf-flows, cohorts, exchange-flows. */
  dataset: Scalars['String']['output'];
  /** The earliest time (UTC) the venue serves this dataset's history from, now: its declared limit (Binance open-interest: 30 days; OKX funding: three months). Earlier data cannot be backfilled. Null when the venue keeps history since listing. */
  historyAvailableFrom: Maybe<Scalars['DateTime']['output']>;
  /** The last failed run's error (no secrets: keys are redacted). */
  lastError: Maybe<Scalars['String']['output']>;
  /** When a run last failed. */
  lastErrorAt: Maybe<Scalars['DateTime']['output']>;
  /** The latest run in the last 48 hours that asked for history earlier than the venue serves: "asked from <time>; the venue serves only from <time>: earlier data not available". Null when none did. */
  lastHistoryShortfall: Maybe<Scalars['String']['output']>;
  /** When a run last succeeded. */
  lastSuccessAt: Maybe<Scalars['DateTime']['output']>;
  /** Until when (UTC) the venue paused the whole source across every worker; null when no pause is in force. */
  pausedUntil: Maybe<Scalars['DateTime']['output']>;
  /** Rows written or revised by runs that finished in the last 24 hours. */
  rowsLast24h: Scalars['Int']['output'];
  /** When the stream's open silence began (its canary was last heard), UTC; null when the stream is not silent. Liquidation buckets from then on list the venue in coverage.missingVenues. */
  silentSince: Maybe<Scalars['DateTime']['output']>;
  /** Source slug: binance, okx, farside, … */
  source: Scalars['String']['output'];
  /** What the source and dataset are doing now: OK, FAILING, PAUSED, SILENT or NOT_CONFIGURED (see the enum). */
  state: IngestionSourceState;
};

/** A derivatives contract listed on a venue. */
export type Instrument = {
  /** False once the venue has delisted or settled it. */
  active: Scalars['Boolean']['output'];
  /** Asset the contract is on (its base currency). */
  asset: Asset;
  /** Units one contract represents: coins for linear contracts (1 where size is quoted in coins), USD for inverse ones. */
  contractSize: Scalars['Float']['output'];
  /** PERPETUAL (no expiry, funded) or FUTURE (dated, settles at `expiresAt`). */
  contractType: ContractType;
  /** Expiry of a dated future; null for perpetuals. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** Hours between funding payments: venues use 1, 4 or 8, and may change it. Null for dated futures. */
  fundingIntervalHours: Maybe<Scalars['Float']['output']>;
  /** Stable opaque id of the instrument: the same across requests and processes (Postgres row id as a string). */
  id: Scalars['ID']['output'];
  /** The latest funding rate known for this instrument; null for dated futures. */
  latestFunding: Maybe<FundingPoint>;
  /** The latest open interest reported for this instrument. */
  latestOpenInterest: Maybe<OpenInterestPoint>;
  /** LINEAR: margined and settled in the quote (USDT, USDC, USD); INVERSE: in the coin. */
  marginType: MarginType;
  /** Currency the price is quoted in: USDT, USDC or USD. */
  quoteCurrency: Scalars['String']['output'];
  /** The venue's own symbol, e.g. BTCUSDT, BTC-USDT-SWAP, BTC. */
  symbol: Scalars['String']['output'];
  /** Venue that lists the contract. */
  venue: Venue;
};

/** Bucket width of a series. Buckets align to UTC: H4 at 00/04/08…, D1 at 00:00, W1 on Monday 00:00. */
export type Interval =
  /** 1 day, starting 00:00 UTC */
  | 'D1'
  /** 1 hour */
  | 'H1'
  /** 4 hours, starting 00:00 UTC */
  | 'H4'
  /** 1 minute */
  | 'M1'
  /** 5 minutes */
  | 'M5'
  /** 15 minutes */
  | 'M15'
  /** 1 week, starting Monday 00:00 UTC */
  | 'W1';

/** One forced closure of a position on a venue. Where a venue samples its feed or is not collected, its figures under-report: `completeness` (here and on each `Venue`) says which; `dataSources` lists why. */
export type Liquidation = {
  /** Asset of the contract the position was held in. */
  asset: Asset;
  /** This event's position in the newest-first order: the same cursor a `liquidations` edge carries, and what `liquidationOccurred(after:)` resumes from. */
  cursor: Scalars['String']['output'];
  /** Stable opaque id of the liquidation event: the same across requests and processes (Postgres row id as a string). */
  id: Scalars['ID']['output'];
  /** Contract the position was held in. */
  instrument: Instrument;
  /** Value closed in USD: quantity × price. */
  notionalUsd: Scalars['Float']['output'];
  /** When the venue executed the closure (UTC, microsecond precision). */
  occurredAt: Scalars['DateTime']['output'];
  /** How Cascade got the event: LIVE from the venue stream, BACKFILL from a history endpoint, IMPORT from a file, SAMPLE for the demo scenario. */
  origin: DataOrigin;
  /** Price of the closure in the instrument's quote currency (USDT, USDC or USD). */
  price: Scalars['Float']['output'];
  /** Size closed, in coins of the asset (contracts already converted). */
  quantity: Scalars['Float']['output'];
  /** The side of the position that was closed: LONG means a long was force-sold. */
  side: PositionSide;
  /** Venue the position was closed on. Sampled or uncollected venues under-report: `completeness` on the figures and on each `Venue` says which (the `dataSources` query says why). */
  venue: Venue;
};

/** Liquidations summed over one bucket of a series. Where a venue samples its feed or is not collected, its figures under-report: `completeness` (here and on each `Venue`) says which; `dataSources` lists why. */
export type LiquidationBucket = {
  /** How much of the liquidations these sums cover: COMPLETE only when every venue in them (those listing the asset, within the venue filter) is collected completely; see `Venue.completeness`. */
  completeness: Completeness;
  /** Number of liquidation events. */
  count: Scalars['Int']['output'];
  /** Venues with liquidations in the bucket, and venues listing the asset with none. No liquidations can be a quiet market or an outage: `ingestionStatus` tells which. */
  coverage: Maybe<BucketCoverage>;
  /** longUsd / totalUsd, a fraction in [0, 1]; null for an empty bucket. */
  longShare: Maybe<Scalars['Float']['output']>;
  /** USD value of long positions closed; 0 for an empty bucket. */
  longUsd: Scalars['Float']['output'];
  /** USD value of short positions closed; 0 for an empty bucket. */
  shortUsd: Scalars['Float']['output'];
  /** Bucket start, aligned to the interval's UTC boundary. */
  start: Scalars['DateTime']['output'];
  /** longUsd + shortUsd, in USD. */
  totalUsd: Scalars['Float']['output'];
};

/** A page of liquidations, newest first (Relay connection). */
export type LiquidationConnection = {
  /** The events of this page, newest first; at most `first`. */
  edges: Array<LiquidationEdge>;
  /** Whether more events follow, and the cursor to continue from (`endCursor` as `after`). */
  pageInfo: PageInfo;
};

/** One liquidation of a page, with its cursor. */
export type LiquidationEdge = {
  /** Opaque position of this row; pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The liquidation event. */
  node: Liquidation;
};

/** Every given condition must hold; an omitted one matches everything. */
export type LiquidationFilter = {
  /** Asset ticker ("BTC"). */
  asset?: InputMaybe<Scalars['String']['input']>;
  /** Inclusive lower bound on `occurredAt`. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only closures worth at least this much, in USD (≥ 0). */
  minNotionalUsd?: InputMaybe<Scalars['Float']['input']>;
  /** Only closures of this position side. */
  side?: InputMaybe<PositionSide>;
  /** Exclusive upper bound on `occurredAt`. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** Venue slugs ("binance"); null or empty means every venue. */
  venues?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Liquidations summed over a window. Where a venue samples its feed or is not collected, its figures under-report: `completeness` (here and on each `Venue`) says which; `dataSources` lists why. */
export type LiquidationTotals = {
  /** How much of the liquidations these sums cover: COMPLETE only when every venue in them (those listing the asset, within the venue filter) is collected completely; see `Venue.completeness`. */
  completeness: Completeness;
  /** Number of liquidation events. */
  count: Scalars['Int']['output'];
  /** longUsd / totalUsd, a fraction in [0, 1]; null when nothing was liquidated. */
  longShare: Maybe<Scalars['Float']['output']>;
  /** USD value of long positions closed. */
  longUsd: Scalars['Float']['output'];
  /** USD value of short positions closed. */
  shortUsd: Scalars['Float']['output'];
  /** longUsd + shortUsd, in USD. */
  totalUsd: Scalars['Float']['output'];
};

/** One bucket of one venue's long/short series: where the published ratio stood at the bucket's close. */
export type LongShortRatioBucket = {
  /** The venue's stamp of the reading shown: the last one in the bucket (UTC); null when the venue published none in it. */
  at: Maybe<Scalars['DateTime']['output']>;
  /** This series' one venue: reporting when a reading fell in the bucket; missing when none did after the series' first reading; not collected when the venue publishes no ratio of this definition. */
  coverage: BucketCoverage;
  /** The long share as published, a fraction (0.6 = 60 % of the accounts or of the position size); null where the venue publishes the ratio alone (OKX) or no reading fell in the bucket. */
  longShare: Maybe<Scalars['Float']['output']>;
  /** Long / short as the venue publishes it (a plain ratio: 1.5 = one and a half longs per short, by accounts or by position size as the definition says); Bybit publishes the shares only, so there it is buyRatio / sellRatio. Null when no reading fell in the bucket: never carried forward from an earlier one. */
  longShortRatio: Maybe<Scalars['Float']['output']>;
  /** The short share as published, a fraction; null where the venue publishes the ratio alone (OKX) or no reading fell in the bucket. */
  shortShare: Maybe<Scalars['Float']['output']>;
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
};

/** Which long/short ratio a venue publishes. Accounts count holders (one per account, whatever its size); positions weigh by position size. Top traders are a slice each venue chooses its own way (Binance: the top 20 % of users by margin balance; OKX: the top 5 % by open position value), so the same definition is still not the same population on two venues. */
export type LongShortRatioDefinition =
  /** Every account holding a position: long share = accounts net long / accounts with a position, short share likewise, ratio = long share / short share. Binance globalLongShortAccountRatio (per symbol), Bybit account-ratio (buyRatio / sellRatio: holders with long positions / all holders, per symbol), OKX long-short-account-ratio-contract (per contract) and long-short-account-ratio (users net long vs net short across the currency's futures and perpetuals; instrument is the currency). */
  | 'GLOBAL_ACCOUNTS'
  /** Top traders' accounts, each counted once: long share = top-trader accounts net long / top-trader accounts with a position. Binance topLongShortAccountRatio (top 20 % of users by margin balance), OKX long-short-account-ratio-contract-top-trader (top 5 % of traders by open position value). Bybit publishes none. */
  | 'TOP_TRADER_ACCOUNTS'
  /** Top traders' positions weighed by size: long share = long positions of top traders / their total open positions, ratio = long share / short share. Binance topLongShortPositionRatio (top 20 % by margin balance), OKX long-short-position-ratio-contract-top-trader (top 5 % by open position value). Bybit publishes none. */
  | 'TOP_TRADER_POSITIONS';

/** One venue's long/short ratio of one definition about one instrument (or, for OKX's all-contracts ratio, the asset's currency), bucket by bucket. Series are never averaged together: the venues' definitions differ (accounts or positions, all users or a top slice chosen by each venue), so no aggregate across venues is served. */
export type LongShortRatioSeries = {
  /** Every bucket of the range, gap-filled: a bucket with no reading is present with nulls. */
  buckets: Array<LongShortRatioBucket>;
  /** False when the venue publishes no ratio of this definition (Bybit has no top-trader ratios): every bucket is then null and its coverage lists the venue as not collected. */
  collected: Scalars['Boolean']['output'];
  /** Which ratio this is (see the enum for each venue’s exact population). */
  definition: LongShortRatioDefinition;
  /** The endpoint the series is read from (method and path); null when the venue publishes none of this definition. */
  endpoint: Maybe<Scalars['String']['output']>;
  /** What the ratio is about: the venue's symbol (BTCUSDT, BTC-USDT-SWAP), or the currency (BTC) for OKX's ratio across all the currency's futures and perpetuals. Null on a series the venue does not publish (`collected` false) or has not yet been read. */
  instrument: Maybe<Scalars['String']['output']>;
  /** The venue's definition of this series in words: whose accounts or positions, and how the shares and the ratio are formed; for a series not collected, why. */
  meaning: Scalars['String']['output'];
  /** Slug of the venue that publishes the series. */
  venue: Scalars['String']['output'];
  /** The venue's own period value the readings were asked with ("5m" on Binance and OKX, "5min" on Bybit); null when not collected. */
  venuePeriod: Maybe<Scalars['String']['output']>;
};

/** LINEAR: margined and settled in the quote (USDT, USDC, USD); INVERSE: margined and settled in the coin. */
export type MarginType =
  /** Margined and settled in the coin; a contract is a number of USD (e.g. Deribit BTC-PERPETUAL: 10 USD). */
  | 'INVERSE'
  /** Margined and settled in the quote currency (USDT, USDC or USD); a contract is a number of coins. */
  | 'LINEAR';

/** The state of an asset’s market structure at one time, each figure from data at or before `asOf`. */
export type MarketSnapshot = {
  /** The market time the snapshot describes (`at`, default now). */
  asOf: Scalars['DateTime']['output'];
  /** The asset described. */
  asset: Asset;
  /** priceUsd / (close 24 hours earlier) − 1, a fraction (−0.05 = down 5 %). */
  change24h: Maybe<Scalars['Float']['output']>;
  /** Current ±2 % depth divided by its 30-day median: (sum over instruments of each one's latest bid+ask within 2 % in the hour to asOf) / median over the prior 30 days of the hourly aggregate. */
  depthRatio: Maybe<Scalars['Float']['output']>;
  /** Fractional distance below the highest close on record (0.2 = 20 % below): 1 − priceUsd / max(daily closes, priceUsd). */
  drawdownFromHigh: Maybe<Scalars['Float']['output']>;
  /** Net flow of the asset's US spot ETFs over the 7 UTC days ending on the latest day published by `asOf` (a day D counts from D + 1 18:00 UTC; days in (P − 7, P]), USD. */
  etfNetFlow7dUsd: Maybe<Scalars['Float']['output']>;
  /** Exchange inflow − outflow over the 7 UTC days ending on the latest day published by `asOf` (D + 1 03:00 UTC), coins; positive = coins moving onto exchanges. */
  exchangeNetflow7d: Maybe<Scalars['Float']['output']>;
  /** Leverage ratio: openInterestUsd / (priceUsd × circulating supply as of `at`), the asset's open interest as a fraction of its market value. Circulating supply is long- plus short-term holder supply of the latest day published by `at` (within 30 days); null where the asset has no such holder-cohort supply. */
  leverageRatio: Maybe<Scalars['Float']['output']>;
  /** Liquidations in the 24 hours before `asOf` ([asOf − 24 h, asOf)). */
  liquidations24h: LiquidationTotals;
  /** Long-term-holder (LTH) supply on the latest day published by `asOf` (a day D counts from D + 1 03:00 UTC) minus 30 days earlier, coins; negative = distributing. */
  lthSupplyChange30d: Maybe<Scalars['Float']['output']>;
  /** openInterestUsd minus the same sum 24 hours before `asOf`, USD. */
  openInterestChange24hUsd: Maybe<Scalars['Float']['output']>;
  /** Aggregate open interest, USD: the sum over the asset's instruments of each one's latest reading at or before `asOf`, no older than 3 hours (an older one is left out and its venue counts as missing, as in `openInterestHistory`). */
  openInterestUsd: Maybe<Scalars['Float']['output']>;
  /** Σ(rate normalized to 8 h × open interest USD) / Σ open interest USD, over instruments' latest funding and open interest at or before `asOf`. */
  openInterestWeightedFunding: Maybe<Scalars['Float']['output']>;
  /** Latest spot close at or before `asOf` (minute candles, else daily), USD. */
  priceUsd: Maybe<Scalars['Float']['output']>;
  /** RSI(14), Wilder, at `asOf`: over the daily closes of the days that have closed by `asOf`, followed by priceUsd as a provisional close; simple-mean seed over the first 14 changes, then (previous × 13 + change) / 14; null with fewer than 15 closes in all. The same value recoverySignals, recoverySignalHistory and timeline give at the same instant. */
  rsi14: Maybe<Scalars['Float']['output']>;
  /** Whale (WHALES cohort) supply on the latest day published by `asOf` (D + 1 03:00 UTC) minus 30 days earlier, coins; positive = accumulating. */
  whaleSupplyChange30d: Maybe<Scalars['Float']['output']>;
};

/** Aggregate open interest of an asset over one bucket. */
export type OpenInterestBucket = {
  /** Which venues the figure stands on; a missing venue makes the sum low, not the market calm. */
  coverage: BucketCoverage;
  /** Sum across the selected venues of each instrument's latest value at or before the bucket's end (readings at the end belong to the next bucket), USD, provided it is no older than 3 hours there: a reading is carried forward across buckets where the instrument did not report, within that bound. Null when no instrument has a fresh reading; partial (low) when `coverage.missingVenues` is not empty. */
  openInterestUsd: Maybe<Scalars['Float']['output']>;
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
};

/** One instrument's open interest at a time. */
export type OpenInterestPoint = {
  /** When the venue reported it (UTC). */
  at: Scalars['DateTime']['output'];
  /** In the venue's own unit (contracts or coins), where it reports one. */
  openInterestContracts: Maybe<Scalars['Float']['output']>;
  /** Open interest in USD: coins × mark price for coin-quoted venues, contracts × USD size for inverse contracts (USDT/USDC at par). */
  openInterestUsd: Scalars['Float']['output'];
};

/** Relay cursor-connection page info, so Relay and Apollo Client paging helpers work unchanged. */
export type PageInfo = {
  /** The last edge's cursor; null for an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when more rows follow this page: pass `endCursor` as `after` to get them. */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when this page was asked for with an `after` cursor (rows precede it). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The first edge's cursor; null for an empty page. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/** Perpetual premium over the index of an asset in one bucket: across the selected venues and per venue. */
export type PerpetualPremiumBucket = {
  /** Plain mean over every perpetual of the selected venues (one value each, not per venue) of (mark price / index price − 1) × 10 000, basis points, per perpetual from its last mark-price reading in the bucket that carries the venue's own index (Binance premiumIndex indexPrice, Bybit tickers indexPrice, OKX index-tickers idxPx of the contract family, Deribit get_index_price of the instrument's price_index, Hyperliquid oraclePx). */
  averagePremiumBps: Maybe<Scalars['Float']['output']>;
  /** Which venues (listing an active perpetual of the asset) the figure stands on; marks are polled every minute. */
  coverage: BucketCoverage;
  /** How many perpetuals the figures stand on. */
  instrumentCount: Scalars['Int']['output'];
  /** The same per-perpetual premia weighted by each one's open interest in USD (its latest reading at or before the mark, no older than 3 hours), so a venue weighs what its positions weigh; null when any perpetual has no open interest known. */
  openInterestWeightedPremiumBps: Maybe<Scalars['Float']['output']>;
  /** Across venues: openInterestWeightedPremiumBps when every perpetual reporting has an open interest known, else averagePremiumBps; basis points (positive: perpetuals trade above spot, longs pay). Null when no perpetual reported a mark with its index in the bucket. */
  premiumBps: Maybe<Scalars['Float']['output']>;
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
  /** The same figures per venue that reported, by slug. */
  venues: Array<PerpetualPremiumVenue>;
};

/** One venue's perpetual premium over its index in a bucket. */
export type PerpetualPremiumVenue = {
  /** Plain mean over the venue's perpetuals (one value each) of (mark price / index price − 1) × 10 000, basis points, per perpetual from its last mark-price reading in the bucket that carries the venue's own index (Binance premiumIndex indexPrice, Bybit tickers indexPrice, OKX index-tickers idxPx of the contract family, Deribit get_index_price of the instrument's price_index, Hyperliquid oraclePx). */
  averagePremiumBps: Maybe<Scalars['Float']['output']>;
  /** How many perpetuals of the venue the figures stand on. */
  instrumentCount: Scalars['Int']['output'];
  /** The same per-perpetual premia weighted by each one's open interest in USD (its latest reading at or before the mark, no older than 3 hours), basis points; null when any of them has no open interest known. */
  openInterestWeightedPremiumBps: Maybe<Scalars['Float']['output']>;
  /** openInterestWeightedPremiumBps when every perpetual of the venue in the bucket has an open interest known, else averagePremiumBps; basis points. Null when no perpetual of the venue reported a mark with its index. */
  premiumBps: Maybe<Scalars['Float']['output']>;
  /** The venue. */
  venue: Venue;
};

/** The side of a position. For a liquidation, the side that was closed: LONG means a long was force-sold. */
export type PositionSide =
  /** A long position (profits when the price rises); a LONG liquidation is a forced sell. */
  | 'LONG'
  /** A short position (profits when the price falls); a SHORT liquidation is a forced buy. */
  | 'SHORT';

/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type Query = {
  /** One asset by ticker ("BTC"); null when none has it. */
  asset: Maybe<Asset>;
  /** Every tracked asset, by ticker. */
  assets: Array<Asset>;
  /** Liquidation cascades of an asset that began in [from, to), oldest first, detected from stored events. */
  cascadeEpisodes: Array<CascadeEpisode>;
  /** A cohort's supply per bucket in coins (its last daily value in the bucket) and the change from the bucket before. Daily data: D1 or coarser. */
  cohortSupplyHistory: Array<CohortSupplyPoint>;
  /** The Coinbase premium per bucket, gap-filled (US spot demand): Coinbase Exchange <ASSET>-USD against Binance spot <ASSET>USDT, in basis points, from the closes of the latest candle both venues published in the bucket; Binance is put in USD with the measured USDT price (Coinbase Exchange USDT-USD), and the figure with USDT at par is given beside it. One pair of venues, so there is no per-venue split and no aggregate. docs/analytics.md, "Coinbase premium". */
  coinbasePremium: Array<CoinbasePremiumBucket>;
  /** Where every figure comes from: one row per source and dataset with endpoint, units, sidedness, completeness, history limit, rate-limit weight and the documentation page (and the day it was read). Answered from memory, no database read. */
  dataSources: Array<DataSource>;
  /** Every error code this API sends in `extensions.code`, with its meaning and HTTP status. Needs no scope. */
  errorCodes: Array<ErrorCodeInfo>;
  /** Net flow of the asset's spot ETFs per bucket (USD), gap-filled with 0. Flows are daily data: D1 or coarser. W1 buckets run Monday to Sunday. */
  etfFlowHistory: Array<EtfFlowBucket>;
  /** Spot ETFs, optionally of one asset (ticker) and one region (ISO country: US, HK). */
  etfs: Array<Etf>;
  /** Coins moving onto and off exchanges' known wallets per bucket, gap-filled with 0; netflow = inflow − outflow. Daily data: D1 or coarser. */
  exchangeFlowHistory: Array<ExchangeFlowBucket>;
  /** Funding of an asset per bucket, gap-filled: per instrument, the time-weighted mean of its payments whose funding time falls in the bucket, normalized to 8 hours (Σ rate × 8 / Σ intervalHours); across instruments, the plain mean and the mean weighted by each instrument's open interest (one weight per instrument, not per payment). */
  fundingHistory: Array<FundingBucket>;
  /** Dated futures' basis over spot of an asset: per contract and bucket (gap-filled) its last mark with the venue's own index before expiry, basis (futures / index − 1) in bp and annualised × 365 / days to expiry (calendar days, actual/365); and per bucket the nearest contract of each venue at least 7 days from expiry, averaged across venues (docs/analytics.md, "Basis"). */
  futuresBasisHistory: FuturesBasisHistory;
  /** Holder cohorts, optionally of one asset (ticker). */
  holderCohorts: Array<HolderCohort>;
  /** Per source and dataset: its state (OK, FAILING, PAUSED, SILENT, NOT_CONFIGURED), the last success, the last failure and its error, rows written in the last 24 hours, any pause in force and how far back the venue serves history — so an outage never reads as a calm market. */
  ingestionStatus: Array<IngestionSourceStatus>;
  /** Instruments matching every given filter (asset ticker, venue slug, contract type). */
  instruments: Array<Instrument>;
  /** Liquidations of one asset per bucket, gap-filled: every bucket whose start lies in [from, to) is present, empty ones with zeros. Sampled or uncollected venues under-report: `completeness` on the figures and on each `Venue` says which (the `dataSources` query says why). */
  liquidationHistory: Array<LiquidationBucket>;
  /** Liquidations summed per venue over [from, to), every venue listed (zeros where none), largest totalUsd first. Sampled or uncollected venues under-report: `completeness` on the figures and on each `Venue` says which (the `dataSources` query says why). */
  liquidationTotalsByVenue: Array<VenueLiquidationTotals>;
  /** Liquidation events matching `filter`, newest first (by occurredAt, then id), as a Relay connection. Sampled or uncollected venues under-report: `completeness` on the figures and on each `Venue` says which (the `dataSources` query says why). */
  liquidations: LiquidationConnection;
  /** Long/short ratios as the venues publish them, per venue and instrument, gap-filled buckets (M5 or coarser): each bucket shows the last reading in it, null where there is none. One definition per call (accounts or positions, all users or top traders); a venue listing the asset that publishes no ratio of that definition is returned once with `collected` false. No aggregate across venues is served: the venues' populations differ (Binance's top traders are the top 20 % by margin balance, OKX's the top 5 % by open position value) and an average of them would be of nothing. */
  longShortRatioHistory: Array<LongShortRatioSeries>;
  /** Order-book depth of an asset per bucket, gap-filled: resting bid and ask notional (USD) within `band` of mid, each instrument averaged over the bucket and summed across venues. A side is null where a book Cascade fetched did not reach the band (`coverage.unknownVenues` says which and why), never a partial sum. */
  marketDepthHistory: Array<DepthBucket>;
  /** The asset's market structure at `at` (default now), every figure from data at or before it and, for daily datasets, only days published by then (ETF flows of day D from D + 1 18:00 UTC, on-chain values from D + 1 03:00 UTC), in one SQL statement. */
  marketSnapshot: Maybe<MarketSnapshot>;
  /** Aggregate open interest of an asset per bucket, gap-filled: the sum across the selected venues of each instrument's latest value before the bucket's end, carried forward at most 3 hours (USD); null where nothing is that fresh. A venue with no fresh reading is listed in `coverage.missingVenues` (the sum is then partial). */
  openInterestHistory: Array<OpenInterestBucket>;
  /** Perpetual premium over the index of an asset per bucket, gap-filled, in basis points: per perpetual its last mark with the venue's own index in the bucket, (mark / index − 1) × 10 000; per venue and across the selected venues, the plain mean over perpetuals and the mean weighted by each one's open interest in USD (docs/analytics.md, "Basis"). */
  perpetualPremiumHistory: Array<PerpetualPremiumBucket>;
  /** The recovery conditions judged per bucket (asOf = the bucket's start), so an analyst sees when a regime began and ended. Per bucket: open interest = each instrument's latest value at or before the bucket's end within 3 hours, summed (a condition on a sum missing an expected venue is UNKNOWN, never met); each bucket judged at its end (or at `to`, for a last bucket cut short): weekly ETF inflow = US net flow over the 7 UTC days ending on the latest day published by then (D + 1 18:00 UTC); RSI = marketSnapshot.rsi14 at that instant. Each of `rules`: its series at that instant, as recoverySignals reads it there. Three SQL statements for the whole range, plus one per series the rules read. */
  recoverySignalHistory: Array<RecoveryAssessment>;
  /** The published recovery conditions at `at`: aggregate open interest under $30B (openInterestBelow), US spot ETF net inflow over the 7 UTC days ending on the latest day published by `at` (D + 1 18:00 UTC) above $5B (weeklyEtfInflowAbove), daily RSI(14) at or below 30 (rsiOversold); then each of `rules`, its series read at `at` from data published by then. */
  recoverySignals: Maybe<RecoveryAssessment>;
  /** Aggressor flow of an asset per bucket, gap-filled: taker buy and sell volume in USD per venue and summed, and the buy/sell ratio, from the venues' own published taker-volume series (Binance takerlongshortRatio, OKX taker-volume-contract; 5-minute periods, so M5 or coarser). Bybit, Deribit and Hyperliquid publish none: NOT_COLLECTED, listed in `coverage.notCollectedVenues`, never read as zero. */
  takerVolumeHistory: Array<TakerVolumeBucket>;
  /** Every series of an asset on the same gap-filled buckets, for one chart or one judgement: price, open interest, funding, liquidations, depth, ETF flows, holder supply, exchange netflow, RSI, perpetual premium, futures basis, Coinbase premium, taker flow and long/short ratios. Costs at most 16 SQL statements: one per selected series (14, run concurrently), rsi14 one statement of its own (daily closes and the price at each bucket’s end), plus one for the cohort list when supply changes are; fields not selected are not computed. */
  timeline: Array<TimelineBucket>;
  /** One venue by slug ("binance"); null when none has it. */
  venue: Maybe<Venue>;
  /** Each venue's mark price against the median of the other venues per bucket, in basis points (the Hyperliquid flash dislocations); quotes in USDT, USDC and USD are taken at par. One row per bucket and venue that reported while at least one other venue did, ordered by time then venue; `minAbsBps` keeps only the larger gaps. */
  venuePriceDislocation: Array<VenueDislocation>;
  /** Every venue Cascade collects from, optionally of one kind. */
  venues: Array<Venue>;
  /** The caller as the API sees it: key prefix, scopes, budget per minute and what is left of it. Needs no scope. */
  viewer: Viewer;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryAssetArgs = {
  symbol: Scalars['String']['input'];
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryCascadeEpisodesArgs = {
  asset: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryCohortSupplyHistoryArgs = {
  asset: Scalars['String']['input'];
  cohort: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryCoinbasePremiumArgs = {
  asset: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryDataSourcesArgs = {
  dataset?: InputMaybe<Scalars['String']['input']>;
  venue?: InputMaybe<Scalars['String']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryEtfFlowHistoryArgs = {
  asset: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryEtfsArgs = {
  asset?: InputMaybe<Scalars['String']['input']>;
  region?: InputMaybe<Scalars['String']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryExchangeFlowHistoryArgs = {
  asset: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryFundingHistoryArgs = {
  asset: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  venues?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryFuturesBasisHistoryArgs = {
  asset: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  venues?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryHolderCohortsArgs = {
  asset?: InputMaybe<Scalars['String']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryInstrumentsArgs = {
  asset?: InputMaybe<Scalars['String']['input']>;
  contractType?: InputMaybe<ContractType>;
  venue?: InputMaybe<Scalars['String']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryLiquidationHistoryArgs = {
  asset: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  venues?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryLiquidationTotalsByVenueArgs = {
  asset?: InputMaybe<Scalars['String']['input']>;
  from: Scalars['DateTime']['input'];
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryLiquidationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<LiquidationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryLongShortRatioHistoryArgs = {
  asset: Scalars['String']['input'];
  definition: LongShortRatioDefinition;
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  venues?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryMarketDepthHistoryArgs = {
  asset: Scalars['String']['input'];
  band?: InputMaybe<Scalars['Float']['input']>;
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  venues?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryMarketSnapshotArgs = {
  asset: Scalars['String']['input'];
  at?: InputMaybe<Scalars['DateTime']['input']>;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryOpenInterestHistoryArgs = {
  asset: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  venues?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryPerpetualPremiumHistoryArgs = {
  asset: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  venues?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryRecoverySignalHistoryArgs = {
  asset: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  rules?: InputMaybe<Array<ConditionInput>>;
  thresholds?: InputMaybe<RecoveryThresholds>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryRecoverySignalsArgs = {
  asset: Scalars['String']['input'];
  at?: InputMaybe<Scalars['DateTime']['input']>;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  rules?: InputMaybe<Array<ConditionInput>>;
  thresholds?: InputMaybe<RecoveryThresholds>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryTakerVolumeHistoryArgs = {
  asset: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
  venues?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryTimelineArgs = {
  asset: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  interval: Interval;
  knownAt?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryVenueArgs = {
  slug: Scalars['String']['input'];
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryVenuePriceDislocationArgs = {
  asset: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  interval: Interval;
  minAbsBps?: InputMaybe<Scalars['Float']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** Every read: assets, venues and instruments, and the market-structure series over them. */
export type QueryVenuesArgs = {
  kind?: InputMaybe<VenueKind>;
};

/** Whether the recovery conditions hold at a time. */
export type RecoveryAssessment = {
  /** True when every condition is met (the published ones and the rules). */
  allMet: Scalars['Boolean']['output'];
  /** `at` for recoverySignals; in recoverySignalHistory the bucket's start (the bucket is judged on what was published by its end). */
  asOf: Scalars['DateTime']['output'];
  /** Each condition with its value, threshold and verdict, in a fixed order. */
  conditions: Array<RecoveryCondition>;
  /** True when every rule (`rules`) is met, whatever the published conditions; null when no rules were given. */
  rulesMet: Maybe<Scalars['Boolean']['output']>;
};

/** One recovery condition: its measured value against its threshold. */
export type RecoveryCondition = {
  /** A rule's comparison (value against threshold); null for the published conditions. */
  comparison: Maybe<ConditionComparison>;
  /** Whether the condition holds; false when the value is unknown (status UNKNOWN), never true on partial data. */
  met: Scalars['Boolean']['output'];
  /** openInterestBelow, weeklyEtfInflowAbove or rsiOversold (the published conditions, judged against `thresholds`), then each rule's name (`ConditionInput.name`, default "<series>[@<venue>] <comparison> <value>"). */
  name: Scalars['String']['output'];
  /** Why the status is UNKNOWN, in words (e.g. "open interest from okx has no reading within 3 hours of asOf"); null when MET or NOT_MET. */
  reason: Maybe<Scalars['String']['output']>;
  /** A rule's series; null for the published conditions. */
  series: Maybe<ConditionSeries>;
  /** MET or NOT_MET when the value stands on complete data; UNKNOWN when it is missing or partial (value is then null and met false), with the cause in `reason`. */
  status: RecoveryConditionStatus;
  /** The level the value is compared with, in the unit of `value` (USD for open interest and ETF flows, index points for RSI; a rule's in its series' `unit`). */
  threshold: Scalars['Float']['output'];
  /** The unit of a rule's value and threshold (its series' unit); null for the published conditions. */
  unit: Maybe<Scalars['String']['output']>;
  /** The measured value (null when the data is missing). */
  value: Maybe<Scalars['Float']['output']>;
  /** A rule's venue slug; null for the aggregate and for the published conditions. */
  venue: Maybe<Scalars['String']['output']>;
};

/** MET: the value holds against the threshold; NOT_MET: it does not; UNKNOWN: the data it needs is missing or partial (an expected venue without a fresh reading). */
export type RecoveryConditionStatus =
  /** The value, from complete data, satisfies the threshold. */
  | 'MET'
  /** The value, from complete data, does not satisfy the threshold. */
  | 'NOT_MET'
  /** The value could not be judged: missing, or standing on partial data (see `reason`). */
  | 'UNKNOWN';

/** The published conditions for a sustained recovery; each may be overridden. */
export type RecoveryThresholds = {
  /** Aggregate open interest of the asset across all venues, in USD. */
  maxOpenInterestUsd?: InputMaybe<Scalars['Float']['input']>;
  /** Net flow of the asset's US spot ETFs over the 7 UTC days ending on the latest day published by `at`, USD; the condition holds above it. */
  minWeeklyEtfInflowUsd?: InputMaybe<Scalars['Float']['input']>;
  /** RSI (14, Wilder, daily, 0–100) at or below which the market counts as oversold (rsi14 ≤ threshold). */
  rsiOversold?: InputMaybe<Scalars['Float']['input']>;
};

/** Whether a position figure counts one side of the market or both. */
export type Sidedness =
  /** Longs plus shorts: twice the one-sided figure. Cascade converts these to one side before storing. */
  | 'BOTH_SIDES'
  /** Not a position figure (prices, funding, depth, flows). */
  | 'NOT_APPLICABLE'
  /** One side: every open contract counted once (the long side equals the short side). */
  | 'ONE_SIDE';

/** Live streams, over graphql-ws on the same URL as HTTP (ws://host:port/graphql). */
export type Subscription = {
  /** Each liquidation matching `filter` as it is stored (at most once; after a reconnect, page `liquidations` to fill a gap). Sampled or uncollected venues under-report: `completeness` on the figures and on each `Venue` says which (the `dataSources` query says why). */
  liquidationOccurred: Liquidation;
  /** Each bucket of an asset's liquidations as it closes (about 2 s after its end, so late events are in): the same figures as `liquidationHistory`, pushed. Each bucket after the first costs the subscription's points again; when the budget cannot pay, the subscription ends with `RATE_LIMITED`. Sampled or uncollected venues under-report: `completeness` on the figures and on each `Venue` says which (the `dataSources` query says why). */
  liquidationTicks: LiquidationBucket;
  /** The recovery conditions, pushed at the start and whenever any condition flips between met and unmet; judged every `checkEveryMinutes` on data at that time. Each check after the first costs the subscription's points again, pushed or not; when the budget cannot pay, the subscription ends with `RATE_LIMITED`. */
  recoveryConditionChanged: RecoveryAssessment;
};


/** Live streams, over graphql-ws on the same URL as HTTP (ws://host:port/graphql). */
export type SubscriptionLiquidationOccurredArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<LiquidationFilter>;
};


/** Live streams, over graphql-ws on the same URL as HTTP (ws://host:port/graphql). */
export type SubscriptionLiquidationTicksArgs = {
  asset: Scalars['String']['input'];
  interval: Interval;
  venues?: InputMaybe<Array<Scalars['String']['input']>>;
};


/** Live streams, over graphql-ws on the same URL as HTTP (ws://host:port/graphql). */
export type SubscriptionRecoveryConditionChangedArgs = {
  asset: Scalars['String']['input'];
  checkEveryMinutes?: InputMaybe<Scalars['Int']['input']>;
  thresholds?: InputMaybe<RecoveryThresholds>;
};

/** Taker (aggressor) buy and sell volume of an asset over one bucket, per venue and summed. */
export type TakerVolumeBucket = {
  /** buyUsd ÷ sellUsd: above 1 takers bought more than they sold. Null when sellUsd is 0 or null. A ratio of sums, never a mean of ratios. Computed from the summed USD, so a venue weighs by its volume. */
  buySellRatio: Maybe<Scalars['Float']['output']>;
  /** Sum over the selected venues that reported of their taker buy volume, USD (see TakerVolumeVenue.buyUsd). Null when none reported: an outage is not zero flow. Partial when `coverage.missingVenues` is not empty; venues without a taker-volume series are in `coverage.notCollectedVenues`. */
  buyUsd: Maybe<Scalars['Float']['output']>;
  /** COMPLETE: every selected venue publishes the series and reported every period; NOT_COLLECTED: none of the selected venues publishes one; otherwise LOWER_BOUND (a venue missing or partial, or one without the series): the sums under-report the market. */
  completeness: Completeness;
  /** Which venues the sums stand on: reporting, missing (expected, reported nothing), not collected (no taker-volume series). */
  coverage: BucketCoverage;
  /** buyUsd − sellUsd, USD (positive: takers net bought). */
  netUsd: Maybe<Scalars['Float']['output']>;
  /** The bucket's 5-minute periods up to `to`: what a complete venue reports. */
  periodsExpected: Scalars['Int']['output'];
  /** Sum over the reporting venues of their taker sell volume, USD. */
  sellUsd: Maybe<Scalars['Float']['output']>;
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
  /** One row per selected venue listing the asset, collected or not, by slug. */
  venues: Array<TakerVolumeVenue>;
};

/** One venue's taker (aggressor) volume over one bucket. */
export type TakerVolumeVenue = {
  /** buyUsd ÷ sellUsd: above 1 takers bought more than they sold. Null when sellUsd is 0 or null. A ratio of sums, never a mean of ratios. */
  buySellRatio: Maybe<Scalars['Float']['output']>;
  /** Taker buy volume, USD: the notional of trades whose taker (aggressor) bought, summed over the venue's 5-minute periods that start in the bucket (and end by `to`). Binance publishes coins, converted at each period's VWAP from the contract's own 5-minute kline; OKX publishes USD (unit=2; USDT/USDC at par). Null when the venue reported no period in the bucket (or publishes none: completeness NOT_COLLECTED). */
  buyUsd: Maybe<Scalars['Float']['output']>;
  /** COMPLETE: every 5-minute period of the bucket reported; LOWER_BOUND: some are missing (all of them when the figures are null), so the sums are low; NOT_COLLECTED: the venue publishes no taker-volume series (Bybit, Deribit, Hyperliquid), so Cascade has none: its null says nothing about the market. */
  completeness: Completeness;
  /** buyUsd − sellUsd, USD: net aggressor flow (positive: takers net bought). */
  netUsd: Maybe<Scalars['Float']['output']>;
  /** Distinct 5-minute periods the venue reported in the bucket (over all its contracts). */
  periodsReported: Scalars['Int']['output'];
  /** Taker sell volume, USD, as buyUsd for trades whose taker sold. */
  sellUsd: Maybe<Scalars['Float']['output']>;
  /** The venue. */
  venue: Venue;
};

/** Every series of an asset on one bucket, side by side. Each field is computed only when selected; formulas as in the single-series fields. */
export type TimelineBucket = {
  /** Last spot price in the bucket, USD (as `Asset.candles.close`). */
  close: Maybe<Scalars['Float']['output']>;
  /** Coinbase premium, basis points: Coinbase <ASSET>-USD over Binance spot <ASSET>USDT converted to USD with the measured USDT price, from the closes of the latest candle both published in the bucket (as `coinbasePremium.premiumBps`); null when a close or the USDT rate is missing. */
  coinbasePremiumBps: Maybe<Scalars['Float']['output']>;
  /** Bid + ask notional within ±2 % of mid, USD (as `marketDepthHistory`, band 0.02). */
  depthUsd2pct: Maybe<Scalars['Float']['output']>;
  /** Net flow of every spot ETF of the asset whose trading day starts in the bucket, USD. */
  etfNetFlowUsd: Maybe<Scalars['Float']['output']>;
  /** Exchange inflow − outflow over the bucket, coins. */
  exchangeNetflow: Maybe<Scalars['Float']['output']>;
  /** Funding normalized to 8 hours, a fraction: `fundingHistory.openInterestWeightedRate`, or its `averageRate` when some paying instrument had no open interest known; `fundingWeighting` says which. */
  fundingRate8h: Maybe<Scalars['Float']['output']>;
  /** Which mean fundingRate8h is: OPEN_INTEREST or EQUAL (plain mean per instrument); null when no funding was paid in the bucket. */
  fundingWeighting: Maybe<FundingWeighting>;
  /** Front dated-future basis, annualised, a fraction per year: `futuresBasisHistory.nearest.annualizedBasis` (each venue's nearest contract at least 7 days from expiry, (futures / index − 1) × 365 / days to expiry, averaged across venues). */
  futuresAnnualizedBasis: Maybe<Scalars['Float']['output']>;
  /** Liquidated USD per 1 % of price range in the bucket: (long + short USD) / (100 × (high − low) / open); null without a price range. */
  liquidationIntensity: Maybe<Scalars['Float']['output']>;
  /** USD of long positions liquidated in the bucket. */
  liquidationsLongUsd: Maybe<Scalars['Float']['output']>;
  /** USD of short positions liquidated in the bucket. */
  liquidationsShortUsd: Maybe<Scalars['Float']['output']>;
  /** Every venue's published long/short ratio at the bucket's close, each with its venue, instrument and definition (as `longShortRatioHistory`: the last reading in the bucket); a list, never an average, because the definitions differ. Empty where no venue published one in the bucket, and on M1 buckets (the venues publish per 5 minutes). */
  longShortRatios: Array<TimelineLongShortRatio>;
  /** Change of long-term-holder supply since the previous bucket, coins. */
  lthSupplyChange: Maybe<Scalars['Float']['output']>;
  /** Change of aggregate open interest from the previous bucket's value, USD (the first bucket's is null). */
  openInterestChangeUsd: Maybe<Scalars['Float']['output']>;
  /** Aggregate open interest, USD: each instrument's latest value at or before the bucket's end, no older than 3 hours, summed (as `openInterestHistory`). */
  openInterestUsd: Maybe<Scalars['Float']['output']>;
  /** Perpetual premium over the index across venues, basis points: `perpetualPremiumHistory.premiumBps` (open-interest-weighted when every perpetual reporting has an open interest, else the plain mean over perpetuals of (mark / index − 1) × 10 000). */
  perpetualPremiumBps: Maybe<Scalars['Float']['output']>;
  /** RSI(14), Wilder, at the bucket's end (or at `to`, for a last bucket cut short): exactly marketSnapshot.rsi14 at that instant (closed daily closes, then the last price at or before it as a provisional close). */
  rsi14: Maybe<Scalars['Float']['output']>;
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
  /** takerBuyUsd ÷ takerSellUsd (`takerVolumeHistory.buySellRatio`); null when either is null or the sell side is 0. */
  takerBuySellRatio: Maybe<Scalars['Float']['output']>;
  /** Taker (aggressor) buy volume summed over the venues that publish one and reported, USD (as `takerVolumeHistory.buyUsd`); null when none reported, and at M1 (the venues publish 5-minute periods). */
  takerBuyUsd: Maybe<Scalars['Float']['output']>;
  /** Taker sell volume, USD, as takerBuyUsd (`takerVolumeHistory.sellUsd`). */
  takerSellUsd: Maybe<Scalars['Float']['output']>;
  /** Change of whale supply since the previous bucket, coins. */
  whaleSupplyChange: Maybe<Scalars['Float']['output']>;
};

/** One venue's long/short reading at a timeline bucket's close, with its definition: a list, never an average across definitions or venues. */
export type TimelineLongShortRatio = {
  /** Which ratio this is. */
  definition: LongShortRatioDefinition;
  /** The venue's symbol, or the currency for OKX's all-contracts ratio (as `LongShortRatioSeries.instrument`). */
  instrument: Scalars['String']['output'];
  /** The long share as published, a fraction; null where the venue publishes the ratio alone (OKX). */
  longShare: Maybe<Scalars['Float']['output']>;
  /** Long / short as published (as `LongShortRatioBucket.longShortRatio`): the last reading in the bucket. */
  longShortRatio: Scalars['Float']['output'];
  /** Slug of the venue. */
  venue: Scalars['String']['output'];
};

/** A derivatives venue: a centralized exchange or an on-chain perp DEX. */
export type Venue = {
  /** How much of the venue's liquidations Cascade collects: COMPLETE (its feed is documented as complete), LOWER_BOUND (its feed is sampled), NOT_COLLECTED (no source, or a keyed source without a key). `dataSources` says which feed and why. */
  completeness: Completeness;
  /** Stable opaque id of the venue: the same across requests and processes (Postgres row id as a string). */
  id: Scalars['ID']['output'];
  /** The venue's instruments, optionally for one asset ticker. */
  instruments: Array<Instrument>;
  /** CEX (centralized exchange) or DEX (on-chain venue). */
  kind: VenueKind;
  /** True unless `completeness` is COMPLETE: the venue's liquidation totals under-report. Kept for existing clients; derived from `completeness`. */
  liquidationsLowerBound: Scalars['Boolean']['output'];
  /** Display name: "Binance", "Hyperliquid". */
  name: Scalars['String']['output'];
  /** Lower-case slug that every `venue`/`venues` argument takes: "binance". */
  slug: Scalars['String']['output'];
};


/** A derivatives venue: a centralized exchange or an on-chain perp DEX. */
export type VenueInstrumentsArgs = {
  asset?: InputMaybe<Scalars['String']['input']>;
};

/** One venue's mark price against the cross-venue median in one bucket. */
export type VenueDislocation = {
  /** (markPriceUsd / medianMarkPriceUsd − 1) × 10,000, in basis points; negative = trading below the other venues. */
  dislocationBps: Scalars['Float']['output'];
  /** The venue's mark price: the mean over its perpetuals of each one's last mark in the bucket, in each contract's quote currency taken at par (1 USDT = 1 USDC = 1 USD). */
  markPriceUsd: Scalars['Float']['output'];
  /** Median of the OTHER venues’ mark prices in the bucket (this venue left out), USD at par as markPriceUsd. */
  medianMarkPriceUsd: Scalars['Float']['output'];
  /** Bucket start, aligned to the interval's UTC boundary; the bucket covers [start, start + interval). */
  start: Scalars['DateTime']['output'];
  /** The venue compared with the others. */
  venue: Venue;
};

/** CEX: a centralized exchange; DEX: an on-chain venue. */
export type VenueKind =
  /** A centralized exchange (Binance, Bybit, OKX, Deribit): custody and matching run by the operator. */
  | 'CEX'
  /** An on-chain venue (Hyperliquid): positions and liquidations settle on its chain. */
  | 'DEX';

/** One venue's liquidations summed over a window. Where a venue samples its feed or is not collected, its figures under-report: `completeness` (here and on each `Venue`) says which; `dataSources` lists why. */
export type VenueLiquidationTotals = {
  /** How much of the liquidations these sums cover: COMPLETE only when every venue in them (those listing the asset, within the venue filter) is collected completely; see `Venue.completeness`. */
  completeness: Completeness;
  /** Number of liquidation events. */
  count: Scalars['Int']['output'];
  /** longUsd / totalUsd, a fraction in [0, 1]; null when nothing was liquidated. */
  longShare: Maybe<Scalars['Float']['output']>;
  /** USD value of long positions closed. */
  longUsd: Scalars['Float']['output'];
  /** USD value of short positions closed. */
  shortUsd: Scalars['Float']['output'];
  /** longUsd + shortUsd, in USD. */
  totalUsd: Scalars['Float']['output'];
  /** The venue summed; its `completeness` is this row's `completeness`. */
  venue: Venue;
};

/** Who the API takes the caller to be, and what is left of its budget this minute. */
export type Viewer = {
  /** True when no key was sent (allowed only where the server does not require keys). */
  anonymous: Scalars['Boolean']['output'];
  /** Points the caller may spend per minute (per key, or per client address when anonymous); null when budgets are off. */
  budgetPerMinute: Maybe<Scalars['Int']['output']>;
  /** Seconds until the budget is whole again (the minute ends); null when budgets are off. */
  budgetResetsInSeconds: Maybe<Scalars['Int']['output']>;
  /** The visible prefix of the key sent (`csk_<prefix>_…`); null when anonymous. */
  keyPrefix: Maybe<Scalars['String']['output']>;
  /** Points left in the current minute after this request; null when budgets are off. */
  remainingBudget: Maybe<Scalars['Int']['output']>;
  /** What this very request cost, points (src/app/cost.ts; the `viewer` field alone costs 2). */
  requestCost: Maybe<Scalars['Int']['output']>;
  /** What the caller may do. An anonymous caller of a server that allows it may do everything. */
  scopes: Array<ApiKeyScope>;
};

export type LiquidationsOnTenOctoberQueryVariables = Exact<{ [key: string]: never; }>;


export type LiquidationsOnTenOctoberQuery = { byVenue: Array<{ completeness: Completeness, longUsd: number, shortUsd: number, totalUsd: number, count: number, longShare: number | null, venue: { slug: string, completeness: Completeness } }>, btcByHour: Array<{ start: string, longUsd: number, shortUsd: number, longShare: number | null, completeness: Completeness }> };

export type OpenInterestUnderThirtyBillionQueryVariables = Exact<{ [key: string]: never; }>;


export type OpenInterestUnderThirtyBillionQuery = { recoverySignals: { asOf: string, allMet: boolean, conditions: Array<{ name: string, value: number | null, threshold: number, met: boolean }> } | null, openInterestHistory: Array<{ start: string, openInterestUsd: number | null }> };

export type WeeklyEtfInflowsQueryVariables = Exact<{ [key: string]: never; }>;


export type WeeklyEtfInflowsQuery = { weekly: Array<{ start: string, netFlowUsd: number }>, snapshot: { etfNetFlow7dUsd: number | null } | null, hongKong: Array<{ ticker: string, name: string, issuer: string }> };

export type HoldersDistributingWhalesAccumulatingQueryVariables = Exact<{ [key: string]: never; }>;


export type HoldersDistributingWhalesAccumulatingQuery = { marketSnapshot: { lthSupplyChange30d: number | null, whaleSupplyChange30d: number | null, exchangeNetflow7d: number | null } | null, longTermHolders: Array<{ start: string, supply: number | null, change: number | null }>, whales: Array<{ start: string, supply: number | null, change: number | null }> };

export type BookDepthAgainstNormalQueryVariables = Exact<{ [key: string]: never; }>;


export type BookDepthAgainstNormalQuery = { duringTheCascade: { depthRatio: number | null, priceUsd: number | null } | null, now: { depthRatio: number | null, priceUsd: number | null } | null, marketDepthHistory: Array<{ start: string, bidUsd: number | null, askUsd: number | null }> };

export type LiquidationCascadesQueryVariables = Exact<{ [key: string]: never; }>;


export type LiquidationCascadesQuery = { liquidationHistory: Array<{ start: string, totalUsd: number, longShare: number | null, count: number }>, largest: { edges: Array<{ node: { occurredAt: string, side: PositionSide, notionalUsd: number, price: number, venue: { slug: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type HyperliquidDislocationQueryVariables = Exact<{ [key: string]: never; }>;


export type HyperliquidDislocationQuery = { venuePriceDislocation: Array<{ start: string, markPriceUsd: number, medianMarkPriceUsd: number, dislocationBps: number, venue: { slug: string, kind: VenueKind } }> };

export type WhereFiguresComeFromQueryVariables = Exact<{ [key: string]: never; }>;


export type WhereFiguresComeFromQuery = { liquidationSources: Array<{ source: string, venue: string | null, endpoint: string, completeness: Completeness, keyVariable: string | null, documentationUrl: string, documentationRead: string, notes: string | null }>, venues: Array<{ slug: string, completeness: Completeness }> };

export type PositioningBeforeTheCascadeQueryVariables = Exact<{ [key: string]: never; }>;


export type PositioningBeforeTheCascadeQuery = { topTraderPositions: Array<{ venue: string, instrument: string | null, collected: boolean, meaning: string, buckets: Array<{ start: string, at: string | null, longShortRatio: number | null, longShare: number | null, shortShare: number | null }> }>, cascadeHours: Array<{ venue: string, instrument: string | null, buckets: Array<{ start: string, longShortRatio: number | null, coverage: { reportingVenues: Array<string>, missingVenues: Array<string> } }> }>, realigned: { asOf: string, rulesMet: boolean | null, conditions: Array<{ name: string, value: number | null, met: boolean, status: RecoveryConditionStatus, unit: string | null }> } | null };

export type AggressorFlowInTheCascadeQueryVariables = Exact<{ [key: string]: never; }>;


export type AggressorFlowInTheCascadeQuery = { daily: Array<{ start: string, buyUsd: number | null, sellUsd: number | null, netUsd: number | null, buySellRatio: number | null, completeness: Completeness }>, cascadeHours: Array<{ start: string, buySellRatio: number | null, venues: Array<{ buyUsd: number | null, sellUsd: number | null, buySellRatio: number | null, periodsReported: number, completeness: Completeness, venue: { slug: string } }>, coverage: { reportingVenues: Array<string>, missingVenues: Array<string>, notCollectedVenues: Array<string> } }>, sources: Array<{ venue: string | null, endpoint: string, units: string, documentationUrl: string, documentationRead: string }> };

export type BasisIntoTheCascadeQueryVariables = Exact<{ [key: string]: never; }>;


export type BasisIntoTheCascadeQuery = { premium: Array<{ start: string, premiumBps: number | null, averagePremiumBps: number | null, openInterestWeightedPremiumBps: number | null, instrumentCount: number, venues: Array<{ premiumBps: number | null, instrumentCount: number, venue: { slug: string } }>, coverage: { reportingVenues: Array<string>, missingVenues: Array<string> } }>, basis: { contracts: Array<{ symbol: string, expiresAt: string, venue: { slug: string }, points: Array<{ start: string, futuresPrice: number | null, indexPrice: number | null, basisBps: number | null, daysToExpiry: number | null, annualizedBasis: number | null }> }>, nearest: Array<{ start: string, annualizedBasis: number | null, venues: Array<{ symbol: string, daysToExpiry: number, venue: { slug: string } }> }>, coverage: { reportingVenues: Array<string>, missingVenues: Array<string> } } };

export type CoinbasePremiumQueryVariables = Exact<{ [key: string]: never; }>;


export type CoinbasePremiumQuery = { coinbasePremium: Array<{ start: string, closesAt: string | null, coinbaseCloseUsd: number | null, binanceCloseUsdt: number | null, usdtUsd: number | null, premiumBps: number | null, premiumAtParBps: number | null, usdtDeviationBps: number | null, coverage: { reportingSources: Array<string>, missingSources: Array<string>, lastRecordedAt: string | null } }> };

export type LeverageRealignmentRulesQueryVariables = Exact<{ [key: string]: never; }>;


export type LeverageRealignmentRulesQuery = { now: { asOf: string, allMet: boolean, rulesMet: boolean | null, conditions: Array<{ name: string, value: number | null, threshold: number, met: boolean, status: RecoveryConditionStatus, reason: string | null, series: ConditionSeries | null, venue: string | null, comparison: ConditionComparison | null, unit: string | null }> } | null, daily: Array<{ asOf: string, rulesMet: boolean | null, conditions: Array<{ name: string, value: number | null, met: boolean, status: RecoveryConditionStatus }> }> };


export const LiquidationsOnTenOctoberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LiquidationsOnTenOctober"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"byVenue"},"name":{"kind":"Name","value":"liquidationTotalsByVenue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-10-10T00:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-10-11T00:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"completeness"}}]}},{"kind":"Field","name":{"kind":"Name","value":"completeness"}},{"kind":"Field","name":{"kind":"Name","value":"longUsd"}},{"kind":"Field","name":{"kind":"Name","value":"shortUsd"}},{"kind":"Field","name":{"kind":"Name","value":"totalUsd"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"longShare"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"btcByHour"},"name":{"kind":"Name","value":"liquidationHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"H1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-10-10T18:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-10-11T00:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"longUsd"}},{"kind":"Field","name":{"kind":"Name","value":"shortUsd"}},{"kind":"Field","name":{"kind":"Name","value":"longShare"}},{"kind":"Field","name":{"kind":"Name","value":"completeness"}}]}}]}}]} as unknown as DocumentNode<LiquidationsOnTenOctoberQuery, LiquidationsOnTenOctoberQueryVariables>;
export const OpenInterestUnderThirtyBillionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OpenInterestUnderThirtyBillion"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recoverySignals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"at"},"value":{"kind":"StringValue","value":"2025-11-21T23:59:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"allMet"}},{"kind":"Field","name":{"kind":"Name","value":"conditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"openInterestHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"D1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-09-25T00:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-11-22T00:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"openInterestUsd"}}]}}]}}]} as unknown as DocumentNode<OpenInterestUnderThirtyBillionQuery, OpenInterestUnderThirtyBillionQueryVariables>;
export const WeeklyEtfInflowsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WeeklyEtfInflows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"weekly"},"name":{"kind":"Name","value":"etfFlowHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"StringValue","value":"US","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"W1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-09-01T00:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-11-24T00:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"netFlowUsd"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"snapshot"},"name":{"kind":"Name","value":"marketSnapshot"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"at"},"value":{"kind":"StringValue","value":"2025-11-21T23:59:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"etfNetFlow7dUsd"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"hongKong"},"name":{"kind":"Name","value":"etfs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"StringValue","value":"HK","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticker"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}}]}}]}}]} as unknown as DocumentNode<WeeklyEtfInflowsQuery, WeeklyEtfInflowsQueryVariables>;
export const HoldersDistributingWhalesAccumulatingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HoldersDistributingWhalesAccumulating"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"marketSnapshot"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"at"},"value":{"kind":"StringValue","value":"2025-11-21T23:59:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lthSupplyChange30d"}},{"kind":"Field","name":{"kind":"Name","value":"whaleSupplyChange30d"}},{"kind":"Field","name":{"kind":"Name","value":"exchangeNetflow7d"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"longTermHolders"},"name":{"kind":"Name","value":"cohortSupplyHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"cohort"},"value":{"kind":"StringValue","value":"LTH","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"W1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-07-21T00:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-11-24T00:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"supply"}},{"kind":"Field","name":{"kind":"Name","value":"change"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"whales"},"name":{"kind":"Name","value":"cohortSupplyHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"cohort"},"value":{"kind":"StringValue","value":"WHALES","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"W1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-07-21T00:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-11-24T00:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"supply"}},{"kind":"Field","name":{"kind":"Name","value":"change"}}]}}]}}]} as unknown as DocumentNode<HoldersDistributingWhalesAccumulatingQuery, HoldersDistributingWhalesAccumulatingQueryVariables>;
export const BookDepthAgainstNormalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BookDepthAgainstNormal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"duringTheCascade"},"name":{"kind":"Name","value":"marketSnapshot"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"at"},"value":{"kind":"StringValue","value":"2025-10-10T21:59:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"depthRatio"}},{"kind":"Field","name":{"kind":"Name","value":"priceUsd"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"now"},"name":{"kind":"Name","value":"marketSnapshot"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"at"},"value":{"kind":"StringValue","value":"2025-11-21T23:59:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"depthRatio"}},{"kind":"Field","name":{"kind":"Name","value":"priceUsd"}}]}},{"kind":"Field","name":{"kind":"Name","value":"marketDepthHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"H1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-10-10T18:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-10-11T06:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"band"},"value":{"kind":"FloatValue","value":"0.02"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"bidUsd"}},{"kind":"Field","name":{"kind":"Name","value":"askUsd"}}]}}]}}]} as unknown as DocumentNode<BookDepthAgainstNormalQuery, BookDepthAgainstNormalQueryVariables>;
export const LiquidationCascadesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LiquidationCascades"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liquidationHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"H4"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-10-01T00:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-11-22T00:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"totalUsd"}},{"kind":"Field","name":{"kind":"Name","value":"longShare"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"largest"},"name":{"kind":"Name","value":"liquidations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-10-10T20:00:00Z","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-10-10T23:00:00Z","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"minNotionalUsd"},"value":{"kind":"IntValue","value":"20000000"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"side"}},{"kind":"Field","name":{"kind":"Name","value":"notionalUsd"}},{"kind":"Field","name":{"kind":"Name","value":"price"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<LiquidationCascadesQuery, LiquidationCascadesQueryVariables>;
export const HyperliquidDislocationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HyperliquidDislocation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"venuePriceDislocation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"M1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-10-10T20:30:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-10-10T22:30:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"minAbsBps"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"markPriceUsd"}},{"kind":"Field","name":{"kind":"Name","value":"medianMarkPriceUsd"}},{"kind":"Field","name":{"kind":"Name","value":"dislocationBps"}}]}}]}}]} as unknown as DocumentNode<HyperliquidDislocationQuery, HyperliquidDislocationQueryVariables>;
export const WhereFiguresComeFromDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhereFiguresComeFrom"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"liquidationSources"},"name":{"kind":"Name","value":"dataSources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dataset"},"value":{"kind":"StringValue","value":"liquidations","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"completeness"}},{"kind":"Field","name":{"kind":"Name","value":"keyVariable"}},{"kind":"Field","name":{"kind":"Name","value":"documentationUrl"}},{"kind":"Field","name":{"kind":"Name","value":"documentationRead"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"venues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"completeness"}}]}}]}}]} as unknown as DocumentNode<WhereFiguresComeFromQuery, WhereFiguresComeFromQueryVariables>;
export const PositioningBeforeTheCascadeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PositioningBeforeTheCascade"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"topTraderPositions"},"name":{"kind":"Name","value":"longShortRatioHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"definition"},"value":{"kind":"EnumValue","value":"TOP_TRADER_POSITIONS"}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"D1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-09-25T00:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-11-22T00:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"instrument"}},{"kind":"Field","name":{"kind":"Name","value":"collected"}},{"kind":"Field","name":{"kind":"Name","value":"meaning"}},{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"longShortRatio"}},{"kind":"Field","name":{"kind":"Name","value":"longShare"}},{"kind":"Field","name":{"kind":"Name","value":"shortShare"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"cascadeHours"},"name":{"kind":"Name","value":"longShortRatioHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"definition"},"value":{"kind":"EnumValue","value":"GLOBAL_ACCOUNTS"}},{"kind":"Argument","name":{"kind":"Name","value":"venues"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"binance","block":false},{"kind":"StringValue","value":"bybit","block":false}]}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"H1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-10-10T18:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-10-11T02:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"instrument"}},{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"longShortRatio"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportingVenues"}},{"kind":"Field","name":{"kind":"Name","value":"missingVenues"}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"realigned"},"name":{"kind":"Name","value":"recoverySignals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"at"},"value":{"kind":"StringValue","value":"2025-11-21T23:59:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"rules"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"series"},"value":{"kind":"EnumValue","value":"TOP_TRADER_POSITION_LONG_SHORT_RATIO"}},{"kind":"ObjectField","name":{"kind":"Name","value":"venue"},"value":{"kind":"StringValue","value":"binance","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"comparison"},"value":{"kind":"EnumValue","value":"BELOW"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"FloatValue","value":"1.5"}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"Binance top-trader long ratio below 1.5","block":false}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"rulesMet"}},{"kind":"Field","name":{"kind":"Name","value":"conditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"met"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}}]}}]} as unknown as DocumentNode<PositioningBeforeTheCascadeQuery, PositioningBeforeTheCascadeQueryVariables>;
export const AggressorFlowInTheCascadeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AggressorFlowInTheCascade"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"daily"},"name":{"kind":"Name","value":"takerVolumeHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"D1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-10-01T00:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-10-15T00:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"buyUsd"}},{"kind":"Field","name":{"kind":"Name","value":"sellUsd"}},{"kind":"Field","name":{"kind":"Name","value":"netUsd"}},{"kind":"Field","name":{"kind":"Name","value":"buySellRatio"}},{"kind":"Field","name":{"kind":"Name","value":"completeness"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"cascadeHours"},"name":{"kind":"Name","value":"takerVolumeHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"H1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-10-10T18:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-10-11T00:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"buySellRatio"}},{"kind":"Field","name":{"kind":"Name","value":"venues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"buyUsd"}},{"kind":"Field","name":{"kind":"Name","value":"sellUsd"}},{"kind":"Field","name":{"kind":"Name","value":"buySellRatio"}},{"kind":"Field","name":{"kind":"Name","value":"periodsReported"}},{"kind":"Field","name":{"kind":"Name","value":"completeness"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportingVenues"}},{"kind":"Field","name":{"kind":"Name","value":"missingVenues"}},{"kind":"Field","name":{"kind":"Name","value":"notCollectedVenues"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"sources"},"name":{"kind":"Name","value":"dataSources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dataset"},"value":{"kind":"StringValue","value":"taker-volume","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"units"}},{"kind":"Field","name":{"kind":"Name","value":"documentationUrl"}},{"kind":"Field","name":{"kind":"Name","value":"documentationRead"}}]}}]}}]} as unknown as DocumentNode<AggressorFlowInTheCascadeQuery, AggressorFlowInTheCascadeQueryVariables>;
export const BasisIntoTheCascadeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BasisIntoTheCascade"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"premium"},"name":{"kind":"Name","value":"perpetualPremiumHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"H4"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-10-08T00:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-10-13T00:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"premiumBps"}},{"kind":"Field","name":{"kind":"Name","value":"averagePremiumBps"}},{"kind":"Field","name":{"kind":"Name","value":"openInterestWeightedPremiumBps"}},{"kind":"Field","name":{"kind":"Name","value":"instrumentCount"}},{"kind":"Field","name":{"kind":"Name","value":"venues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"premiumBps"}},{"kind":"Field","name":{"kind":"Name","value":"instrumentCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportingVenues"}},{"kind":"Field","name":{"kind":"Name","value":"missingVenues"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"basis"},"name":{"kind":"Name","value":"futuresBasisHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"D1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-10-01T00:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-11-01T00:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contracts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"points"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"futuresPrice"}},{"kind":"Field","name":{"kind":"Name","value":"indexPrice"}},{"kind":"Field","name":{"kind":"Name","value":"basisBps"}},{"kind":"Field","name":{"kind":"Name","value":"daysToExpiry"}},{"kind":"Field","name":{"kind":"Name","value":"annualizedBasis"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"nearest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"annualizedBasis"}},{"kind":"Field","name":{"kind":"Name","value":"venues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"symbol"}},{"kind":"Field","name":{"kind":"Name","value":"daysToExpiry"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportingVenues"}},{"kind":"Field","name":{"kind":"Name","value":"missingVenues"}}]}}]}}]}}]} as unknown as DocumentNode<BasisIntoTheCascadeQuery, BasisIntoTheCascadeQueryVariables>;
export const CoinbasePremiumDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CoinbasePremium"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coinbasePremium"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"H1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-10-10T12:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-10-11T00:00:00Z","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"closesAt"}},{"kind":"Field","name":{"kind":"Name","value":"coinbaseCloseUsd"}},{"kind":"Field","name":{"kind":"Name","value":"binanceCloseUsdt"}},{"kind":"Field","name":{"kind":"Name","value":"usdtUsd"}},{"kind":"Field","name":{"kind":"Name","value":"premiumBps"}},{"kind":"Field","name":{"kind":"Name","value":"premiumAtParBps"}},{"kind":"Field","name":{"kind":"Name","value":"usdtDeviationBps"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportingSources"}},{"kind":"Field","name":{"kind":"Name","value":"missingSources"}},{"kind":"Field","name":{"kind":"Name","value":"lastRecordedAt"}}]}}]}}]}}]} as unknown as DocumentNode<CoinbasePremiumQuery, CoinbasePremiumQueryVariables>;
export const LeverageRealignmentRulesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LeverageRealignmentRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"now"},"name":{"kind":"Name","value":"recoverySignals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"at"},"value":{"kind":"StringValue","value":"2025-11-21T23:59:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"rules"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"series"},"value":{"kind":"EnumValue","value":"FUNDING_RATE_8H"}},{"kind":"ObjectField","name":{"kind":"Name","value":"comparison"},"value":{"kind":"EnumValue","value":"AT_OR_BELOW"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"FloatValue","value":"0.00005"}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"funding at or under 0.5 bp / 8 h","block":false}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"series"},"value":{"kind":"EnumValue","value":"OPEN_INTEREST_USD"}},{"kind":"ObjectField","name":{"kind":"Name","value":"venue"},"value":{"kind":"StringValue","value":"binance","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"comparison"},"value":{"kind":"EnumValue","value":"BELOW"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"FloatValue","value":"15e9"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"series"},"value":{"kind":"EnumValue","value":"DEPTH_RATIO"}},{"kind":"ObjectField","name":{"kind":"Name","value":"comparison"},"value":{"kind":"EnumValue","value":"AT_OR_ABOVE"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"FloatValue","value":"0.9"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"series"},"value":{"kind":"EnumValue","value":"TOP_TRADER_POSITION_LONG_SHORT_RATIO"}},{"kind":"ObjectField","name":{"kind":"Name","value":"venue"},"value":{"kind":"StringValue","value":"binance","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"comparison"},"value":{"kind":"EnumValue","value":"BELOW"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"FloatValue","value":"1.5"}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"top-trader long ratio below 1.5","block":false}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"series"},"value":{"kind":"EnumValue","value":"PERPETUAL_PREMIUM_BP"}},{"kind":"ObjectField","name":{"kind":"Name","value":"comparison"},"value":{"kind":"EnumValue","value":"BELOW"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"IntValue","value":"5"}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"perpetual premium under 5 bp","block":false}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"allMet"}},{"kind":"Field","name":{"kind":"Name","value":"rulesMet"}},{"kind":"Field","name":{"kind":"Name","value":"conditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"met"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"series"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"comparison"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"daily"},"name":{"kind":"Name","value":"recoverySignalHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asset"},"value":{"kind":"StringValue","value":"BTC","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"EnumValue","value":"D1"}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"StringValue","value":"2025-10-01T00:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"StringValue","value":"2025-11-22T00:00:00Z","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"rules"},"value":{"kind":"ListValue","values":[{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"series"},"value":{"kind":"EnumValue","value":"FUNDING_RATE_8H"}},{"kind":"ObjectField","name":{"kind":"Name","value":"comparison"},"value":{"kind":"EnumValue","value":"AT_OR_BELOW"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"FloatValue","value":"0.00005"}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"funding at or under 0.5 bp / 8 h","block":false}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"series"},"value":{"kind":"EnumValue","value":"OPEN_INTEREST_USD"}},{"kind":"ObjectField","name":{"kind":"Name","value":"venue"},"value":{"kind":"StringValue","value":"binance","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"comparison"},"value":{"kind":"EnumValue","value":"BELOW"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"FloatValue","value":"15e9"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"series"},"value":{"kind":"EnumValue","value":"DEPTH_RATIO"}},{"kind":"ObjectField","name":{"kind":"Name","value":"comparison"},"value":{"kind":"EnumValue","value":"AT_OR_ABOVE"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"FloatValue","value":"0.9"}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"series"},"value":{"kind":"EnumValue","value":"TOP_TRADER_POSITION_LONG_SHORT_RATIO"}},{"kind":"ObjectField","name":{"kind":"Name","value":"venue"},"value":{"kind":"StringValue","value":"binance","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"comparison"},"value":{"kind":"EnumValue","value":"BELOW"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"FloatValue","value":"1.5"}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"top-trader long ratio below 1.5","block":false}}]},{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"series"},"value":{"kind":"EnumValue","value":"PERPETUAL_PREMIUM_BP"}},{"kind":"ObjectField","name":{"kind":"Name","value":"comparison"},"value":{"kind":"EnumValue","value":"BELOW"}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"IntValue","value":"5"}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"StringValue","value":"perpetual premium under 5 bp","block":false}}]}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"rulesMet"}},{"kind":"Field","name":{"kind":"Name","value":"conditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"met"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<LeverageRealignmentRulesQuery, LeverageRealignmentRulesQueryVariables>;