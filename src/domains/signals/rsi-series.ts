import { Db } from '../../db/sql';
import { findRsiInputs } from '../prices/candle.service';
import { bucketJudgedAt } from '../shared/judged-at';
import { BucketRange } from '../shared/series';
import { rsiAt } from './rsi';

/**
 * RSI(14) of every bucket of a range, judged at the bucket's end (shared/judged-at.ts): the
 * same value marketSnapshot gives at that instant. One statement (daily closes and the last
 * price at each judged instant) and one linear pass.
 */
export async function findBucketRsi(db: Db, assetId: number, range: BucketRange, knownAt?: Date | null): Promise<Array<number | null>> {
  const judged = bucketJudgedAt(range);
  const { dailyCloses, prices } = await findRsiInputs(db, assetId, judged, range.to, knownAt);
  return rsiAt(dailyCloses, judged.map((at, i) => ({ at, price: prices[i] })));
}
