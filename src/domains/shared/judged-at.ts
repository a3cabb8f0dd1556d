import { BucketRange, intervalMs } from './series';

/**
 * The instant each bucket of a range is judged at, for figures that are readings at a time
 * (RSI, the 7-day ETF flow): the bucket's end, or `to` for a last bucket that `to` cuts short.
 * Nothing after that instant (or published after it) may enter the bucket's value.
 */
export function bucketJudgedAt(range: BucketRange): Date[] {
  const width = intervalMs[range.interval];
  const to = range.to.getTime();
  return Array.from({ length: range.bucketCount }, (_, i) => new Date(Math.min(range.firstStart.getTime() + (i + 1) * width, to)));
}
