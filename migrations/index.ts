import { InitialModel1764000000000 } from './1764000000000-initial-model';
import { IngestionWatermark1764100000000 } from './1764100000000-ingestion-watermark';
import { AssetSupply1764200000000 } from './1764200000000-asset-supply';
import { HourlyRollups1764300000000 } from './1764300000000-hourly-rollups';
import { ApiKeys1764800000000 } from './1764800000000-api-keys';
import { LiquidationCompleteness1764900000000 } from './1764900000000-liquidation-completeness';
import { DepthUnknownBands1765100000000 } from './1765100000000-depth-unknown-bands';
import { BybitOpenInterestOneSide1765200000000 } from './1765200000000-bybit-open-interest-one-side';
import { SourcePause1765300000000 } from './1765300000000-source-pause';
import { IngestionRunHourly1765400000000 } from './1765400000000-ingestion-run-hourly';
import { StreamSilence1765500000000 } from './1765500000000-stream-silence';
import { StreamSilenceRepaired1765600000000 } from './1765600000000-stream-silence-repaired';
import { SourceCandles1796409240563 } from './1796409240563-source-candles';
import { PositioningRatio1796409271312 } from './1796409271312-positioning-ratio';
import { TakerVolume1796409280933 } from './1796409280933-taker-volume';

/** Every migration in order; listed explicitly so the compiled app needs no glob at run time. */
export const migrations = [InitialModel1764000000000, IngestionWatermark1764100000000, AssetSupply1764200000000, HourlyRollups1764300000000, ApiKeys1764800000000, LiquidationCompleteness1764900000000, DepthUnknownBands1765100000000, BybitOpenInterestOneSide1765200000000, SourcePause1765300000000, IngestionRunHourly1765400000000, StreamSilence1765500000000, StreamSilenceRepaired1765600000000, SourceCandles1796409240563, PositioningRatio1796409271312, TakerVolume1796409280933];
