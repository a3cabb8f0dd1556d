-- The PostGraphile baselines' view of a Cascade database: schema bench_pg only, read-only views
-- and functions over Cascade's own tables (public), installed by bench/baselines/index.mjs
-- prepareDatabase(). Cascade's tables, migrations and data are never written.
--
-- Each object answers one bench scenario with the SQL Cascade itself runs, so PostGraphile returns
-- the same rows and numbers and the race compares servers, not queries. This file is a template:
-- index.mjs replaces each {{cascade:…}} with the statement Cascade's build (dist/) sends for it,
-- captured by calling the domain service with a recording Db, so a change to Cascade's SQL
-- reaches the baselines without anyone copying it (and changes the schema's version marker).
-- The views for scenarios a, b and d are written here (PostGraphile generates their SELECTs).
-- Views carry smart tags (primary keys, foreign keys, unique slugs/tickers) so PostGraphile 4
-- and 5 build the relations a PostGraphile user would query: venueBySlug → instruments →
-- venue/asset, assetBySymbol → liquidations.

CREATE SCHEMA bench_pg;

-- (a) venues. Cascade serves them from its in-process registry (src/domains/shared/registry.ts).
CREATE VIEW bench_pg.venue AS
  SELECT id, slug, name, kind, liquidation_completeness <> 'COMPLETE' AS liquidations_lower_bound FROM public.venue;
COMMENT ON VIEW bench_pg.venue IS E'@primaryKey id\n@unique slug\nA derivatives venue.';

CREATE VIEW bench_pg.asset AS
  SELECT id, symbol, name, circulating_supply FROM public.asset;
COMMENT ON VIEW bench_pg.asset IS E'@primaryKey id\n@unique symbol\nAn asset (BTC, ETH, SOL).';

-- (b) instruments of a venue (src/domains/venues/instrument.service.ts: every instrument, active
-- or not, ordered venue then symbol; PostGraphile orders by SYMBOL_ASC within the venue).
CREATE VIEW bench_pg.instrument AS
  SELECT id, venue_id, asset_id, symbol, contract_type, margin_type, quote_currency, contract_size,
         expires_at, active, funding_interval_hours
  FROM public.instrument;
-- The two fake foreign keys to the "latest" views below give Instrument the object fields
-- latestOpenInterest and latestFunding (null when the instrument has no reading).
COMMENT ON VIEW bench_pg.instrument IS E'@primaryKey id\n@foreignKey (venue_id) references bench_pg.venue (id)\n@foreignKey (asset_id) references bench_pg.asset (id)\n@foreignKey (id) references bench_pg.latest_open_interest (instrument_id)|@fieldName latestOpenInterest\n@foreignKey (id) references bench_pg.latest_funding (instrument_id)|@fieldName latestFunding\nA derivatives contract.';

-- Each instrument's latest open interest and latest funding: the two primary-key probes of
-- src/domains/venues/latest-readings.ts (latest row by `at` for the instrument). Views rather
-- than computed-column functions because Postgres inlines a view into PostGraphile's statement
-- (a lateral index probe per instrument, as Cascade's), while a function returning one
-- composite row is executed call by call, several times slower for a page of 50 instruments.
CREATE VIEW bench_pg.latest_open_interest AS
  SELECT i.id AS instrument_id, o.at, o.open_interest_usd, o.open_interest_contracts
  FROM public.instrument i
  CROSS JOIN LATERAL (SELECT at, open_interest_usd, open_interest_contracts FROM public.open_interest
                      WHERE asset_id = i.asset_id AND instrument_id = i.id ORDER BY at DESC LIMIT 1) o;
COMMENT ON VIEW bench_pg.latest_open_interest IS E'@primaryKey instrument_id\nThe latest open interest reported for an instrument.';

CREATE VIEW bench_pg.latest_funding AS
  -- annualized_rate as src/domains/funding/funding.types.ts toFundingPoint computes it.
  SELECT i.id AS instrument_id, f.at, f.rate, f.interval_hours, f.rate * ((24 * 365)::float8 / f.interval_hours) AS annualized_rate
  FROM public.instrument i
  CROSS JOIN LATERAL (SELECT at, rate, interval_hours FROM public.funding_rate
                      WHERE asset_id = i.asset_id AND instrument_id = i.id ORDER BY at DESC LIMIT 1) f;
COMMENT ON VIEW bench_pg.latest_funding IS E'@primaryKey instrument_id\nThe latest funding rate known for an instrument.';

-- (d) liquidation events. `id` alone is unique (one sequence); Cascade's page order is
-- occurred_at DESC, id DESC, which PostGraphile gets from orderBy [OCCURRED_AT_DESC, ROW_ID_DESC]
-- and serves from liquidation_asset_page_idx like Cascade (src/domains/liquidations/liquidation.service.ts).
CREATE VIEW bench_pg.liquidation AS
  SELECT id, asset_id, venue_id, instrument_id, side, price, quantity, notional_usd, occurred_at, origin
  FROM public.liquidation;
COMMENT ON VIEW bench_pg.liquidation IS E'@primaryKey id\n@foreignKey (asset_id) references bench_pg.asset (id)\n@foreignKey (venue_id) references bench_pg.venue (id)\n@foreignKey (instrument_id) references bench_pg.instrument (id)\nOne forced closure of a position.';
-- PostGraphile 5 renames an `id` column to `rowId` (its Node interface owns `id`); naming it
-- row_id here gives both versions the same field (rowId) and order (ROW_ID_DESC), so one
-- GraphQL document serves 4 and 5.
COMMENT ON COLUMN bench_pg.liquidation.id IS '@name row_id';

-- (c) liquidationHistory: src/domains/liquidations/liquidation.rollup.ts findLiquidationBuckets
-- (captured) with the range arithmetic and checks of src/domains/shared/series.ts bucketRange.
CREATE TYPE bench_pg.bucket_interval AS ENUM ('M1', 'M5', 'M15', 'H1', 'H4', 'D1', 'W1');
CREATE TYPE bench_pg.liquidation_bucket AS (start timestamptz, long_usd float8, short_usd float8, total_usd float8, count int, long_share float8);

CREATE FUNCTION bench_pg.liquidation_history(asset text, "interval" bench_pg.bucket_interval, "from" timestamptz,
                                             "to" timestamptz DEFAULT NULL, venues text[] DEFAULT NULL)
RETURNS SETOF bench_pg.liquidation_bucket
LANGUAGE plpgsql STABLE PARALLEL SAFE SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  v_asset int;
  v_venues int[];
  v_step text;
  v_step_ms bigint;
  v_end timestamptz := coalesce($4, now());
  v_first timestamptz;
  v_count bigint;
  v_data_end timestamptz;
BEGIN
  SELECT id INTO v_asset FROM public.asset WHERE symbol = upper(trim($1));
  IF v_asset IS NULL THEN RAISE EXCEPTION 'Unknown asset "%" in `asset`', $1 USING ERRCODE = '22023'; END IF;
  IF $5 IS NOT NULL AND cardinality($5) > 0 THEN
    SELECT array_agg(DISTINCT v.id) INTO v_venues FROM public.venue v WHERE v.slug IN (SELECT lower(trim(s)) FROM unnest($5) s);
    IF coalesce(cardinality(v_venues), 0) < (SELECT count(DISTINCT lower(trim(s))) FROM unnest($5) s) THEN
      RAISE EXCEPTION 'Unknown venue in `venues`' USING ERRCODE = '22023';
    END IF;
  END IF;
  IF $3 >= v_end THEN RAISE EXCEPTION '`from` must be before `to`' USING ERRCODE = '22023'; END IF;
  -- intervalSql / intervalMs of src/domains/shared/series.ts.
  SELECT s.sql, s.ms INTO v_step, v_step_ms FROM (VALUES
    ('M1', '1 minute', 60000), ('M5', '5 minutes', 300000), ('M15', '15 minutes', 900000), ('H1', '1 hour', 3600000),
    ('H4', '4 hours', 14400000), ('D1', '1 day', 86400000), ('W1', '7 days', 604800000)) s(name, sql, ms)
  WHERE s.name = $2::text;
  v_first := date_bin(v_step::interval, $3, timestamptz '2000-01-03T00:00:00Z');
  v_count := ceil(extract(epoch FROM v_end - v_first) * 1000 / v_step_ms);
  IF v_count > 10000 THEN RAISE EXCEPTION 'The range would return % buckets; the limit is 10000', v_count USING ERRCODE = '22023'; END IF;
  v_data_end := v_first + (v_count * v_step_ms) * interval '1 millisecond';
  -- Cascade's own statement (findLiquidationBuckets, captured from the build by index.mjs), with
  -- its parameters ($1 first bucket, $2 end, $3 step, $4 asset, $5 data end, $6 venue ids, and
  -- for raw events $7 knownAt) and its choice of source: hourly and coarser from the rollup,
  -- M1–M15 from raw events. The rollup statement is static SQL, prepared once per connection
  -- with one generic plan (the function's plan_cache_mode), as Cascade's read pool runs it
  -- (PoolOptions.genericPlans); the raw one is planned per call with its values (EXECUTE).
  -- It is the variant Cascade's planned liquidationHistory runs (withCoverage false: no venue
  -- lists per bucket), so both servers ask Postgres for the same work.
  IF v_step_ms >= 3600000 THEN
    RETURN QUERY
      SELECT c.start::timestamptz, c.long_usd::float8, c.short_usd::float8, (c.long_usd + c.short_usd)::float8, c.event_count::int,
             (CASE WHEN c.long_usd + c.short_usd > 0 THEN c.long_usd / (c.long_usd + c.short_usd) END)::float8
      FROM ({{cascade:liquidationBucketsRollup:v_first,v_end,v_step,v_asset,v_data_end,v_venues}}) c ORDER BY c.start;
  ELSE
    RETURN QUERY EXECUTE $cascade$
      SELECT c.start::timestamptz, c.long_usd::float8, c.short_usd::float8, (c.long_usd + c.short_usd)::float8, c.event_count::int,
             (CASE WHEN c.long_usd + c.short_usd > 0 THEN c.long_usd / (c.long_usd + c.short_usd) END)::float8
      FROM ({{cascade:liquidationBucketsRaw}}) c ORDER BY c.start
    $cascade$ USING v_first, v_end, v_step, v_asset, v_data_end, v_venues, NULL::timestamptz;
  END IF;
END $$;
COMMENT ON FUNCTION bench_pg.liquidation_history(text, bench_pg.bucket_interval, timestamptz, timestamptz, text[]) IS
  'Liquidations of one asset per bucket, gap-filled (every bucket whose start lies in [from, to)).';

-- (e) marketSnapshot: src/domains/signals/signals.sql.ts findSnapshot (captured: the current,
-- non-knownAt statement) and the figures src/domains/signals/signals.service.ts derives from its row.
CREATE TYPE bench_pg.liquidation_totals AS (long_usd float8, short_usd float8, total_usd float8, count int, long_share float8);
CREATE TYPE bench_pg.market_snapshot AS (
  as_of timestamptz,
  price_usd float8,
  change24h float8,
  drawdown_from_high float8,
  rsi14 float8,
  open_interest_usd float8,
  open_interest_change24h_usd float8,
  leverage_ratio float8,
  open_interest_weighted_funding float8,
  liquidations24h bench_pg.liquidation_totals,
  etf_net_flow7d_usd float8,
  lth_supply_change30d float8,
  whale_supply_change30d float8,
  exchange_netflow7d float8,
  depth_ratio float8
);

-- src/domains/signals/rsi.ts wilderRsi, operation for operation (float8 is the same IEEE double).
CREATE FUNCTION bench_pg.wilder_rsi(closes float8[], period int DEFAULT 14) RETURNS float8
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  n int := coalesce(cardinality(closes), 0);
  gain float8 := 0;
  loss float8 := 0;
  change float8;
BEGIN
  IF n < period + 1 THEN RETURN NULL; END IF;
  -- PL/pgSQL arrays are 1-based: JS index i is closes[i + 1].
  FOR i IN 1..period LOOP
    change := closes[i + 1] - closes[i];
    IF change > 0 THEN gain := gain + change; ELSE loss := loss - change; END IF;
  END LOOP;
  gain := gain / period;
  loss := loss / period;
  FOR i IN period + 1..n - 1 LOOP
    change := closes[i + 1] - closes[i];
    gain := (gain * (period - 1) + greatest(change, 0)) / period;
    loss := (loss * (period - 1) + greatest(-change, 0)) / period;
  END LOOP;
  IF loss = 0 THEN RETURN CASE WHEN gain = 0 THEN 50 ELSE 100 END; END IF;
  RETURN 100 - 100 / (1 + gain / loss);
END $$;

CREATE FUNCTION bench_pg.market_snapshot(asset text, at timestamptz DEFAULT NULL) RETURNS bench_pg.market_snapshot
LANGUAGE plpgsql STABLE PARALLEL SAFE SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  p_asset int;
  p_at timestamptz := coalesce($2, now());
  window_start timestamptz := p_at - interval '24 hours';
  -- splitAtHours(window_start, at) of src/domains/liquidations/liquidation.rollup.ts.
  p_hours_from timestamptz := date_bin('1 hour', window_start, timestamptz 'epoch')
                              + CASE WHEN date_bin('1 hour', window_start, timestamptz 'epoch') < window_start THEN interval '1 hour' ELSE interval '0' END;
  p_hours_to timestamptz := date_bin('1 hour', p_at, timestamptz 'epoch');
  p_head_to timestamptz;
  p_tail_from timestamptz;
  r record;
  result bench_pg.market_snapshot;
BEGIN
  SELECT id INTO p_asset FROM public.asset WHERE symbol = upper(trim($1));
  IF p_asset IS NULL THEN RAISE EXCEPTION 'Unknown asset "%" in `asset`', $1 USING ERRCODE = '22023'; END IF;
  IF p_hours_from >= p_hours_to THEN
    p_hours_from := p_at; p_hours_to := p_at; p_head_to := p_at; p_tail_from := p_at;
  ELSE
    p_head_to := p_hours_from; p_tail_from := p_hours_to;
  END IF;
  -- Cascade's own statement (signals.sql.ts via findSnapshot, captured from the build by
  -- index.mjs), its parameters ($1 asset, $2 at, $3..$6 the hour split) bound to these
  -- variables. Static SQL: PL/pgSQL prepares it once per connection and, with the function's
  -- plan_cache_mode, keeps one generic plan, as Cascade's read pool does (PoolOptions.genericPlans).
  SELECT * INTO r FROM ({{cascade:snapshot:p_asset,p_at,p_hours_from,p_hours_to,p_head_to,p_tail_from}}) cascade_snapshot;

  -- signals.service.ts marketSnapshot: JS truthiness (`x ? … : null`) is "not null and not 0" here.
  result.as_of := p_at;
  result.price_usd := r.price;
  result.change24h := CASE WHEN r.price IS NOT NULL AND r.price_24h_ago <> 0 THEN r.price / r.price_24h_ago - 1 END;
  result.drawdown_from_high := CASE WHEN r.price IS NOT NULL AND r.high_close <> 0 THEN 1 - r.price / r.high_close END;
  result.rsi14 := CASE WHEN r.price IS NOT NULL THEN bench_pg.wilder_rsi(coalesce(r.daily_closes, '{}') || r.price) END;
  result.open_interest_usd := r.open_interest_usd;
  result.open_interest_change24h_usd := r.open_interest_usd - r.open_interest_usd_24h_ago;
  result.leverage_ratio := CASE WHEN r.open_interest_usd IS NOT NULL AND r.price IS NOT NULL AND r.circulating_supply <> 0
                                THEN r.open_interest_usd / (r.price * r.circulating_supply) END;
  result.open_interest_weighted_funding := r.oi_weighted_funding;
  -- toTotals of src/domains/liquidations/liquidation.types.ts.
  result.liquidations24h := ROW(r.long_usd, r.short_usd, r.long_usd + r.short_usd, r.event_count,
                                CASE WHEN r.long_usd + r.short_usd > 0 THEN r.long_usd / (r.long_usd + r.short_usd) END)::bench_pg.liquidation_totals;
  result.etf_net_flow7d_usd := r.etf_net_flow_7d;
  result.lth_supply_change30d := r.lth_change_30d;
  result.whale_supply_change30d := r.whale_change_30d;
  result.exchange_netflow7d := r.exchange_netflow_7d;
  result.depth_ratio := CASE WHEN r.depth_now IS NOT NULL AND r.depth_median_30d <> 0 THEN r.depth_now / r.depth_median_30d END;
  RETURN result;
END $$;
COMMENT ON FUNCTION bench_pg.market_snapshot(text, timestamptz) IS
  'The asset''s market structure at `at` (default now), every figure from data at or before it.';

