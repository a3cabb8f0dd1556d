import { createHash } from 'node:crypto';

/**
 * Venue payloads carry numbers as strings (Binance, Bybit, OKX, Hyperliquid) or JSON numbers
 * (Deribit, Coinbase). These helpers accept both and refuse anything else loudly, so a renamed
 * field fails a run instead of storing NaN or 0.
 */
export function num(value: unknown, field: string): number {
  const parsed = optNum(value, field);
  if (parsed === null) throw new Error(`missing number in field ${field}`);
  return parsed;
}

/** `""`, null and absent mean "not available" (Bybit, OKX): null, never 0. */
export function optNum(value: unknown, field: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(parsed)) throw new Error(`not a number in field ${field}: ${JSON.stringify(value)}`);
  return parsed;
}

/** Millisecond timestamps arrive as numbers or strings (Bybit, OKX; Binance openInterestHist both). */
export function msTime(value: unknown, field: string): Date {
  const ms = num(value, field);
  if (ms <= 0) throw new Error(`not a timestamp in field ${field}: ${JSON.stringify(value)}`);
  return new Date(ms);
}

export function optMsTime(value: unknown, field: string): Date | null {
  const ms = optNum(value, field);
  return ms === null || ms <= 0 ? null : new Date(ms);
}

/** Venue settlements fall on whole UTC hours; stamps a few ms late are rounded to the hour. */
export function roundToHour(time: Date): Date {
  const hourMs = 3_600_000;
  return new Date(Math.round(time.getTime() / hourMs) * hourMs);
}

/** A stable event key for venues that send no id: the same event always digests the same. */
export function eventDigest(parts: Array<string | number>): string {
  return createHash('sha1').update(parts.map(String).join('|')).digest('hex').slice(0, 32);
}
