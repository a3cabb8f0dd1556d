import { CascadeError } from '../../core/errors';

/** A `Date` scalar argument (parsed by graphql-scalars as UTC midnight) as `YYYY-MM-DD`. */
export function toDay(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** Validates a `from`/`to` pair of days (`to` exclusive). */
export function dayRange(from: Date | null | undefined, to: Date | null | undefined): { from: string | null; to: string | null } {
  const range = { from: toDay(from), to: toDay(to) };
  if (range.from && range.to && range.from >= range.to) {
    throw new CascadeError('INVALID_TIME_RANGE', `\`from\` (${range.from}) must be before \`to\` (${range.to}); \`to\` is exclusive.`, { argument: 'from' });
  }
  return range;
}
