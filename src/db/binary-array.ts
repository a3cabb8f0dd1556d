/**
 * One-dimensional Postgres arrays in the binary wire format (array_send / array_recv), for
 * bulk writes whose columns travel as array parameters. node-postgres sends a Buffer parameter
 * in binary format, and the server reads it with the receive function of the type the
 * statement casts it to (`$1::float8[]`): no text formatting here, no text parsing there —
 * dates and doubles, the bulk of a liquidation batch, were most of both.
 *
 * Values are exact: a double goes as its IEEE bits, a Date as microseconds since 2000-01-01 UTC
 * (Postgres' integer timestamps), so what is stored is what JavaScript held.
 */

export type BinaryArrayType = 'int' | 'bigint' | 'float8' | 'timestamptz' | 'text';

/** Element type OIDs (fixed in pg_type.dat); array_recv checks the element type it is sent. */
const elementOid: Record<BinaryArrayType, number> = { int: 23, bigint: 20, float8: 701, timestamptz: 1184, text: 25 };
const fixedWidth: Partial<Record<BinaryArrayType, number>> = { int: 4, bigint: 8, float8: 8, timestamptz: 8 };

/** 2000-01-01T00:00:00Z, Postgres' timestamp epoch, in Unix milliseconds. */
const postgresEpochMs = 946_684_800_000;

function invalid(type: BinaryArrayType, value: unknown, index: number): TypeError {
  return new TypeError(`element ${index} of a ${type}[] parameter is not a valid ${type}: ${String(value)}`);
}

const twoTo32 = 4_294_967_296;
/** |µs| below this is exact in a double (about ±285 years around 2000). */
const exactMicros = Number.MAX_SAFE_INTEGER;

/** `values` as a binary array of `type`; null and undefined become SQL NULL. */
export function binaryArray(type: BinaryArrayType, values: readonly unknown[]): Buffer {
  const width = fixedWidth[type];
  const count = values.length;
  // Text is measured first and written in place: a Buffer per string was most of the garbage.
  const texts = width === undefined ? values.map((v) => (v === null || v === undefined ? null : String(v))) : undefined;
  let hasNull = false;
  // Header: ndim, flags, element type, then (length, lower bound) for the one dimension.
  let size = count === 0 ? 12 : 20;
  for (let i = 0; i < count; i++) {
    const isNull = values[i] === null || values[i] === undefined;
    hasNull ||= isNull;
    size += 4 + (isNull ? 0 : (width ?? Buffer.byteLength(texts![i]!, 'utf8')));
  }
  const buffer = Buffer.allocUnsafe(size);
  let offset = buffer.writeInt32BE(count === 0 ? 0 : 1, 0);
  offset = buffer.writeInt32BE(hasNull ? 1 : 0, offset);
  offset = buffer.writeInt32BE(elementOid[type], offset);
  if (count === 0) return buffer;
  offset = buffer.writeInt32BE(count, offset);
  offset = buffer.writeInt32BE(1, offset);
  for (let i = 0; i < count; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      offset = buffer.writeInt32BE(-1, offset);
      continue;
    }
    switch (type) {
      case 'int':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < -2147483648 || value > 2147483647) throw invalid(type, value, i);
        offset = buffer.writeInt32BE(4, offset);
        offset = buffer.writeInt32BE(value, offset);
        break;
      case 'bigint':
        if (!(typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value)))) throw invalid(type, value, i);
        offset = buffer.writeInt32BE(8, offset);
        offset = buffer.writeBigInt64BE(BigInt(value), offset);
        break;
      case 'float8':
        // NaN and ±Infinity are valid float8 values in Postgres too.
        if (typeof value !== 'number') throw invalid(type, value, i);
        offset = buffer.writeInt32BE(8, offset);
        offset = buffer.writeDoubleBE(value, offset);
        break;
      case 'timestamptz': {
        const ms = value instanceof Date ? value.getTime() : NaN;
        if (!Number.isFinite(ms)) throw invalid(type, value, i);
        offset = buffer.writeInt32BE(8, offset);
        const micros = (ms - postgresEpochMs) * 1000;
        if (Math.abs(micros) <= exactMicros) {
          // Two 32-bit halves of the int64, without a BigInt per value.
          const high = Math.floor(micros / twoTo32);
          offset = buffer.writeInt32BE(high, offset);
          offset = buffer.writeUInt32BE(micros - high * twoTo32, offset);
        } else {
          offset = buffer.writeBigInt64BE(BigInt(ms - postgresEpochMs) * 1000n, offset);
        }
        break;
      }
      case 'text': {
        const text = texts![i]!;
        const length = Buffer.byteLength(text, 'utf8');
        offset = buffer.writeInt32BE(length, offset);
        offset += buffer.write(text, offset, length, 'utf8');
        break;
      }
    }
  }
  return buffer;
}
