import { JsonShape } from '../shared/planned/json-shape';
import { lowerBoundSql } from '../shared/completeness';
import { assetShape } from '../assets/asset.shape';
import { fundingPointShape } from '../funding/funding.shape';
import { openInterestPointShape } from '../open-interest/open-interest.shape';

/** Joins onto an instrument row aliased `i`: its newest open-interest row as `alias` (primary-key order). */
const latestOpenInterestJoin = (i: string, alias: string) => `
     LEFT JOIN LATERAL (SELECT at, open_interest_usd, open_interest_contracts FROM open_interest
                        WHERE asset_id = ${i}.asset_id AND instrument_id = ${i}.id ORDER BY at DESC LIMIT 1) ${alias} ON true`;

/** Joins onto an instrument row aliased `i`: its newest funding row as `alias` (primary-key order). */
const latestFundingJoin = (i: string, alias: string) => `
     LEFT JOIN LATERAL (SELECT at, rate, interval_hours FROM funding_rate
                        WHERE asset_id = ${i}.asset_id AND instrument_id = ${i}.id ORDER BY at DESC LIMIT 1) ${alias} ON true`;

/** Venue from a `venue` row aliased `alias`: planned JSON, the registry's records (shared/registry.ts) and toVenueType. */
export const venueShape = (alias: string): JsonShape => ({
  typename: 'Venue',
  fields: {
    id: { sql: `${alias}.id`, kind: 'id' },
    slug: { sql: `${alias}.slug`, kind: 'text' },
    name: { sql: `${alias}.name`, kind: 'text' },
    kind: { sql: `${alias}.kind`, kind: 'token' },
    completeness: { sql: `${alias}.liquidation_completeness`, kind: 'token' },
    liquidationsLowerBound: { sql: lowerBoundSql(alias), kind: 'boolean' },
  },
  carried: { venueId: `${alias}.id` },
  resolverOnly: { instruments: 'Takes an argument (asset): the instrument loaders answer it (venues/venue.resolver.ts).' },
});

/**
 * Instrument from an `instrument` row aliased `i`: planned JSON, the resolvers' rows
 * (instrument.service.ts, toInstrumentType) and the latest readings they join
 * (latest-readings.ts). Its venue, asset and latest readings come through joins named after `i`,
 * so two instruments in one statement would need another alias (none of the plans has two).
 */
export const instrumentShape = (i: string): JsonShape => ({
  typename: 'Instrument',
  fields: {
    id: { sql: `${i}.id`, kind: 'id' },
    symbol: { sql: `${i}.symbol`, kind: 'text' },
    contractType: { sql: `${i}.contract_type`, kind: 'token' },
    marginType: { sql: `${i}.margin_type`, kind: 'token' },
    quoteCurrency: { sql: `${i}.quote_currency`, kind: 'text' },
    contractSize: { sql: `${i}.contract_size`, kind: 'number' },
    expiresAt: { sql: `${i}.expires_at`, kind: 'dateTime', nullable: true },
    active: { sql: `${i}.active`, kind: 'boolean' },
    fundingIntervalHours: { sql: `${i}.funding_interval_hours`, kind: 'number', nullable: true },
    venue: { shape: venueShape(`${i}_v`), join: { alias: `${i}_v`, sql: `JOIN venue ${i}_v ON ${i}_v.id = ${i}.venue_id` } },
    asset: { shape: assetShape(`${i}_a`), join: { alias: `${i}_a`, sql: `JOIN asset ${i}_a ON ${i}_a.id = ${i}.asset_id` } },
    // The newest-row probes the resolvers read too (latest-readings.ts), with the fields' null rules.
    latestOpenInterest: {
      shape: openInterestPointShape(`${i}_o`),
      join: { alias: `${i}_o`, sql: latestOpenInterestJoin(i, `${i}_o`) },
      nullWhen: `${i}_o.at IS NULL OR ${i}_o.open_interest_usd IS NULL`,
    },
    latestFunding: {
      shape: fundingPointShape(`${i}_f`),
      join: { alias: `${i}_f`, sql: latestFundingJoin(i, `${i}_f`) },
      nullWhen: `${i}_f.at IS NULL OR ${i}_f.rate IS NULL OR ${i}_f.interval_hours IS NULL`,
    },
  },
  carried: { instrumentId: `${i}.id`, venueId: `${i}.venue_id`, assetId: `${i}.asset_id` },
});
