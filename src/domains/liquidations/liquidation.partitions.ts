import { Db } from '../../db/sql';

/** Per database (pool): months whose partition this process has already made sure of. */
const knownMonthsByPool = new WeakMap<object, Set<string>>();

function monthKey(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Makes sure every month a batch touches has its own partition, in one statement for the
 * months not seen before. The default partition catches anything that slips past.
 */
export async function ensureLiquidationPartitions(db: Db, times: Date[]): Promise<void> {
  let knownMonths = knownMonthsByPool.get(db.pool);
  if (!knownMonths) knownMonthsByPool.set(db.pool, (knownMonths = new Set()));
  const missing = new Map<string, Date>();
  // Batches are mostly in time order: a row inside the month just checked needs no key.
  let monthStart = NaN;
  let monthEnd = NaN;
  for (const time of times) {
    const ms = time.getTime();
    if (ms >= monthStart && ms < monthEnd) continue;
    monthStart = Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), 1);
    monthEnd = Date.UTC(time.getUTCFullYear(), time.getUTCMonth() + 1, 1);
    const key = monthKey(time);
    if (!knownMonths.has(key) && !missing.has(key)) missing.set(key, new Date(`${key}-01T00:00:00Z`));
  }
  if (missing.size === 0) return;
  await db.query('SELECT cascade_ensure_liquidation_partition(m) FROM unnest($1::timestamptz[]) AS m', [[...missing.values()]]);
  for (const key of missing.keys()) knownMonths.add(key);
}

