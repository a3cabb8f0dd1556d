import { JsonShape, sqlScalar } from '../shared/planned/json-shape';
import { lowerBoundSql } from '../shared/completeness';
import { assetShape } from '../assets/asset.shape';
import { fundingPointShape } from '../funding/funding.shape';
import { openInterestPointShape } from '../open-interest/open-interest.shape';
import { latestFundingJoin, latestOpenInterestJoin } from './latest-readings';

/** Venue for planned statements (app/planned), from a `venue` row aliased `alias`. */
export const venueShape = (alias: string): JsonShape => ({
  typename: 'Venue',
  fields: {
    id: { sql: sqlScalar.id(`${alias}.id`), kind: 'token' },
    slug: { sql: `${alias}.slug`, kind: 'text' },
    name: { sql: `${alias}.name`, kind: 'text' },
    kind: { sql: `${alias}.kind`, kind: 'token' },
    completeness: { sql: `${alias}.liquidation_completeness`, kind: 'token' },
    liquidationsLowerBound: { sql: lowerBoundSql(alias), kind: 'boolean' },
  },
});

/**
 * Instrument for planned statements, from an `instrument` row aliased `i`: its venue, asset and
 * latest readings come through joins named after `i`, so two instruments in one statement
 * would need another alias (none of the plans has two).
 */
export const instrumentShape = (i: string): JsonShape => ({
  typename: 'Instrument',
  fields: {
    id: { sql: sqlScalar.id(`${i}.id`), kind: 'token' },
    symbol: { sql: `${i}.symbol`, kind: 'text' },
    contractType: { sql: `${i}.contract_type`, kind: 'token' },
    marginType: { sql: `${i}.margin_type`, kind: 'token' },
    quoteCurrency: { sql: `${i}.quote_currency`, kind: 'text' },
    contractSize: { sql: `${i}.contract_size`, kind: 'number' },
    expiresAt: { sql: sqlScalar.dateTime(`${i}.expires_at`), kind: 'token', nullable: true },
    active: { sql: `${i}.active`, kind: 'boolean' },
    fundingIntervalHours: { sql: `${i}.funding_interval_hours`, kind: 'number', nullable: true },
    venue: { shape: venueShape(`${i}_v`), join: { alias: `${i}_v`, sql: `JOIN venue ${i}_v ON ${i}_v.id = ${i}.venue_id` } },
    asset: { shape: assetShape(`${i}_a`), join: { alias: `${i}_a`, sql: `JOIN asset ${i}_a ON ${i}_a.id = ${i}.asset_id` } },
    // latest-readings.ts's newest-row probes, with the field resolvers' null rules.
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
});
