import DataLoader from 'dataloader';
import { Db } from '../../db/sql';
import { Interval } from '../shared/enums';
import { groupByKey, indexByKey, LoaderFamily } from '../shared/loader-family';
import { bucketRange } from '../shared/series';
import { CandleBucketRow, findCandleBuckets, findLatestPrices } from './candle.service';

export function createPriceLoaders(db: Db) {
  return {
    latestPrice: new DataLoader<number, number | null>(async (assetIds) =>
      indexByKey(assetIds, await findLatestPrices(db, assetIds), (r) => r.asset_id).map((r) => r?.close ?? null),
    ),
    candles: new LoaderFamily<{ interval: Interval; from: string; to: string | null; knownAt: string | null }, number, CandleBucketRow[]>(async (args, assetIds) => {
      const range = bucketRange(args.interval, new Date(args.from), args.to ? new Date(args.to) : null);
      const knownAt = args.knownAt ? new Date(args.knownAt) : null;
      return groupByKey(assetIds, await findCandleBuckets(db, assetIds, range, knownAt), (r) => r.asset_id);
    }),
  };
}
