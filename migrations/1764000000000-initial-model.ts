import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole first model. Conventions held by every observation table:
 * - `asset_id` leads every unique key, so the tables can be distributed by asset (Citus) and
 *   co-located with their rollups without rewriting keys;
 * - `origin` says where a row came from, `recorded_at` when Cascade learned it;
 * - a `<table>_revision` twin keeps every value that a later write replaced (see src/db/bulk.ts).
 */
const observationTables: Array<{ name: string; columns: string; key: string }> = [
  {
    name: 'candle',
    columns: `asset_id int NOT NULL REFERENCES asset(id),
      resolution text NOT NULL CHECK (resolution IN ('M1','D1')),
      start timestamptz NOT NULL,
      open double precision, high double precision, low double precision, close double precision,
      volume_usd double precision NOT NULL DEFAULT 0,
      source text NOT NULL`,
    key: 'asset_id, resolution, start',
  },
  {
    name: 'open_interest',
    columns: `asset_id int NOT NULL REFERENCES asset(id),
      instrument_id int NOT NULL REFERENCES instrument(id),
      at timestamptz NOT NULL,
      open_interest_usd double precision NOT NULL,
      open_interest_contracts double precision`,
    key: 'asset_id, instrument_id, at',
  },
  {
    name: 'funding_rate',
    columns: `asset_id int NOT NULL REFERENCES asset(id),
      instrument_id int NOT NULL REFERENCES instrument(id),
      at timestamptz NOT NULL,
      rate double precision NOT NULL,
      interval_hours double precision NOT NULL CHECK (interval_hours > 0)`,
    key: 'asset_id, instrument_id, at',
  },
  {
    name: 'mark_price',
    columns: `asset_id int NOT NULL REFERENCES asset(id),
      instrument_id int NOT NULL REFERENCES instrument(id),
      at timestamptz NOT NULL,
      mark_price double precision NOT NULL,
      index_price double precision`,
    key: 'asset_id, instrument_id, at',
  },
  {
    name: 'order_book_depth',
    columns: `asset_id int NOT NULL REFERENCES asset(id),
      instrument_id int NOT NULL REFERENCES instrument(id),
      at timestamptz NOT NULL,
      mid_price double precision NOT NULL,
      bid_usd_1pct double precision NOT NULL, ask_usd_1pct double precision NOT NULL,
      bid_usd_2pct double precision NOT NULL, ask_usd_2pct double precision NOT NULL`,
    key: 'asset_id, instrument_id, at',
  },
  {
    name: 'etf_flow',
    columns: `asset_id int NOT NULL REFERENCES asset(id),
      etf_id int NOT NULL REFERENCES etf(id),
      day date NOT NULL,
      net_flow_usd double precision NOT NULL,
      holdings double precision`,
    key: 'asset_id, etf_id, day',
  },
  {
    name: 'cohort_supply',
    columns: `asset_id int NOT NULL REFERENCES asset(id),
      cohort_id int NOT NULL REFERENCES holder_cohort(id),
      day date NOT NULL,
      supply double precision NOT NULL`,
    key: 'asset_id, cohort_id, day',
  },
  {
    name: 'exchange_flow',
    columns: `asset_id int NOT NULL REFERENCES asset(id),
      day date NOT NULL,
      inflow double precision NOT NULL,
      outflow double precision NOT NULL`,
    key: 'asset_id, day',
  },
];

export class InitialModel1764000000000 implements MigrationInterface {
  name = 'InitialModel1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE data_origin AS ENUM ('LIVE','BACKFILL','IMPORT','SAMPLE');
      CREATE TYPE venue_kind AS ENUM ('CEX','DEX');
      CREATE TYPE contract_type AS ENUM ('PERPETUAL','FUTURE');
      CREATE TYPE margin_type AS ENUM ('LINEAR','INVERSE');
      CREATE TYPE position_side AS ENUM ('LONG','SHORT');

      CREATE TABLE asset (
        id serial PRIMARY KEY,
        symbol text NOT NULL UNIQUE CHECK (symbol = upper(symbol)),
        name text NOT NULL
      );
      CREATE TABLE venue (
        id serial PRIMARY KEY,
        slug text NOT NULL UNIQUE CHECK (slug = lower(slug)),
        name text NOT NULL,
        kind venue_kind NOT NULL,
        -- Binance's force-order stream sends at most one liquidation per symbol per second.
        liquidations_lower_bound boolean NOT NULL DEFAULT false
      );
      CREATE TABLE instrument (
        id serial PRIMARY KEY,
        venue_id int NOT NULL REFERENCES venue(id),
        asset_id int NOT NULL REFERENCES asset(id),
        symbol text NOT NULL,
        contract_type contract_type NOT NULL,
        margin_type margin_type NOT NULL,
        quote_currency text NOT NULL,
        contract_size double precision NOT NULL CHECK (contract_size > 0),
        expires_at timestamptz,
        active boolean NOT NULL DEFAULT true,
        funding_interval_hours double precision,
        origin data_origin NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (venue_id, symbol)
      );
      CREATE INDEX instrument_asset_idx ON instrument (asset_id, venue_id);

      CREATE TABLE etf (
        id serial PRIMARY KEY,
        ticker text NOT NULL UNIQUE,
        name text NOT NULL,
        issuer text NOT NULL,
        asset_id int NOT NULL REFERENCES asset(id),
        region text NOT NULL CHECK (region ~ '^[A-Z]{2}$'),
        exchange text,
        listed_on date
      );
      CREATE INDEX etf_asset_idx ON etf (asset_id, region);

      CREATE TABLE holder_cohort (
        id serial PRIMARY KEY,
        asset_id int NOT NULL REFERENCES asset(id),
        slug text NOT NULL CHECK (slug = upper(slug)),
        name text NOT NULL,
        definition text NOT NULL,
        UNIQUE (asset_id, slug)
      );
    `);

    for (const t of observationTables) {
      await q.query(`
        CREATE TABLE ${t.name} (
          ${t.columns},
          origin data_origin NOT NULL,
          recorded_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (${t.key})
        );
        CREATE TABLE ${t.name}_revision (
          LIKE ${t.name},
          superseded_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX ${t.name}_revision_key_idx ON ${t.name}_revision (${t.key}, recorded_at);
      `);
    }
    // Series read "latest per instrument in a bucket" and "latest at or before": time-leading
    // indexes per asset serve both, the primary keys serve per-instrument look-ups.
    await q.query(`
      CREATE INDEX open_interest_asset_at_idx ON open_interest (asset_id, at);
      CREATE INDEX funding_rate_asset_at_idx ON funding_rate (asset_id, at);
      CREATE INDEX mark_price_asset_at_idx ON mark_price (asset_id, at);
      CREATE INDEX order_book_depth_asset_at_idx ON order_book_depth (asset_id, at);
      CREATE INDEX etf_flow_asset_day_idx ON etf_flow (asset_id, day);
    `);

    await q.query(`
      CREATE SEQUENCE liquidation_id_seq AS bigint;
      CREATE TABLE liquidation (
        id bigint NOT NULL DEFAULT nextval('liquidation_id_seq'),
        asset_id int NOT NULL,
        venue_id int NOT NULL,
        instrument_id int NOT NULL,
        side position_side NOT NULL,
        price double precision NOT NULL CHECK (price > 0),
        quantity double precision NOT NULL CHECK (quantity > 0),
        notional_usd double precision NOT NULL CHECK (notional_usd >= 0),
        occurred_at timestamptz NOT NULL,
        -- The venue's own id where it sends one, else a digest of the event's fields.
        event_key text NOT NULL,
        price_kind text NOT NULL DEFAULT 'FILL' CHECK (price_kind IN ('FILL','BANKRUPTCY')),
        origin data_origin NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (asset_id, occurred_at, id),
        UNIQUE (asset_id, venue_id, occurred_at, event_key)
      ) PARTITION BY RANGE (occurred_at);
      ALTER SEQUENCE liquidation_id_seq OWNED BY liquidation.id;
      -- Rows outside every monthly partition land here instead of failing the batch.
      CREATE TABLE liquidation_default PARTITION OF liquidation DEFAULT;
      CREATE INDEX liquidation_page_idx ON liquidation (occurred_at DESC, id DESC);
      CREATE INDEX liquidation_asset_page_idx ON liquidation (asset_id, occurred_at DESC, id DESC);

      -- Monthly partitions are made on demand by the writers (see src/db/partitions.ts).
      CREATE FUNCTION cascade_ensure_liquidation_partition(month_start timestamptz) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        lower_bound timestamptz := date_trunc('month', month_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
        upper_bound timestamptz := lower_bound + interval '1 month';
        part_name text := 'liquidation_' || to_char(lower_bound AT TIME ZONE 'UTC', 'YYYY_MM');
      BEGIN
        IF to_regclass(part_name) IS NOT NULL THEN RETURN; END IF;
        -- Take the default partition's matching rows out first: Postgres refuses to attach a
        -- range that the default partition already holds rows for.
        PERFORM pg_advisory_xact_lock(hashtext('cascade_liquidation_partitions'));
        IF to_regclass(part_name) IS NOT NULL THEN RETURN; END IF;
        EXECUTE format('CREATE TABLE %I (LIKE liquidation INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part_name);
        EXECUTE format('WITH moved AS (DELETE FROM liquidation_default WHERE occurred_at >= %L AND occurred_at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved', lower_bound, upper_bound, part_name);
        EXECUTE format('ALTER TABLE liquidation ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part_name, lower_bound, upper_bound);
      END $$;

      -- Kept in step with liquidation by the same statement that inserts events, so the
      -- hourly-and-coarser history never scans raw events.
      CREATE TABLE liquidation_hourly (
        asset_id int NOT NULL,
        venue_id int NOT NULL,
        side position_side NOT NULL,
        hour timestamptz NOT NULL,
        notional_usd double precision NOT NULL,
        quantity double precision NOT NULL,
        event_count int NOT NULL,
        PRIMARY KEY (asset_id, hour, venue_id, side)
      );
    `);

    await q.query(`
      CREATE TABLE ingestion_run (
        id bigserial PRIMARY KEY,
        source text NOT NULL,
        dataset text NOT NULL,
        window_from timestamptz,
        window_to timestamptz,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        status text NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING','SUCCEEDED','FAILED')),
        rows_written int NOT NULL DEFAULT 0,
        error text
      );
      CREATE INDEX ingestion_run_source_idx ON ingestion_run (source, dataset, finished_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS ingestion_run;
      DROP TABLE IF EXISTS liquidation_hourly;
      DROP FUNCTION IF EXISTS cascade_ensure_liquidation_partition(timestamptz);
      DROP TABLE IF EXISTS liquidation CASCADE;
    `);
    for (const t of [...observationTables].reverse()) {
      await q.query(`DROP TABLE IF EXISTS ${t.name}_revision; DROP TABLE IF EXISTS ${t.name};`);
    }
    await q.query(`
      DROP TABLE IF EXISTS holder_cohort;
      DROP TABLE IF EXISTS etf;
      DROP TABLE IF EXISTS instrument;
      DROP TABLE IF EXISTS venue;
      DROP TABLE IF EXISTS asset;
      DROP TYPE IF EXISTS position_side;
      DROP TYPE IF EXISTS margin_type;
      DROP TYPE IF EXISTS contract_type;
      DROP TYPE IF EXISTS venue_kind;
      DROP TYPE IF EXISTS data_origin;
    `);
  }
}
