import { CascadeError } from '../../core/errors';

/**
 * A page position: the (occurred_at, id) of the last row seen. Microseconds, not a Date, so
 * two events in the same millisecond never collapse into one position.
 */
export interface LiquidationPosition {
  occurredAtMicros: string;
  id: string;
}

// The version prefix lets the format change later without misreading cursors already issued.
const version = 'l1';
const shape = /^l1:(\d{1,17}):(\d{1,19})$/;

export function encodeLiquidationCursor(position: LiquidationPosition): string {
  return Buffer.from(`${version}:${position.occurredAtMicros}:${position.id}`, 'utf8').toString('base64url');
}

/**
 * encodeLiquidationCursor in SQL, over a liquidation row aliased `l`: base64url (no padding) of
 * `l1:<occurred_at µs>:<id>`. Every cursor served is written by this (liquidationShape's
 * `cursor`, for the resolvers' rows and the planned JSON alike); the JS encoder above only
 * checks that a cursor given back is spelled canonically.
 */
export const liquidationCursorSql = (l: string) =>
  `translate(encode(convert_to('${version}:' || (extract(epoch FROM ${l}.occurred_at) * 1000000)::bigint::text || ':' || ${l}.id::text, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;

function invalidCursor(): CascadeError {
  return new CascadeError('INVALID_CURSOR', '`after` is not a cursor issued by `liquidations`: pass an `endCursor` or edge `cursor` unchanged.', {
    argument: 'after',
  });
}

/** The position an `after` argument names; anything this API did not issue is refused. */
export function decodeLiquidationCursor(cursor: string): LiquidationPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = shape.exec(text);
  if (!match) throw invalidCursor();
  const position = { occurredAtMicros: BigInt(match[1]).toString(), id: BigInt(match[2]).toString() };
  // Base64url decoding forgives stray characters and padding; only the canonical spelling counts.
  if (encodeLiquidationCursor(position) !== cursor) throw invalidCursor();
  if (BigInt(position.id) > 9223372036854775807n) throw invalidCursor();
  return position;
}
