/**
 * Point-in-time reads. Every observation table keeps its current rows and, in `<table>_revision`,
 * each row a later write replaced, with the time it was learned (`recorded_at`) and the time it
 * was replaced (`superseded_at`). What Cascade knew at `K` is the current rows learned by `K`
 * plus the replaced rows that were still current at `K`.
 */

/**
 * A FROM-clause source for `table` as known at the timestamptz expression `knownAt` (a
 * parameter such as `$5`), aliased `alias`. With no `knownAt` it is simply the table, so the
 * common case costs nothing.
 */
export function knownAtSource(table: string, alias: string, knownAt?: string | null): string {
  if (!knownAt) return `${table} ${alias}`;
  const columns = tableColumns[table];
  if (!columns) throw new Error(`no point-in-time column list for table ${table}`);
  const list = columns.join(', ');
  return `(
    SELECT ${list} FROM ${table} WHERE recorded_at <= ${knownAt}
    UNION ALL
    SELECT ${list} FROM ${table}_revision WHERE recorded_at <= ${knownAt} AND superseded_at > ${knownAt}
  ) ${alias}`;
}

/** Column lists of the observation tables, in table order (see the initial migration). */
const tableColumns: Record<string, string[]> = {
  candle: ['asset_id', 'resolution', 'start', 'open', 'high', 'low', 'close', 'volume_usd', 'source', 'origin', 'recorded_at'],
  open_interest: ['asset_id', 'instrument_id', 'at', 'open_interest_usd', 'open_interest_contracts', 'origin', 'recorded_at'],
  funding_rate: ['asset_id', 'instrument_id', 'at', 'rate', 'interval_hours', 'origin', 'recorded_at'],
  mark_price: ['asset_id', 'instrument_id', 'at', 'mark_price', 'index_price', 'origin', 'recorded_at'],
  order_book_depth: ['asset_id', 'instrument_id', 'at', 'mid_price', 'bid_usd_1pct', 'ask_usd_1pct', 'bid_usd_2pct', 'ask_usd_2pct', 'depth_gap', 'origin', 'recorded_at'],
  etf_flow: ['asset_id', 'etf_id', 'day', 'net_flow_usd', 'holdings', 'origin', 'recorded_at'],
  cohort_supply: ['asset_id', 'cohort_id', 'day', 'supply', 'origin', 'recorded_at'],
  exchange_flow: ['asset_id', 'day', 'inflow', 'outflow', 'origin', 'recorded_at'],
  positioning_ratio: ['asset_id', 'venue_id', 'kind', 'scope', 'period', 'at', 'long_short_ratio', 'long_share', 'short_share', 'origin', 'recorded_at'],
  source_candle: ['asset_id', 'source', 'resolution', 'start', 'quote_currency', 'open', 'high', 'low', 'close', 'volume_quote', 'origin', 'recorded_at'],
  stablecoin_rate: ['currency', 'source', 'resolution', 'start', 'open', 'high', 'low', 'close', 'origin', 'recorded_at'],
  taker_volume: ['asset_id', 'instrument_id', 'at', 'buy_usd', 'sell_usd', 'buy_published', 'sell_published', 'published_unit', 'published_ratio', 'usd_price', 'origin', 'recorded_at'],
};
