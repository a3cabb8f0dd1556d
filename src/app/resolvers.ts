import { NonEmptyArray } from 'type-graphql';
import { AssetResolver } from '../domains/assets/asset.resolver';
import { BasisResolver } from '../domains/basis/basis.resolver';
import { CascadeResolver } from '../domains/cascades/cascade.resolver';
import { AssetCohortsResolver, CohortResolver } from '../domains/cohorts/cohort.resolver';
import { DepthResolver } from '../domains/depth/depth.resolver';
import { AssetEtfsResolver, EtfFlowResolver, EtfResolver } from '../domains/etfs/etf.resolver';
import { ExchangeFlowResolver } from '../domains/exchange-flows/exchange-flow.resolver';
import { FundingResolver, InstrumentFundingResolver } from '../domains/funding/funding.resolver';
import { LiquidationResolver } from '../domains/liquidations/liquidation.resolver';
import { IngestionStatusResolver } from '../ingest/status/ingestion-status.resolver';
import { InstrumentOpenInterestResolver, OpenInterestResolver } from '../domains/open-interest/open-interest.resolver';
import { PositioningResolver } from '../domains/positioning/positioning.resolver';
import { SignalsResolver } from '../domains/signals/signals.resolver';
import { TakerVolumeResolver } from '../domains/taker-volume/taker-volume.resolver';
import { TimelineResolver } from '../domains/timeline/timeline.resolver';
import { DislocationResolver } from '../domains/prices/dislocation.resolver';
import { CoinbasePremiumResolver } from '../domains/spot-premium/coinbase-premium.resolver';
import { AssetPriceResolver } from '../domains/prices/price.resolver';
import { AssetInstrumentsResolver, InstrumentResolver } from '../domains/venues/instrument.resolver';
import { VenueResolver } from '../domains/venues/venue.resolver';
import { DataSourceResolver } from '../domains/sources/data-source.resolver';
import { ViewerResolver } from '../domains/keys/viewer.resolver';
import { ErrorCodesResolver } from './error-codes.resolver';

/** Every resolver class of the schema, one per domain role. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  AssetResolver,
  AssetPriceResolver,
  AssetInstrumentsResolver,
  VenueResolver,
  InstrumentResolver,
  InstrumentOpenInterestResolver,
  InstrumentFundingResolver,
  LiquidationResolver,
  OpenInterestResolver,
  PositioningResolver,
  FundingResolver,
  TakerVolumeResolver,
  BasisResolver,
  DepthResolver,
  EtfResolver,
  EtfFlowResolver,
  AssetEtfsResolver,
  CohortResolver,
  AssetCohortsResolver,
  ExchangeFlowResolver,
  IngestionStatusResolver,
  SignalsResolver,
  TimelineResolver,
  CascadeResolver,
  DislocationResolver,
  CoinbasePremiumResolver,
  ViewerResolver,
  DataSourceResolver,
  ErrorCodesResolver,
];
